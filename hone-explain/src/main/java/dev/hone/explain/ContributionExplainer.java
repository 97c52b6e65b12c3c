package dev.hone.explain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Explanations from a model's own contributions ({@link ContributionSource}), e.g. XGBoost's
 * native TreeSHAP, in margin space. The engine computes in float32, so efficiency against its own
 * margin holds to float rounding (about {@code 1e-6} relative), not exactly.
 */
public final class ContributionExplainer {
  /** The {@link Explanation#method()} of results. */
  public static final String METHOD = "tree-shap-engine";

  private final ContributionSource source;

  public ContributionExplainer(ContributionSource source) {
    this.source = Objects.requireNonNull(source, "source");
  }

  /**
   * Explains rows of {@code x}.
   *
   * @param x rows {@code [n][nFeatures]}, {@code NaN} = missing
   * @param rows indices into {@code x}, or {@code null} for all
   * @return one explanation per output, in {@link OutputSpace#MARGIN}
   */
  public List<Explanation> explain(double[][] x, int[] rows) {
    List<String> names = source.featureNames();
    int f = names.size();
    Matrices.checkRows(x, f, "explained");
    int[] idx = rows == null ? ExactShapley.range(x.length) : rows.clone();
    double[][] sel = new double[idx.length][];
    for (int r = 0; r < idx.length; r++) {
      sel[r] = x[idx[r]];
    }
    double[][] margins = idx.length == 0 ? new double[0][] : source.margins(sel);
    List<Explanation> out = new ArrayList<>();
    for (int o = 0; o < source.nOutputs(); o++) {
      double[][] c = idx.length == 0 ? new double[0][] : source.contributions(sel, o);
      double[][] values = new double[idx.length][f];
      double[] base = new double[idx.length];
      double[] pred = new double[idx.length];
      double[][] fv = new double[idx.length][];
      for (int r = 0; r < idx.length; r++) {
        if (c[r].length != f + 1) {
          throw new IllegalStateException(
              "contributions have " + c[r].length + " columns, expected " + (f + 1));
        }
        System.arraycopy(c[r], 0, values[r], 0, f);
        base[r] = c[r][f];
        pred[r] = margins[r][o];
        fv[r] = sel[r].clone();
      }
      Map<String, Object> params = new LinkedHashMap<>();
      params.put("source", source.getClass().getSimpleName());
      out.add(
          new Explanation(
              METHOD, OutputSpace.MARGIN, o, source.nOutputs() == 1 ? "margin" : "margin" + o,
              names, idx, fv, values, base, pred, null, params));
    }
    return out;
  }
}
