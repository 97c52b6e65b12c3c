package dev.hone.eval.sensitivity;

import java.util.List;

/**
 * Individual conditional expectation curves for every feature. Immutable and JSON-serialisable.
 *
 * @param rows indices (into the explained rows) of the sampled rows, ascending; curve {@code r} of
 *     every feature belongs to {@code rows.get(r)}
 * @param features one entry per feature, in input order
 */
public record IceResult(List<Integer> rows, List<FeatureCurves> features) {
  /** Copies the lists. */
  public IceResult {
    rows = List.copyOf(rows);
    features = List.copyOf(features);
  }

  /**
   * The curves of one feature.
   *
   * @param feature the feature's name
   * @param grid the values the feature is set to, ascending (see {@link IceCurves} for the grid);
   *     empty when the feature has no non-missing training value (then no curves either)
   * @param curves per sampled row, the model output at each grid value with the row's other
   *     features unchanged: {@code curves.get(r).get(g)}
   * @param mean the average of the curves at each grid value: the partial dependence over the
   *     sampled rows (Friedman 2001)
   */
  public record FeatureCurves(
      String feature, List<Double> grid, List<List<Double>> curves, List<Double> mean) {
    /** Copies the lists (the inner lists too). */
    public FeatureCurves {
      grid = List.copyOf(grid);
      curves = curves.stream().map(List::copyOf).toList();
      mean = List.copyOf(mean);
    }
  }
}
