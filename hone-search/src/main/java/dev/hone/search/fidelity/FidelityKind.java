package dev.hone.search.fidelity;

/**
 * What a {@link Fidelity} scales down. Every kind is expressed as a fraction in {@code (0, 1]} of
 * the full-fidelity resource, so that kinds compose by multiplying their nominal costs.
 */
public enum FidelityKind {
  /** Everything at full size: all rounds, rows, features, full resolution. */
  FULL("full"),
  /**
   * Boosting rounds (or training epochs): a fraction of the learner's maximum number of rounds;
   * nominal cost proportional to the fraction.
   */
  ROUNDS("rounds"),
  /**
   * A seeded subsample of the training rows (stratified by class for classification); the
   * validation rows are kept whole so that scores stay comparable. Nominal cost proportional to
   * the fraction.
   */
  ROW_FRACTION("rows"),
  /** A seeded subset of the feature columns; nominal cost proportional to the fraction. */
  FEATURE_FRACTION("features"),
  /**
   * Image resolution: each side scaled by the fraction, so the nominal cost is the fraction squared
   * (pixels). Implemented by learners that read images; tabular learners refuse it.
   */
  RESOLUTION("resolution"),
  /** Several fidelities applied together; nominal cost is the product of the parts' costs. */
  COMPOSED("composed");

  private final String code;

  FidelityKind(String code) {
    this.code = code;
  }

  /** The lower-case code used in the textual form, e.g. {@code rows} in {@code rows:0.25}. */
  public String code() {
    return code;
  }
}
