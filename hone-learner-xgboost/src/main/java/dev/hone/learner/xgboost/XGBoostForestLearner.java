package dev.hone.learner.xgboost;

/**
 * The {@link XGBoostVariant#RANDOM_FOREST} learner: the XGBoost random forest (one round of num_parallel_tree trees), registered through {@link
 * java.util.ServiceLoader} under the name {@code xgboost-rf}. See {@link XGBoostLearner}.
 */
public final class XGBoostForestLearner extends XGBoostLearner {
  /** The RANDOM_FOREST variant. */
  public XGBoostForestLearner() {
    super(XGBoostVariant.RANDOM_FOREST);
  }
}
