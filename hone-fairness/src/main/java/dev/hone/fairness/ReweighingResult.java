package dev.hone.fairness;

import java.util.List;

/**
 * The reweighing weights of one attribute, per (group, label) cell. Immutable, JSON-serialisable.
 *
 * @param attribute the attribute, e.g. {@code sex}
 * @param columns its sensitive columns
 * @param rows training rows
 * @param cells one per (group with rows, label), in group then label order
 * @param warnings groups whose label rate cannot be equalised (a label is absent)
 */
public record ReweighingResult(
    String attribute, List<String> columns, int rows, List<Cell> cells, List<String> warnings) {

  public ReweighingResult {
    columns = List.copyOf(columns);
    cells = List.copyOf(cells);
    warnings = List.copyOf(warnings);
  }

  /**
   * One (group, label) cell.
   *
   * @param group the group key
   * @param label 0 or 1
   * @param count rows with this group and label, {@code n_gy}
   * @param groupCount rows of the group, {@code n_g}
   * @param labelCount rows with the label, {@code n_y}
   * @param expectedCount {@code n_g · n_y / n}, the count under independence
   * @param weight {@code expectedCount / count}; NaN when {@code count == 0} (no row needs it)
   */
  public record Cell(
      String group,
      int label,
      int count,
      int groupCount,
      int labelCount,
      double expectedCount,
      double weight) {}

  /**
   * The weight of every row, for a learner's sample weights.
   *
   * @param labels labels in {0, 1}, shape {@code [n]}
   * @param groups the rows' groups under this attribute
   * @return weights, shape {@code [n]}
   * @throws dev.hone.core.error.DataValidationException if a row's (group, label) has no fitted
   *     weight
   */
  public double[] rowWeights(int[] labels, Groups groups) {
    if (labels.length != groups.size()) {
      throw new IllegalArgumentException(
          "labels has " + labels.length + " rows but groups has " + groups.size());
    }
    java.util.Map<String, double[]> byGroup = new java.util.HashMap<>();
    for (Cell c : cells) {
      byGroup.computeIfAbsent(c.group(), k -> new double[] {Double.NaN, Double.NaN})[c.label()] =
          c.weight();
    }
    double[] w = new double[labels.length];
    for (int i = 0; i < w.length; i++) {
      double[] gw = byGroup.get(groups.key(i));
      double v = gw == null ? Double.NaN : gw[labels[i]];
      if (Double.isNaN(v)) {
        throw Reweighing.unseen(groups.key(i), groups.columns(), labels[i], i);
      }
      w[i] = v;
    }
    return w;
  }
}
