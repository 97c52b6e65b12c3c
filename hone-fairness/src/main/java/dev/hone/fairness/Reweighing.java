package dev.hone.fairness;

import dev.hone.core.error.DataValidationException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reweighing (Kamiran and Calders, "Data preprocessing techniques for classification without
 * discrimination", Knowledge and Information Systems 33(1), 2012): training-row weights that make
 * the label statistically independent of the group.
 *
 * <p>Each row of group {@code g} with label {@code y} gets {@code w(g, y) = P(g)·P(y) / P(g, y) =
 * (n_g · n_y) / (n · n_gy)}, the count expected under independence over the count observed. Under
 * these weights every group's weighted rate of label 1 equals the overall rate {@code n_1 / n}
 * (exactly, in exact arithmetic: {@code Σ_{g,1} w / Σ_g w = (n_g n_1 / n) / n_g}) and the total
 * weight stays {@code n}. A group with only one label cannot be corrected; it is reported in {@link
 * ReweighingResult#warnings()}. As AIF360's {@code Reweighing}, fitted on the training data only.
 */
public final class Reweighing {
  private Reweighing() {}

  /**
   * Computes the weights of every (group, label) cell of the training data.
   *
   * @param labels training labels in {0, 1}, shape {@code [n]}
   * @param groups the training rows' groups
   * @return the cells with counts and weights
   * @throws IllegalArgumentException on empty or mismatched inputs or labels outside {0, 1}
   */
  public static ReweighingResult fit(int[] labels, Groups groups) {
    int n = labels.length;
    if (n == 0 || groups.size() != n) {
      throw new IllegalArgumentException(
          "labels has " + n + " rows and groups " + groups.size() + ": need the same, at least 1");
    }
    int gCount = groups.groupCount();
    long[][] cell = new long[gCount][2];
    long[] byLabel = new long[2];
    for (int i = 0; i < n; i++) {
      if (labels[i] != 0 && labels[i] != 1) {
        throw new IllegalArgumentException("label at row " + i + " is " + labels[i] + ", not 0/1");
      }
      cell[groups.code(i)][labels[i]]++;
      byLabel[labels[i]]++;
    }
    List<ReweighingResult.Cell> cells = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (int g = 0; g < gCount; g++) {
      long ng = cell[g][0] + cell[g][1];
      if (ng == 0) {
        continue;
      }
      for (int y = 0; y < 2; y++) {
        long ngy = cell[g][y];
        double expected = (double) (ng * byLabel[y]) / n;
        double w = ngy == 0 ? Double.NaN : (double) (ng * byLabel[y]) / ((double) n * ngy);
        cells.add(
            new ReweighingResult.Cell(
                groups.keys().get(g), y, (int) ngy, (int) ng, (int) byLabel[y], expected, w));
        if (ngy == 0 && byLabel[y] > 0) {
          warnings.add(
              "group '" + groups.keys().get(g) + "' has no training rows with label " + y
                  + "; reweighing cannot bring its label rate to the overall rate");
        }
      }
    }
    return new ReweighingResult(groups.name(), groups.columns(), n, cells, warnings);
  }

  /**
   * Convenience: the per-row weights of {@link #fit} applied to the same rows.
   *
   * @return weights, shape {@code [n]}, each {@code > 0}
   */
  public static double[] weights(int[] labels, Groups groups) {
    return fit(labels, groups).rowWeights(labels, groups);
  }

  static DataValidationException unseen(String group, List<String> cols, int label, int row) {
    return new DataValidationException(
        "row " + row + " is in group '" + group + "' of column " + String.join(", ", cols)
            + " with label " + label + ", a combination absent from the data the weights were"
            + " fitted on; fit the weights on these rows");
  }
}
