package dev.hone.fairness;

import java.util.List;

/**
 * How one group is represented in the training data compared with the reference (test) data.
 *
 * @param group the group key
 * @param trainCount training rows of the group
 * @param trainShare {@code trainCount / training rows}
 * @param trainLabelRate the group's rate of label 1 in training (EMPTY when absent)
 * @param referenceCount reference rows of the group
 * @param referenceShare {@code referenceCount / reference rows}
 * @param referenceLabelRate the group's rate of label 1 in the reference data
 * @param shareRatio {@code trainShare / referenceShare}; NaN when the group is absent from the
 *     reference data
 * @param flagged whether the group is under-represented in training (see {@link
 *     RepresentationAudit})
 * @param reasons why it is flagged; empty when not
 */
public record GroupRepresentation(
    String group,
    int trainCount,
    double trainShare,
    Measure trainLabelRate,
    int referenceCount,
    double referenceShare,
    Measure referenceLabelRate,
    double shareRatio,
    boolean flagged,
    List<String> reasons) {
  public GroupRepresentation {
    reasons = List.copyOf(reasons);
  }
}
