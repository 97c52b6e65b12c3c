package dev.hone.experiment;

import dev.hone.core.data.CategoricalColumn;
import dev.hone.core.data.Column;
import dev.hone.core.data.NumericColumn;
import dev.hone.core.data.Table;
import dev.hone.report.ReportModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Per-column summaries of a table for the report's data section. */
final class DataSummaries {
  private DataSummaries() {}

  static List<ReportModel.ColumnSummary> columns(Table t) {
    List<ReportModel.ColumnSummary> out = new ArrayList<>();
    for (Column c : t.columns()) {
      String role =
          c.name().equals(t.target())
              ? "target"
              : t.sensitive().contains(c.name()) ? "sensitive" : "feature";
      if (c instanceof NumericColumn n) {
        Set<Double> distinct = new HashSet<>();
        for (int i = 0; i < n.size(); i++) {
          if (!n.isMissing(i)) {
            distinct.add(n.get(i));
          }
        }
        String s = n.missingCount() == n.size() ? "all missing" : numericSummary(n);
        out.add(
            new ReportModel.ColumnSummary(
                c.name(), "numeric", role, c.missingCount(), distinct.size(), s));
      } else {
        CategoricalColumn cc = (CategoricalColumn) c;
        out.add(
            new ReportModel.ColumnSummary(
                c.name(), "categorical", role, c.missingCount(), cc.levels().size(), topLevels(cc, 4)));
      }
    }
    return out;
  }

  /** The {@code k} most frequent levels with their counts, e.g. {@code "Male 21790, Female 10771"}. */
  static String topLevels(CategoricalColumn c, int k) {
    long[] counts = new long[c.levels().size()];
    for (int i = 0; i < c.size(); i++) {
      if (c.code(i) >= 0) {
        counts[c.code(i)]++;
      }
    }
    List<Integer> idx = new ArrayList<>();
    for (int i = 0; i < counts.length; i++) {
      idx.add(i);
    }
    idx.sort(Comparator.<Integer>comparingLong(i -> -counts[i]).thenComparing(i -> c.levels().get(i)));
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < Math.min(k, idx.size()); i++) {
      parts.add(c.levels().get(idx.get(i)) + " " + counts[idx.get(i)]);
    }
    if (idx.size() > k) {
      parts.add("... (" + (idx.size() - k) + " more)");
    }
    return String.join(", ", parts);
  }

  /** Class balance for classification targets, or the target range for regression. */
  static String targetDetail(Table t) {
    if (t.target() == null) {
      return "";
    }
    Column c = t.column(t.target());
    if (c instanceof CategoricalColumn cc) {
      return topLevels(cc, 10);
    }
    NumericColumn n = (NumericColumn) c;
    return n.missingCount() == n.size() ? "" : "target " + numericSummary(n);
  }

  /** {@code "min …, mean …, max …"} over the non-missing values (at least one). */
  private static String numericSummary(NumericColumn n) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    double sum = 0;
    int k = 0;
    for (int i = 0; i < n.size(); i++) {
      double v = n.get(i);
      if (!Double.isNaN(v)) {
        min = Math.min(min, v);
        max = Math.max(max, v);
        sum += v;
        k++;
      }
    }
    return String.format(Locale.ROOT, "min %.4g, mean %.4g, max %.4g", min, sum / k, max);
  }
}
