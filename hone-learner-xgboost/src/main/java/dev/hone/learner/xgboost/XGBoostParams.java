package dev.hone.learner.xgboost;

import dev.hone.core.error.InvalidParameterException;
import dev.hone.core.params.ParamSet;
import dev.hone.core.params.ParamSpec;
import dev.hone.core.params.SearchHint;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every hyperparameter of the {@code xgboost} learner, each declared exactly once as a {@link
 * ParamSpec}: its name, documentation (with units), default, valid range and default search range.
 * Validation, CLI help, the default search space and provenance all read these objects, so no
 * default or range is stated anywhere else.
 *
 * <p>Names are the ones XGBoost itself accepts ({@code learning_rate}, {@code reg_lambda} and
 * {@code reg_alpha} are XGBoost's documented aliases of {@code eta}, {@code lambda} and {@code
 * alpha}); they are passed to the engine unchanged. Two parameters drive Hone's own training loop
 * and are never sent to the booster: {@link #N_ESTIMATORS} and {@link #EARLY_STOPPING_ROUNDS}
 * (named as in XGBoost's scikit-learn interface).
 *
 * <p>Defaults are XGBoost 3.x's documented defaults (XGBoost documentation, "XGBoost Parameters",
 * tree booster section), except {@code n_estimators} (XGBoost's {@code xgb.train} takes the number
 * of rounds as an argument without a default; see {@link #N_ESTIMATORS}). Valid ranges follow that
 * documentation; where Hone is narrower it says why in the parameter's Javadoc.
 */
public final class XGBoostParams {
  private XGBoostParams() {}

  /**
   * Shrinkage multiplied into every new tree's leaf weights (XGBoost {@code eta}). Default 0.3,
   * valid {@code (0, 1]}: XGBoost documents {@code [0, 1]}, but 0 makes every tree contribute
   * nothing, so Hone rejects it. Searched on a log scale over {@code [0.01, 0.3]}, the range where
   * early stopping finds a useful number of rounds within the default round budget.
   */
  public static final ParamSpec LEARNING_RATE =
      ParamSpec.floatParam(
          "learning_rate",
          "Shrinkage applied to each new tree's leaf weights (XGBoost eta); unit-less factor.",
          0.3, 0.0, false, 1.0, true,
          SearchHint.logRange(0.01, 0.3));

  /**
   * Maximum depth of a tree, in levels of splits. Default 6, valid {@code [0, 2^31-1]} (XGBoost
   * documents {@code [0, ∞]}; the engine stores it as a 32-bit int). 0 means no depth limit and is
   * accepted only with {@code tree_method} {@code hist} or {@code approx}. Searched over {@code [2,
   * 10]}.
   */
  public static final ParamSpec MAX_DEPTH =
      ParamSpec.intParam(
          "max_depth",
          "Maximum tree depth in levels of splits; 0 = unlimited (hist and approx only).",
          6, 0, Integer.MAX_VALUE,
          SearchHint.range(2, 10));

  /**
   * Minimum sum of instance hessians a child node must hold for a split to be kept. For squared
   * error the hessian is 1 per row (so this is a row count); for logistic loss it is {@code p(1-p)
   * ≤ 0.25} per row. Default 1, valid {@code [0, ∞)}. Searched on a log scale over {@code [0.01,
   * 100]}: from practically no constraint up to about 100 rows per leaf for regression.
   */
  public static final ParamSpec MIN_CHILD_WEIGHT =
      ParamSpec.floatParam(
          "min_child_weight",
          "Minimum sum of instance hessians in a child node (rows, for squared error).",
          1.0, 0.0, true, Double.POSITIVE_INFINITY, false,
          SearchHint.logRange(0.01, 100));

  /**
   * Fraction of training rows sampled (without replacement) before growing each tree. Default 1,
   * valid {@code (0, 1]}; searched over {@code [0.5, 1]}. Values below 1 make training depend on the
   * seed.
   */
  public static final ParamSpec SUBSAMPLE =
      ParamSpec.floatParam(
          "subsample",
          "Fraction of training rows sampled for each tree; unit-less, in (0, 1].",
          1.0, 0.0, false, 1.0, true,
          SearchHint.range(0.5, 1.0));

  /**
   * Fraction of feature columns sampled for each tree. Default 1, valid {@code (0, 1]}; searched
   * over {@code [0.5, 1]}.
   */
  public static final ParamSpec COLSAMPLE_BYTREE =
      ParamSpec.floatParam(
          "colsample_bytree",
          "Fraction of feature columns sampled for each tree; unit-less, in (0, 1].",
          1.0, 0.0, false, 1.0, true,
          SearchHint.range(0.5, 1.0));

  /**
   * L2 penalty on leaf weights (XGBoost {@code lambda}), in units of the objective's hessian sum.
   * Default 1, valid {@code [0, ∞)}; searched on a log scale over {@code [0.001, 10]}.
   */
  public static final ParamSpec REG_LAMBDA =
      ParamSpec.floatParam(
          "reg_lambda",
          "L2 regularisation of leaf weights (XGBoost lambda); added to each leaf's hessian sum.",
          1.0, 0.0, true, Double.POSITIVE_INFINITY, false,
          SearchHint.logRange(1e-3, 10));

  /**
   * L1 penalty on leaf weights (XGBoost {@code alpha}), in units of the objective's gradient sum.
   * Default 0, valid {@code [0, ∞)}. Searched on a log scale over {@code [0.001, 10]}: a log range
   * cannot contain 0, and 0.001 is negligible next to the gradient sums of any leaf holding a
   * handful of rows, so the low end of the range acts as "no L1 penalty".
   */
  public static final ParamSpec REG_ALPHA =
      ParamSpec.floatParam(
          "reg_alpha",
          "L1 regularisation of leaf weights (XGBoost alpha); subtracted from each leaf's gradient"
              + " sum.",
          0.0, 0.0, true, Double.POSITIVE_INFINITY, false,
          SearchHint.logRange(1e-3, 10));

  /**
   * Minimum loss reduction needed to keep a split (XGBoost {@code gamma}, alias of {@code
   * min_split_loss}), in units of the training objective summed over the node's rows. Default 0,
   * valid {@code [0, ∞)}; searched linearly over {@code [0, 5]}.
   */
  public static final ParamSpec GAMMA =
      ParamSpec.floatParam(
          "gamma",
          "Minimum loss reduction needed to keep a split, in objective units summed over the node.",
          0.0, 0.0, true, Double.POSITIVE_INFINITY, false,
          SearchHint.range(0.0, 5.0));

  /**
   * Maximum number of boosting rounds (one tree per round, or one per class for multiclass).
   * Default 1000, valid {@code [1, 100000]}; not searched. With a validation set and early stopping
   * on this is only an upper bound, so it is set high and early stopping picks the number of rounds
   * actually used. <b>Without a validation set exactly this many rounds are trained</b>, so set it
   * explicitly in that case. Not sent to the booster.
   */
  public static final ParamSpec N_ESTIMATORS =
      ParamSpec.intParam(
          "n_estimators",
          "Maximum number of boosting rounds; an upper bound when early stopping is on.",
          1000, 1, 100_000,
          null);

  /**
   * Early stopping patience in rounds: training stops after this many consecutive rounds without a
   * strict improvement of the validation metric, and the model keeps the rounds up to the best one.
   * 0 turns early stopping off. Default 50, valid {@code [0, 100000]}; not searched; ignored
   * without a validation set. Not sent to the booster.
   */
  public static final ParamSpec EARLY_STOPPING_ROUNDS =
      ParamSpec.intParam(
          "early_stopping_rounds",
          "Stop after this many rounds without validation improvement; 0 = off.",
          50, 0, 100_000,
          null);

  /**
   * Tree construction algorithm: {@code hist} (histogram of quantised features, XGBoost's default
   * since 2.0), {@code approx} (quantiles recomputed every round) or {@code exact} (greedy over all
   * values). Default {@code hist}; not searched.
   */
  public static final ParamSpec TREE_METHOD =
      ParamSpec.choiceParam(
          "tree_method",
          "Tree construction algorithm.",
          "hist", List.of("hist", "approx", "exact"),
          null);

  /**
   * Maximum number of histogram bins per feature for {@code hist} and {@code approx}. Default 256,
   * valid {@code [2, 2^31-1]}; not searched. It has no meaning for {@code exact}, so a non-default
   * value together with {@code tree_method=exact} is rejected rather than silently ignored.
   */
  public static final ParamSpec MAX_BIN =
      ParamSpec.intParam(
          "max_bin",
          "Maximum number of histogram bins per feature (hist and approx only).",
          256, 2, Integer.MAX_VALUE,
          null);

  private static final List<ParamSpec> ALL =
      List.of(
          LEARNING_RATE,
          MAX_DEPTH,
          MIN_CHILD_WEIGHT,
          SUBSAMPLE,
          COLSAMPLE_BYTREE,
          REG_LAMBDA,
          REG_ALPHA,
          GAMMA,
          N_ESTIMATORS,
          EARLY_STOPPING_ROUNDS,
          TREE_METHOD,
          MAX_BIN);

  /** Parameters read by Hone's training loop; never passed to the booster. */
  static final Set<String> LOOP_ONLY = Set.of(N_ESTIMATORS.name(), EARLY_STOPPING_ROUNDS.name());

  /** Every parameter, in the order shown to users (unmodifiable). */
  public static List<ParamSpec> all() {
    return ALL;
  }

  /**
   * Checks constraints that involve more than one parameter.
   *
   * @throws InvalidParameterException naming the parameters and what to change
   */
  static void checkCombination(ParamSet params) {
    String method = params.getString(TREE_METHOD.name());
    if ("exact".equals(method)) {
      if (params.getLong(MAX_DEPTH.name()) == 0) {
        throw new InvalidParameterException(
            "max_depth was 0 (unlimited), which tree_method=exact does not support: set max_depth"
                + " >= 1 or use tree_method=hist or approx");
      }
      long bins = params.getLong(MAX_BIN.name());
      if (bins != ((Number) MAX_BIN.defaultValue()).longValue()) {
        throw new InvalidParameterException(
            "max_bin was " + bins + " but tree_method=exact does not use bins: remove max_bin or"
                + " use tree_method=hist or approx");
      }
    }
  }

  /**
   * The booster parameters of {@code params} as XGBoost expects them: every declared parameter
   * except the loop-only ones, with {@code max_bin} left out for {@code exact}.
   */
  static Map<String, Object> boosterParams(ParamSet params) {
    Map<String, Object> out = new LinkedHashMap<>();
    boolean exact = "exact".equals(params.getString(TREE_METHOD.name()));
    for (ParamSpec s : ALL) {
      if (LOOP_ONLY.contains(s.name()) || (exact && s == MAX_BIN)) {
        continue;
      }
      out.put(s.name(), params.get(s.name()));
    }
    return out;
  }
}
