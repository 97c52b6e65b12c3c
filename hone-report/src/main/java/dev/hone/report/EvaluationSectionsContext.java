package dev.hone.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Template values of {@link EvaluationSections}; kept apart from the main page's values. */
final class EvaluationSectionsContext {
  private EvaluationSectionsContext() {}

  static void put(Map<String, Object> ctx, EvaluationSections s) {
    if (s == null) {
      return;
    }
    if (s.leakage() != null) {
      Map<String, Object> l = new HashMap<>();
      l.put("checked", s.leakage().checked());
      List<Map<String, Object>> rows = new ArrayList<>();
      for (EvaluationSections.Finding f : s.leakage().findings()) {
        Map<String, Object> r = new HashMap<>();
        r.put("severity", f.severity());
        r.put("rowStyle", switch (f.severity()) {
          case "HIGH" -> "background:#f8d7da";
          case "MEDIUM" -> "background:#fff3cd";
          default -> "";
        });
        r.put("kind", f.kind());
        r.put("column", f.column() == null ? "" : f.column());
        r.put("message", f.message());
        r.put("count", f.count());
        r.put("examples", String.join("; ", f.examples()));
        rows.add(r);
      }
      l.put("findings", rows);
      l.put("none", rows.isEmpty());
      ctx.put("leakage", l);
    }
    if (s.slices() != null) {
      EvaluationSections.SliceView v = s.slices();
      Map<String, Object> m = new HashMap<>();
      m.put("metric", v.metric());
      m.put("split", v.split());
      m.put("direction", v.higherIsBetter() ? "higher is better" : "lower is better");
      m.put("overall", HtmlReport.fmt(v.overall()));
      m.put("overallLower", HtmlReport.fmt(v.overallLower()));
      m.put("overallUpper", HtmlReport.fmt(v.overallUpper()));
      m.put("test", v.test());
      m.put("fdr", v.fdr());
      List<Map<String, Object>> rows = new ArrayList<>();
      for (EvaluationSections.SliceRow r : v.slices()) {
        Map<String, Object> x = new HashMap<>();
        x.put("family", r.family());
        x.put("definition", r.definition());
        x.put("n", r.n());
        boolean defined = r.undefinedReason() == null;
        x.put("defined", defined);
        x.put("reason", defined ? "" : r.undefinedReason());
        x.put("value", HtmlReport.fmt(r.value()));
        x.put("lower", HtmlReport.fmt(r.lower()));
        x.put("upper", HtmlReport.fmt(r.upper()));
        x.put("difference", String.format(Locale.ROOT, "%+.4f", r.difference()));
        x.put("p", Double.isNaN(r.pAdjusted()) ? "not tested" : pValue(r.pAdjusted()));
        x.put("significant", r.significant());
        rows.add(x);
      }
      m.put("rows", rows);
      List<Map<String, Object>> found = new ArrayList<>();
      for (EvaluationSections.FoundRow f : v.discovered()) {
        found.add(Map.of(
            "definition", f.definition(), "size", f.size(),
            "averageError", HtmlReport.fmt(f.averageError()), "score", HtmlReport.fmt(f.score())));
      }
      m.put("discovered", found);
      m.put("hasDiscovered", !found.isEmpty());
      m.put("discoveryNote", v.discoveryNote() == null ? "" : v.discoveryNote());
      ctx.put("slices", m);
    }
  }

  private static String pValue(double p) {
    return p < 1e-4 ? String.format(Locale.ROOT, "%.1e", p) : String.format(Locale.ROOT, "%.4f", p);
  }
}
