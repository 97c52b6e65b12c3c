package dev.hone.learner.xgboost;

/**
 * The {@link XGBoostVariant#DART} learner: DART boosted trees with dropout, registered through {@link
 * java.util.ServiceLoader} under the name {@code xgboost-dart}. See {@link XGBoostLearner}.
 */
public final class XGBoostDartLearner extends XGBoostLearner {
  /** The DART variant. */
  public XGBoostDartLearner() {
    super(XGBoostVariant.DART);
  }
}
