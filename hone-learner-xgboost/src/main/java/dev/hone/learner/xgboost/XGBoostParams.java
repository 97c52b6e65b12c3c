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

  /**
   * DART: probability of dropping each earlier tree when a round starts (XGBoost {@code
   * rate_drop}). Default 0, valid {@code [0, 1]}; searched over {@code [0, 0.3]}.
   */
  public static final ParamSpec RATE_DROP =
      ParamSpec.floatParam(
          "rate_drop",
          "DART: fraction of earlier trees dropped at each round; in [0, 1].",
          0.0, 0.0, true, 1.0, true,
          SearchHint.range(0.0, 0.3));

  /**
   * DART: probability of skipping the dropout in a round (XGBoost {@code skip_drop}). Default 0,
   * valid {@code [0, 1]}; searched over {@code [0, 0.5]}.
   */
  public static final ParamSpec SKIP_DROP =
      ParamSpec.floatParam(
          "skip_drop",
          "DART: probability of skipping dropout in a round; in [0, 1].",
          0.0, 0.0, true, 1.0, true,
          SearchHint.range(0.0, 0.5));

  /**
   * DART: how dropped trees are chosen: {@code uniform} or {@code weighted} (in proportion to
   * their weights). Default {@code uniform}; searched over both.
   */
  public static final ParamSpec SAMPLE_TYPE =
      ParamSpec.choiceParam(
          "sample_type",
          "DART: how dropped trees are chosen.",
          "uniform", List.of("uniform", "weighted"),
          SearchHint.choices(List.of("uniform", "weighted")));

  /**
   * DART: how a new tree and the dropped ones are re-weighted: {@code tree} or {@code forest}.
   * Default {@code tree}; searched over both.
   */
  public static final ParamSpec NORMALIZE_TYPE =
      ParamSpec.choiceParam(
          "normalize_type",
          "DART: weight normalisation of new and dropped trees.",
          "tree", List.of("tree", "forest"),
          SearchHint.choices(List.of("tree", "forest")));

  /**
   * DART: shrinkage, searched higher than for gbtree ({@code [0.05, 0.5]}, log scale) because
   * DART is given a smaller round budget ({@link #DART_ROUNDS}).
   */
  public static final ParamSpec DART_LEARNING_RATE =
      ParamSpec.floatParam(
          "learning_rate",
          "Shrinkage applied to each new tree's leaf weights (XGBoost eta); unit-less factor.",
          0.3, 0.0, false, 1.0, true,
          SearchHint.logRange(0.05, 0.5));

  /**
   * DART: at most 100 rounds (see {@link #DART_LEARNING_RATE}): DART's training and validation
   * predictions cannot use XGBoost's prediction cache, so a round costs time proportional to the
   * rounds before it and the whole fit grows with the square of the rounds.
   */
  public static final ParamSpec DART_ROUNDS =
      ParamSpec.intParam(
          "n_estimators",
          "Maximum number of boosting rounds; an upper bound when early stopping is on.",
          100, 1, 100_000,
          null);

  /** DART: early stopping patience of 15 rounds (DART has 100 rounds at most). */
  public static final ParamSpec DART_EARLY_STOPPING_ROUNDS =
      ParamSpec.intParam(
          "early_stopping_rounds",
          "Stop after this many rounds without validation improvement; 0 = off.",
          15, 0, 100_000,
          null);

  /**
   * gblinear: step size of each coordinate-descent round. Default 0.5, valid {@code (0, 1]};
   * searched on a log scale over {@code [0.1, 1]}: coordinate descent takes Newton steps per
   * weight, so steps near 1 converge in a few dozen rounds.
   */
  public static final ParamSpec LINEAR_LEARNING_RATE =
      ParamSpec.floatParam(
          "learning_rate",
          "Step size of each boosting round of the linear model; unit-less factor.",
          0.5, 0.0, false, 1.0, true,
          SearchHint.logRange(0.1, 1.0));

  /**
   * gblinear: L2 penalty on the weights. XGBoost multiplies it by the sum of instance weights
   * (the number of training rows), so it is a per-row penalty: 1 already shrinks every weight
   * hard. Default 0, valid {@code [0, ∞)}; searched on a log scale over {@code [1e-6, 0.1]}.
   */
  public static final ParamSpec LINEAR_REG_LAMBDA =
      ParamSpec.floatParam(
          "reg_lambda",
          "L2 penalty on the linear weights per training row (XGBoost lambda).",
          0.0, 0.0, true, Double.POSITIVE_INFINITY, false,
          SearchHint.logRange(1e-6, 0.1));

  /**
   * gblinear: L1 penalty on the weights (drives weights to exactly zero), per training row as
   * {@link #LINEAR_REG_LAMBDA}. Default 0, valid {@code [0, ∞)}; searched on a log scale over
   * {@code [1e-6, 0.1]}.
   */
  public static final ParamSpec LINEAR_REG_ALPHA =
      ParamSpec.floatParam(
          "reg_alpha",
          "L1 penalty on the linear weights per training row (XGBoost alpha).",
          0.0, 0.0, true, Double.POSITIVE_INFINITY, false,
          SearchHint.logRange(1e-6, 0.1));

  /**
   * gblinear: number of coordinate-descent rounds, trained exactly (see {@link
   * XGBoostVariant#GBLINEAR}). Default 50, valid {@code [1, 100000]}; searched on a log scale
   * over {@code [10, 100]}: with steps near 1 coordinate descent has converged well before 100
   * rounds, and each round visits every feature over every row.
   */
  public static final ParamSpec LINEAR_ROUNDS =
      ParamSpec.intParam(
          "n_estimators",
          "Number of boosting rounds of the linear model (trained exactly; no early stopping).",
          50, 1, 100_000,
          SearchHint.logRange(10, 100));

  /** gblinear and random forest: early stopping off (fixed; not searched). */
  public static final ParamSpec NO_EARLY_STOPPING =
      ParamSpec.intParam(
          "early_stopping_rounds",
          "Early stopping patience in rounds; fixed at 0 (off) for this family.",
          0, 0, 0,
          null);

  /**
   * Random forest: number of trees grown in the single round (XGBoost {@code
   * num_parallel_tree}). Default 100, valid {@code [1, 100000]}; searched on a log scale over
   * {@code [20, 300]}.
   */
  public static final ParamSpec NUM_PARALLEL_TREE =
      ParamSpec.intParam(
          "num_parallel_tree",
          "Random forest: number of trees grown in parallel in the one round.",
          100, 1, 100_000,
          SearchHint.logRange(20, 300));

  /** Random forest: exactly one round (fixed). */
  public static final ParamSpec FOREST_ROUNDS =
      ParamSpec.intParam(
          "n_estimators",
          "Random forest: one boosting round (fixed).",
          1, 1, 1,
          null);

  /**
   * Random forest: fraction of rows sampled (without replacement) for each tree. Default 0.8,
   * valid {@code (0, 1)}: a forest needs row sampling; searched over {@code [0.5, 0.9]}.
   */
  public static final ParamSpec FOREST_SUBSAMPLE =
      ParamSpec.floatParam(
          "subsample",
          "Random forest: fraction of training rows sampled for each tree; in (0, 1).",
          0.8, 0.0, false, 1.0, false,
          SearchHint.range(0.5, 0.9));

  /**
   * Random forest: fraction of columns sampled at each split node (XGBoost {@code
   * colsample_bynode}). Default 0.8, valid {@code (0, 1)}; searched over {@code [0.3, 0.9]}.
   */
  public static final ParamSpec COLSAMPLE_BYNODE =
      ParamSpec.floatParam(
          "colsample_bynode",
          "Random forest: fraction of columns sampled at each split; in (0, 1).",
          0.8, 0.0, false, 1.0, false,
          SearchHint.range(0.3, 0.9));

  /** Random forest: depth searched deeper ({@code [4, 14]}) than boosting; default 10. */
  public static final ParamSpec FOREST_MAX_DEPTH =
      ParamSpec.intParam(
          "max_depth",
          "Maximum tree depth in levels of splits; 0 = unlimited (hist and approx only).",
          10, 0, Integer.MAX_VALUE,
          SearchHint.range(4, 14));

  private static final List<ParamSpec> DART =
      List.of(
          DART_LEARNING_RATE, MAX_DEPTH, MIN_CHILD_WEIGHT, SUBSAMPLE, COLSAMPLE_BYTREE, REG_LAMBDA,
          REG_ALPHA, GAMMA, RATE_DROP, SKIP_DROP, SAMPLE_TYPE, NORMALIZE_TYPE, DART_ROUNDS,
          DART_EARLY_STOPPING_ROUNDS, TREE_METHOD, MAX_BIN);

  private static final List<ParamSpec> LINEAR =
      List.of(LINEAR_LEARNING_RATE, LINEAR_REG_LAMBDA, LINEAR_REG_ALPHA, LINEAR_ROUNDS,
          NO_EARLY_STOPPING);

  private static final List<ParamSpec> FOREST =
      List.of(NUM_PARALLEL_TREE, FOREST_MAX_DEPTH, MIN_CHILD_WEIGHT, FOREST_SUBSAMPLE,
          COLSAMPLE_BYNODE, REG_LAMBDA, FOREST_ROUNDS, NO_EARLY_STOPPING, TREE_METHOD, MAX_BIN);

  /** The DART variant's parameters (unmodifiable). */
  public static List<ParamSpec> dart() {
    return DART;
  }

  /** The gblinear variant's parameters (unmodifiable). */
  public static List<ParamSpec> linear() {
    return LINEAR;
  }

  /** The random-forest variant's parameters (unmodifiable). */
  public static List<ParamSpec> forest() {
    return FOREST;
  }

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
    if (!params.asMap().containsKey(TREE_METHOD.name())) {
      return; // gblinear: no trees
    }
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
    return boosterParams(params, XGBoostVariant.GBTREE);
  }

  /**
   * The booster parameters of {@code params} for {@code variant}: its declared parameters except
   * the loop-only ones ({@code max_bin} left out for {@code exact}), then {@code booster} (left
   * to XGBoost's default {@code gbtree} for the gbtree variant) and the variant's fixed
   * parameters.
   */
  static Map<String, Object> boosterParams(ParamSet params, XGBoostVariant variant) {
    Map<String, Object> out = new LinkedHashMap<>();
    boolean exact = params.asMap().containsKey(TREE_METHOD.name())
        && "exact".equals(params.getString(TREE_METHOD.name()));
    for (ParamSpec s : variant.paramSpecs()) {
      if (LOOP_ONLY.contains(s.name()) || (exact && s == MAX_BIN)) {
        continue;
      }
      out.put(s.name(), params.get(s.name()));
    }
    if (variant != XGBoostVariant.GBTREE) {
      out.put("booster", variant.booster());
    }
    out.putAll(variant.fixedParams());
    return out;
  }
}
