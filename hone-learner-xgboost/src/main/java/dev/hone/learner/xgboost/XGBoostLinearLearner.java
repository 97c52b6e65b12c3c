package dev.hone.learner.xgboost;

/**
 * The {@link XGBoostVariant#GBLINEAR} learner: the boosted linear model (gblinear), registered through {@link
 * java.util.ServiceLoader} under the name {@code xgboost-linear}. See {@link XGBoostLearner}.
 */
public final class XGBoostLinearLearner extends XGBoostLearner {
  /** The GBLINEAR variant. */
  public XGBoostLinearLearner() {
    super(XGBoostVariant.GBLINEAR);
  }
}
