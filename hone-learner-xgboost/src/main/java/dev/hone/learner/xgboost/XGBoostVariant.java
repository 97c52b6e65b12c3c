package dev.hone.learner.xgboost;

import dev.hone.core.params.ParamSpec;
import java.util.List;
import java.util.Map;

/**
 * The model families Hone trains with XGBoost, one {@link dev.hone.core.model.Learner} each. Every
 * variant declares its own hyperparameters (with their search ranges), so each family has its own
 * search sub-space; a parameter that means nothing to a variant is not declared by it and is
 * rejected as unknown.
 *
 * <ul>
 *   <li>{@link #GBTREE} ({@code xgboost}, family {@code gbtree}): boosted trees, XGBoost's default
 *       booster (Chen and Guestrin, KDD 2016).
 *   <li>{@link #DART} ({@code xgboost-dart}, family {@code dart}): boosted trees with dropout of
 *       earlier trees while boosting (Rashmi and Gilad-Bachrach, "DART: Dropouts meet Multiple
 *       Additive Regression Trees", AISTATS 2015). Prediction uses every kept tree with its
 *       weight (no dropout at inference).
 *   <li>{@link #GBLINEAR} ({@code xgboost-linear}, family {@code gblinear}): a generalised linear
 *       model boosted by coordinate descent with elastic-net penalties ({@code updater =
 *       coord_descent}, deterministic). XGBoost cannot predict with a prefix of a linear model's
 *       rounds, so this variant trains exactly {@code n_estimators} rounds (searched) without
 *       early stopping.
 *   <li>{@link #RANDOM_FOREST} ({@code xgboost-rf}, family {@code rf}): a random forest in one
 *       boosting round, as XGBoost documents it ("Random Forests(TM) in XGBoost"): {@code
 *       num_parallel_tree} trees grown in parallel on row subsamples ({@code subsample < 1}) with
 *       per-node column sampling ({@code colsample_bynode < 1}), {@code learning_rate = 1}, one
 *       round, no early stopping.
 * </ul>
 */
public enum XGBoostVariant {
  /** Boosted trees. */
  GBTREE("xgboost", "gbtree", "gbtree", XGBoostParams.all(), Map.of()),
  /** Boosted trees with dropout (DART). */
  DART("xgboost-dart", "dart", "dart", XGBoostParams.dart(), Map.of()),
  /** Boosted linear model. */
  GBLINEAR("xgboost-linear", "gblinear", "gblinear", XGBoostParams.linear(),
      Map.of("updater", "coord_descent", "feature_selector", "cyclic")),
  /** Random forest. */
  RANDOM_FOREST("xgboost-rf", "rf", "gbtree", XGBoostParams.forest(),
      Map.of("learning_rate", 1.0));

  private final String learnerName;
  private final String family;
  private final String booster;
  private final List<ParamSpec> specs;
  private final Map<String, Object> fixed;

  XGBoostVariant(String learnerName, String family, String booster, List<ParamSpec> specs,
      Map<String, Object> fixed) {
    this.learnerName = learnerName;
    this.family = family;
    this.booster = booster;
    this.specs = List.copyOf(specs);
    this.fixed = Map.copyOf(fixed);
  }

  /** The registered learner name, e.g. {@code xgboost-dart}. */
  public String learnerName() {
    return learnerName;
  }

  /** The model family name used by {@code --families}, e.g. {@code dart}. */
  public String family() {
    return family;
  }

  /** XGBoost's {@code booster} parameter for this variant. */
  public String booster() {
    return booster;
  }

  /** Every hyperparameter of this variant, in the order shown to users; unmodifiable. */
  public List<ParamSpec> paramSpecs() {
    return specs;
  }

  /** Booster parameters fixed by the variant (not hyperparameters); unmodifiable. */
  Map<String, Object> fixedParams() {
    return fixed;
  }

  /** The variant whose {@link #family()} or {@link #learnerName()} is {@code name}. */
  static XGBoostVariant byName(String name) {
    for (XGBoostVariant v : values()) {
      if (v.family.equals(name) || v.learnerName.equals(name) || v.name().equals(name)) {
        return v;
      }
    }
    throw new IllegalArgumentException("no xgboost variant '" + name + "'");
  }
}
