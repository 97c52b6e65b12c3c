package dev.hone.fairness;

import java.util.List;

/**
 * The audit of one sensitive attribute (one column, or an intersection of columns).
 *
 * @param attribute the attribute's name, e.g. {@code sex} or {@code sex × race}
 * @param columns the sensitive columns it is made of
 * @param groups per-group metrics, in {@link Groups#keys()} order (empty groups included)
 * @param referenceGroup the privileged (reference) group of the disparate-impact ratios; empty
 *     when no group has a defined selection rate
 * @param referenceRule how it was chosen: {@code "highest selection rate"} or {@code "named"}
 * @param disparateImpact each group's selection rate relative to the reference group's
 * @param summaries the fairness summaries, in {@link FairnessAudit#SUMMARIES} order
 */
public record AttributeAudit(
    String attribute,
    List<String> columns,
    List<GroupMetrics> groups,
    String referenceGroup,
    String referenceRule,
    List<GroupRatio> disparateImpact,
    List<Summary> summaries) {

  public AttributeAudit {
    columns = List.copyOf(columns);
    groups = List.copyOf(groups);
    disparateImpact = List.copyOf(disparateImpact);
    summaries = List.copyOf(summaries);
  }

  /**
   * The summary named {@code name}.
   *
   * @throws IllegalArgumentException for a name not in {@link FairnessAudit#SUMMARIES}
   */
  public Summary summary(String name) {
    for (Summary s : summaries) {
      if (s.name().equals(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "unknown summary '" + name + "'; known: " + FairnessAudit.SUMMARIES);
  }

  /**
   * The metrics of group {@code key}.
   *
   * @throws IllegalArgumentException if there is no such group
   */
  public GroupMetrics group(String key) {
    for (GroupMetrics g : groups) {
      if (g.group().equals(key)) {
        return g;
      }
    }
    throw new IllegalArgumentException(
        "no group '" + key + "' in attribute '" + attribute + "'");
  }
}
