package dev.hone.fairness;

import java.util.List;

/**
 * Representation audit of one attribute: training versus reference (test) data. Immutable,
 * JSON-serialisable.
 *
 * @param attribute the attribute, e.g. {@code race}
 * @param trainRows training rows
 * @param referenceRows reference rows
 * @param minCount the absolute minimum of training rows per group used for flags
 * @param minShareRatio the minimum ratio of training share to reference share used for flags
 * @param groups every group of either data set: training groups first, in their order, then groups
 *     seen only in the reference data
 * @param flaggedGroups keys of the flagged groups
 */
public record RepresentationReport(
    String attribute,
    int trainRows,
    int referenceRows,
    int minCount,
    double minShareRatio,
    List<GroupRepresentation> groups,
    List<String> flaggedGroups) {
  public RepresentationReport {
    groups = List.copyOf(groups);
    flaggedGroups = List.copyOf(flaggedGroups);
  }
}
