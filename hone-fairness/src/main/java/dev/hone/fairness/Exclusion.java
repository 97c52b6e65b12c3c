package dev.hone.fairness;

/**
 * A group left out of a summary's maximum and minimum because its metric is undefined.
 *
 * @param group the group key
 * @param reason why its value is undefined, e.g. {@code "no positives in group (TPR = 0/0)"}
 */
public record Exclusion(String group, String reason) {}
