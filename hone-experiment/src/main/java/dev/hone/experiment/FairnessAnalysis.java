package dev.hone.experiment;

import dev.hone.core.data.Table;
import dev.hone.core.data.TaskType;
import dev.hone.core.random.Seeds;
import dev.hone.fairness.AttributeAudit;
import dev.hone.fairness.AuditOptions;
import dev.hone.fairness.FairnessAudit;
import dev.hone.fairness.FairnessReport;
import dev.hone.fairness.GroupMetrics;
import dev.hone.fairness.GroupRatio;
import dev.hone.fairness.GroupRepresentation;
import dev.hone.fairness.Groups;
import dev.hone.fairness.Measure;
import dev.hone.fairness.RepresentationAudit;
import dev.hone.fairness.RepresentationReport;
import dev.hone.fairness.Summary;
import dev.hone.report.FairnessView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs the fairness audit of a binary classifier on the test split for every sensitive column
 * (and their intersection), plus the representation audit of the training split against the test
 * split, and maps the records onto the report's view.
 *
 * @param audit the per-group metrics and summaries on the test split
 * @param representation one representation audit per sensitive column
 */
record FairnessAnalysis(FairnessReport audit, List<RepresentationReport> representation) {

  /**
   * @return the analysis, or {@code null} when the task is not binary or no column is sensitive
   */
  static FairnessAnalysis run(
      TaskType task, Table train, double[] yTrain, Table test, double[] yTest, double[] scores,
      long seed) {
    List<String> sensitive = test.sensitive();
    if (task != TaskType.BINARY || sensitive.isEmpty()) {
      return null;
    }
    int[] y = FairnessAudit.binaryLabels(yTest);
    FairnessReport report =
        FairnessAudit.audit(
            y, scores, Groups.attributes(test, sensitive),
            AuditOptions.defaults(Seeds.derive(seed, "fairness", 0)));
    List<RepresentationReport> rep = new ArrayList<>();
    int[] yTr = FairnessAudit.binaryLabels(yTrain);
    for (String col : sensitive) {
      rep.add(
          RepresentationAudit.compare(yTr, Groups.fromTable(train, col), y, Groups.fromTable(test, col)));
    }
    return new FairnessAnalysis(report, rep);
  }

  /** JSON sections for {@code metrics.json}. */
  Map<String, Object> json() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("audit", audit);
    m.put("representation", representation);
    return m;
  }

  FairnessView view() {
    Map<String, RepresentationReport> repByColumn = new LinkedHashMap<>();
    for (RepresentationReport r : representation) {
      repByColumn.put(r.attribute(), r);
    }
    List<FairnessView.Attribute> attrs = new ArrayList<>();
    for (AttributeAudit a : audit.attributes()) {
      Map<String, GroupRatio> di = new LinkedHashMap<>();
      for (GroupRatio r : a.disparateImpact()) {
        di.put(r.group(), r);
      }
      List<FairnessView.GroupRow> groups = new ArrayList<>();
      for (GroupMetrics g : a.groups()) {
        GroupRatio ratio = di.get(g.group());
        List<String> notes = new ArrayList<>();
        for (Measure m :
            List.of(g.selectionRate(), g.truePositiveRate(), g.falsePositiveRate(), g.precision(),
                g.rocAuc())) {
          if (!m.defined() && m.reason() != null && !notes.contains(m.reason())) {
            notes.add(m.metric() + ": " + m.reason());
          }
        }
        groups.add(
            new FairnessView.GroupRow(
                g.group(), g.n(), g.selectionRate().value(), g.selectionRate().ciLower(),
                g.selectionRate().ciUpper(), g.truePositiveRate().value(),
                g.falsePositiveRate().value(), g.precision().value(), g.accuracy().value(),
                g.rocAuc().value(), g.meanScore().value(), g.baseRate().value(),
                g.brierScore().value(), ratio == null ? Double.NaN : ratio.ratio().value(),
                ratio != null && ratio.flagged(), String.join("; ", notes)));
      }
      List<FairnessView.SummaryRow> summaries = new ArrayList<>();
      for (Summary s : a.summaries()) {
        String detail =
            s.defined()
                ? String.format(
                    Locale.ROOT, "max %s %.4f, min %s %.4f", s.maxGroup(), s.maxValue(),
                    s.minGroup(), s.minValue())
                : s.reason();
        summaries.add(
            new FairnessView.SummaryRow(
                s.name(), s.value(), s.ciLower(), s.ciUpper(), s.flagged(), detail));
      }
      List<FairnessView.RepresentationRow> repRows = new ArrayList<>();
      RepresentationReport r = a.columns().size() == 1 ? repByColumn.get(a.columns().get(0)) : null;
      if (r != null) {
        for (GroupRepresentation g : r.groups()) {
          repRows.add(
              new FairnessView.RepresentationRow(
                  g.group(), g.trainCount(), g.trainShare(), g.referenceCount(),
                  g.referenceShare(), g.trainLabelRate().value(), g.referenceLabelRate().value(),
                  g.flagged(), String.join("; ", g.reasons())));
        }
      }
      attrs.add(new FairnessView.Attribute(a.attribute(), a.referenceGroup(), groups, summaries, repRows));
    }
    return new FairnessView(
        String.format(
            Locale.ROOT,
            "Test split, threshold %.2f; %d bootstrap resamples within each group (95%% intervals);"
                + " a disparate impact ratio below %.2f is flagged (four-fifths rule).",
            audit.threshold(), audit.bootstrapRounds(), audit.fourFifths()),
        attrs);
  }
}
