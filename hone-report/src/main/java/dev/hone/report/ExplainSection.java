package dev.hone.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Template context of the "Explanations" section: formatted numbers and inline SVG charts. */
final class ExplainSection {
  private ExplainSection() {}

  static Map<String, Object> context(ExplainabilityView v) {
    Map<String, Object> ctx = new HashMap<>();
    String axis = "attribution (" + v.outputSpace() + ")";
    ctx.put("method", v.method());
    ctx.put("outputSpace", v.outputSpace());
    ctx.put("note", v.note().isEmpty() ? null : v.note());
    ctx.put(
        "importanceSvg",
        ExplainCharts.bars(v.importance(), "Global importance: mean |attribution|", "mean |attribution| (" + v.outputSpace() + ")"));
    ctx.put("summarySvg", ExplainCharts.summary(v.summary(), axis));
    List<String> dep = new ArrayList<>();
    for (ExplainabilityView.Dependence d : v.dependence()) {
      dep.add(ExplainCharts.dependence(d, axis));
    }
    ctx.put("dependenceSvgs", dep);
    ctx.put("hasDependence", !dep.isEmpty());
    List<String> wf = new ArrayList<>();
    for (ExplainabilityView.Waterfall w : v.waterfalls()) {
      wf.add(ExplainCharts.waterfall(w, v.outputSpace()));
    }
    ctx.put("waterfallSvgs", wf);
    ctx.put("hasWaterfalls", !wf.isEmpty());
    List<Map<String, Object>> perm = new ArrayList<>();
    for (ExplainabilityView.PermutationRow r : v.permutation()) {
      perm.add(
          Map.of("name", r.name(), "mean", HtmlReport.fmt(r.mean()), "std", HtmlReport.fmt(r.std()),
              "low", HtmlReport.fmt(r.low()), "high", HtmlReport.fmt(r.high())));
    }
    ctx.put("permutation", perm);
    ctx.put("hasPermutation", !perm.isEmpty());
    ctx.put("permutationMetric", v.permutationMetric());
    ctx.put("correlationWarnings", v.correlationWarnings());
    ctx.put("hasCorrelationWarnings", !v.correlationWarnings().isEmpty());
    List<String> pd = new ArrayList<>();
    for (ExplainabilityView.PdCurve c : v.partialDependence()) {
      pd.add(ExplainCharts.partialDependence(c, "partial dependence (" + v.outputSpace() + ")"));
    }
    ctx.put("pdSvgs", pd);
    ctx.put("hasPd", !pd.isEmpty());
    List<Map<String, Object>> inter = new ArrayList<>();
    for (ExplainabilityView.Interaction i : v.interactions()) {
      inter.add(Map.of("featureA", i.featureA(), "featureB", i.featureB(), "h2", HtmlReport.fmt(i.h2())));
    }
    ctx.put("interactions", inter);
    ctx.put("hasInteractions", !inter.isEmpty());
    return ctx;
  }
}
