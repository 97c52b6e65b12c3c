package dev.hone.fairness;

/**
 * One group's disparate-impact ratio: its selection rate divided by the reference group's.
 *
 * @param group the group key
 * @param ratio the ratio (numerator: the group's selection rate; denominator: the reference's);
 *     undefined with reason {@code "reference rate is 0 ..."} when the reference selects nobody
 * @param flagged whether the point ratio is below the four-fifths threshold {@value
 *     FairnessAudit#FOUR_FIFTHS}
 */
public record GroupRatio(String group, Measure ratio, boolean flagged) {}
