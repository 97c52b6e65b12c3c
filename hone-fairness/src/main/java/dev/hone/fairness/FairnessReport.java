package dev.hone.fairness;

import java.util.List;

/**
 * The result of {@link FairnessAudit#audit}: one {@link AttributeAudit} per sensitive attribute.
 * Immutable and JSON-serialisable with {@code dev.hone.core.json.Json}.
 *
 * @param rows rows audited
 * @param threshold the decision threshold on P(class 1) (predict 1 iff {@code score >
 *     threshold}); NaN when the caller passed predictions
 * @param bootstrapRounds stratified bootstrap resamples per attribute, 0 for none
 * @param seed root seed of the resampling
 * @param confidenceLevel level of the intervals (0.95)
 * @param fourFifths the four-fifths threshold used for flags ({@value FairnessAudit#FOUR_FIFTHS})
 * @param attributes one audit per attribute, in the order given
 */
public record FairnessReport(
    int rows,
    double threshold,
    int bootstrapRounds,
    long seed,
    double confidenceLevel,
    double fourFifths,
    List<AttributeAudit> attributes) {

  public FairnessReport {
    attributes = List.copyOf(attributes);
  }

  /**
   * The audit of attribute {@code name}.
   *
   * @throws IllegalArgumentException if there is none
   */
  public AttributeAudit attribute(String name) {
    for (AttributeAudit a : attributes) {
      if (a.attribute().equals(name)) {
        return a;
      }
    }
    throw new IllegalArgumentException(
        "no attribute '" + name + "'; audited: "
            + attributes.stream().map(AttributeAudit::attribute).toList());
  }
}
