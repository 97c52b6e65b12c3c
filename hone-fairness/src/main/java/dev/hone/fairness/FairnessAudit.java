package dev.hone.fairness;

import dev.hone.core.error.InvalidParameterException;
import dev.hone.core.random.Seeds;
import dev.hone.eval.Metrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bias and fairness audit of a binary classifier: disaggregated metrics per group, fairness
 * summaries across groups, and group-stratified bootstrap intervals for all of them.
 *
 * <h2>Inputs</h2>
 *
 * Labels {@code y} in {0, 1}, scores {@code s} = P(class 1), and hard predictions — either given,
 * or {@code ŷ = 1} iff {@code s > threshold} (default 0.5, see {@link AuditOptions}). One or more
 * {@link Groups} (single sensitive columns or intersections). Missing sensitive values form their
 * own group {@value Groups#MISSING}.
 *
 * <h2>Per-group metrics</h2>
 *
 * See {@link GroupMetrics}: selection rate, TPR, FPR, precision, accuracy, ROC AUC, base rate, mean
 * score, calibration gap and Brier score, each a {@link Measure} with numerator, denominator and
 * {@code n}, or a typed undefined value. This is fairlearn's {@code MetricFrame.by_group} with one
 * deliberate difference: where fairlearn (through scikit-learn's {@code zero_division}) reports 0
 * for a rate with a zero denominator, Hone reports it undefined and keeps it out of the summaries.
 *
 * <h2>Summaries</h2>
 *
 * In {@link #SUMMARIES} order, over the groups whose metric is defined (the others are listed as
 * {@link Exclusion}s; fewer than two defined groups make the summary undefined):
 *
 * <ul>
 *   <li>{@code demographic_parity_difference} = max<sub>g</sub> SR<sub>g</sub> − min<sub>g</sub>
 *       SR<sub>g</sub> of the selection rates; fairlearn's {@code
 *       demographic_parity_difference} (method {@code between_groups}).
 *   <li>{@code demographic_parity_ratio} = min SR / max SR; fairlearn's {@code
 *       demographic_parity_ratio}. Undefined when every selection rate is 0 (0/0).
 *   <li>{@code equal_opportunity_difference} = max TPR − min TPR (Hardt et al. 2016's equal
 *       opportunity; fairlearn's {@code equal_opportunity_difference}).
 *   <li>{@code false_positive_rate_difference} = max FPR − min FPR.
 *   <li>{@code equalized_odds_difference} = max(TPR difference, FPR difference): the larger of the
 *       two gaps, each max − min over groups, as fairlearn's {@code equalized_odds_difference}
 *       (default {@code agg="worst_case"}). Both gaps are non-negative, so the value can never
 *       cancel to 0 the way a signed average of TPR and FPR differences (AIF360's {@code
 *       average_odds_difference}) can. Undefined when either gap is.
 *   <li>{@code disparate_impact_ratio}: each group's selection rate divided by the reference
 *       (privileged) group's (AIF360's {@code disparate_impact}, P(ŷ=1 | unprivileged) / P(ŷ=1 |
 *       privileged), applied to every group in turn); the summary is the smallest ratio over the
 *       non-reference groups. The reference is the group named in {@link
 *       AuditOptions#referenceGroups()}, otherwise the group with the highest selection rate (then
 *       the summary equals the demographic parity ratio). A ratio whose reference rate is 0 is
 *       undefined ("reference rate is 0"), never 0 or ∞. Flagged under the four-fifths rule
 *       (EEOC Uniform Guidelines, 29 CFR 1607.4(D)) when below {@value #FOUR_FIFTHS}.
 * </ul>
 *
 * <h2>Intervals</h2>
 *
 * Each of {@code bootstrapRounds} resamples draws, within every group, as many rows as the group
 * has, uniformly with replacement from that group (group sizes are fixed, as they are a property
 * of the sample design rather than of the model). Every measure and summary is recomputed on the
 * resample — the reference group of disparate impact is re-chosen when it is the highest-rate group
 * — and the interval is the 2.5th–97.5th percentile of the replicates where the value is defined
 * (linear interpolation, numpy's default); {@code bootstrapValid} says how many those were. The
 * generator of attribute {@code a} is {@code Seeds.rng(seed, "fairness.bootstrap/" + a, 0)}, so
 * results do not depend on the order or number of attributes.
 *
 * <p>Thread safety: stateless. Cost: one O(n) pass per resample and attribute after one sort.
 *
 * <h2>References</h2>
 *
 * <ul>
 *   <li>Bird et al., "Fairlearn: A toolkit for assessing and improving fairness in AI", Microsoft
 *       MSR-TR-2020-32, 2020 ({@code fairlearn.metrics}).
 *   <li>Bellamy et al., "AI Fairness 360", IBM J. Res. Dev. 63(4/5), 2019 ({@code
 *       ClassificationMetric.disparate_impact}).
 *   <li>Hardt, Price and Srebro, "Equality of Opportunity in Supervised Learning", NeurIPS 2016.
 *   <li>Feldman et al., "Certifying and removing disparate impact", KDD 2015 (the 80% rule).
 * </ul>
 */
public final class FairnessAudit {
  /** The four-fifths (80%) rule threshold for disparate-impact ratios. */
  public static final double FOUR_FIFTHS = 0.8;

  /** Summary names in result order. */
  public static final List<String> SUMMARIES =
      List.of(
          "demographic_parity_difference", "demographic_parity_ratio",
          "equal_opportunity_difference", "false_positive_rate_difference",
          "equalized_odds_difference", "disparate_impact_ratio");

  static final String FOUR_FIFTHS_RULE =
      "four-fifths rule: selection-rate ratio to the reference group below " + FOUR_FIFTHS;

  private static final Logger LOG = LoggerFactory.getLogger(FairnessAudit.class);
  private static final int METRICS = GroupMetrics.METRICS.size();

  private FairnessAudit() {}

  /**
   * Audits scores, predicting 1 iff {@code score > options.threshold()}.
   *
   * @param labels true labels in {0, 1}, shape {@code [n]}
   * @param scores P(class 1), shape {@code [n]}, NaN-free
   * @param attributes groupings of the same {@code n} rows, at least one
   * @param options threshold, bootstrap and reference groups
   * @return the audit
   * @throws IllegalArgumentException on empty or mismatched inputs, labels outside {0, 1}, NaN
   *     scores
   * @throws InvalidParameterException if a reference group names an unknown attribute or group
   */
  public static FairnessReport audit(
      int[] labels, double[] scores, List<Groups> attributes, AuditOptions options) {
    int[] pred = new int[scores.length];
    for (int i = 0; i < scores.length; i++) {
      pred[i] = scores[i] > options.threshold() ? 1 : 0;
    }
    return run(labels, scores, pred, attributes, options, options.threshold());
  }

  /**
   * Audits given hard predictions (e.g. from a {@link ThresholdOptimizer}); scores serve AUC and
   * calibration. {@link FairnessReport#threshold()} is NaN.
   *
   * @param predictions predicted labels in {0, 1}, shape {@code [n]}
   * @see #audit(int[], double[], List, AuditOptions)
   */
  public static FairnessReport audit(
      int[] labels,
      double[] scores,
      int[] predictions,
      List<Groups> attributes,
      AuditOptions options) {
    return run(labels, scores, predictions.clone(), attributes, options, Double.NaN);
  }

  /**
   * Binary labels from a target column's class indices (the {@code double[]} form Hone's
   * preprocessing gives, e.g. {@code FittedPreprocessor.labels(testTable)}).
   *
   * @param classIndices class indices {@code 0.0} or {@code 1.0}, shape {@code [n]}
   * @return the same labels as {@code int}
   * @throws IllegalArgumentException if a value is not exactly 0 or 1 (missing targets included)
   */
  public static int[] binaryLabels(double[] classIndices) {
    int[] y = new int[classIndices.length];
    for (int i = 0; i < y.length; i++) {
      double v = classIndices[i];
      if (v != 0.0 && v != 1.0) {
        throw new IllegalArgumentException(
            "label at row " + i + " is " + v + " but a fairness audit needs class index 0 or 1");
      }
      y[i] = (int) v;
    }
    return y;
  }

  private static FairnessReport run(
      int[] labels,
      double[] scores,
      int[] pred,
      List<Groups> attributes,
      AuditOptions options,
      double threshold) {
    validate(labels, scores, pred, attributes, options.referenceGroups());
    long t0 = System.nanoTime();
    List<AttributeAudit> out = new ArrayList<>();
    for (Groups g : attributes) {
      out.add(auditAttribute(labels, scores, pred, g, options));
    }
    LOG.debug(
        "fairness audit of {} rows, {} attributes, {} bootstrap rounds in {} ms", labels.length,
        attributes.size(), options.bootstrapRounds(), (System.nanoTime() - t0) / 1_000_000);
    return new FairnessReport(
        labels.length, threshold, options.bootstrapRounds(), options.seed(), 0.95, FOUR_FIFTHS,
        out);
  }

  static void validate(
      int[] labels, double[] scores, int[] pred, List<Groups> attributes, Map<String, String> refs) {
    int n = labels.length;
    if (n == 0) {
      throw new IllegalArgumentException("a fairness audit needs at least one row, got 0");
    }
    if (scores.length != n || pred.length != n) {
      throw new IllegalArgumentException(
          "labels has " + n + " rows, scores " + scores.length + ", predictions " + pred.length
              + ": they must have the same length");
    }
    for (int i = 0; i < n; i++) {
      if (labels[i] != 0 && labels[i] != 1) {
        throw new IllegalArgumentException("label at row " + i + " is " + labels[i] + ", not 0/1");
      }
      if (pred[i] != 0 && pred[i] != 1) {
        throw new IllegalArgumentException(
            "prediction at row " + i + " is " + pred[i] + ", not 0/1");
      }
      if (Double.isNaN(scores[i])) {
        throw new IllegalArgumentException("score at row " + i + " is NaN");
      }
    }
    if (attributes.isEmpty()) {
      throw new IllegalArgumentException("a fairness audit needs at least one sensitive attribute");
    }
    List<String> names = new ArrayList<>();
    for (Groups g : attributes) {
      if (g.size() != n) {
        throw new IllegalArgumentException(
            "attribute '" + g.name() + "' has " + g.size() + " rows but labels have " + n);
      }
      names.add(g.name());
    }
    for (var e : refs.entrySet()) {
      int i = names.indexOf(e.getKey());
      if (i < 0) {
        throw new InvalidParameterException(
            "reference group given for attribute '" + e.getKey() + "', which is not audited;"
                + " audited attributes are " + names);
      }
      if (!attributes.get(i).keys().contains(e.getValue())) {
        throw new InvalidParameterException(
            "reference group '" + e.getValue() + "' of attribute '" + e.getKey()
                + "' is not one of its groups " + attributes.get(i).keys()
                + ": name one of them");
      }
    }
  }

  // ------------------------------------------------------------------ one attribute

  /** Everything computed for one attribute on one (re)sample. */
  record Snapshot(
      List<GroupMetrics> groups,
      String reference,
      String referenceRule,
      List<GroupRatio> ratios,
      List<Summary> summaries) {
    /** Values in a fixed layout: group metrics, ratios, summaries; NaN where undefined. */
    double[] flatten() {
      int g = groups.size();
      double[] v = new double[g * METRICS + g + summaries.size()];
      int k = 0;
      for (GroupMetrics gm : groups) {
        for (Measure m : gm.measures()) {
          v[k++] = m.value();
        }
      }
      for (GroupRatio r : ratios) {
        v[k++] = r.ratio().value();
      }
      for (Summary s : summaries) {
        v[k++] = s.value();
      }
      return v;
    }
  }

  static AttributeAudit auditAttribute(
      int[] labels, double[] scores, int[] pred, Groups groups, AuditOptions options) {
    GroupKernel kernel = new GroupKernel(labels, scores, pred, groups);
    String named = options.referenceGroups().get(groups.name());
    GroupKernel.Counts[] counts = kernel.evaluate(null);
    int[][] rows = groups.rowsByGroup();
    List<GroupMetrics> gm = new ArrayList<>();
    for (int g = 0; g < counts.length; g++) {
      gm.add(pointMetrics(groups.keys().get(g), counts[g], rows[g], labels, scores));
    }
    Snapshot point = summarise(groups.keys(), gm, named);

    int rounds = options.bootstrapRounds();
    double[][] reps = new double[point.flatten().length][rounds];
    if (rounds > 0) {
      SplittableRandom rng = Seeds.rng(options.seed(), "fairness.bootstrap/" + groups.name(), 0);
      int[] w = new int[kernel.slots()];
      for (int b = 0; b < rounds; b++) {
        kernel.draw(rng, w);
        GroupKernel.Counts[] c = kernel.evaluate(w);
        List<GroupMetrics> rgm = new ArrayList<>(c.length);
        for (int g = 0; g < c.length; g++) {
          rgm.add(metrics(groups.keys().get(g), c[g], Double.NaN, Double.NaN));
        }
        double[] v = summarise(groups.keys(), rgm, named).flatten();
        for (int q = 0; q < v.length; q++) {
          reps[q][b] = v[q];
        }
      }
    }
    return withIntervals(groups, point, reps, rounds);
  }

  private static AttributeAudit withIntervals(
      Groups groups, Snapshot p, double[][] reps, int rounds) {
    int k = 0;
    List<GroupMetrics> gm = new ArrayList<>();
    for (GroupMetrics g : p.groups()) {
      Measure[] ms = new Measure[METRICS];
      List<Measure> src = g.measures();
      for (int m = 0; m < METRICS; m++) {
        ms[m] = interval(src.get(m), reps[k++], rounds);
      }
      gm.add(
          new GroupMetrics(
              g.group(), g.n(), g.positives(), g.negatives(), g.predictedPositives(), ms[0], ms[1],
              ms[2], ms[3], ms[4], ms[5], ms[6], ms[7], ms[8], ms[9]));
    }
    List<GroupRatio> ratios = new ArrayList<>();
    for (GroupRatio r : p.ratios()) {
      ratios.add(new GroupRatio(r.group(), interval(r.ratio(), reps[k++], rounds), r.flagged()));
    }
    List<Summary> sums = new ArrayList<>();
    for (Summary s : p.summaries()) {
      double[] ci = percentileInterval(reps[k++]);
      sums.add(s.withInterval(ci[0], ci[1], rounds, (int) ci[2]));
    }
    return new AttributeAudit(
        groups.name(), groups.columns(), gm, p.reference(), p.referenceRule(), ratios, sums);
  }

  private static Measure interval(Measure m, double[] reps, int rounds) {
    double[] ci = percentileInterval(reps);
    return m.withInterval(ci[0], ci[1], rounds, (int) ci[2]);
  }

  /** Point metrics: AUC and Brier through {@link Metrics} on the group's rows. */
  private static GroupMetrics pointMetrics(
      String key, GroupKernel.Counts c, int[] rows, int[] labels, double[] scores) {
    double auc = Double.NaN;
    double brier = Double.NaN;
    if (rows.length > 0) {
      int[] gy = new int[rows.length];
      double[] gs = new double[rows.length];
      for (int k = 0; k < rows.length; k++) {
        gy[k] = labels[rows[k]];
        gs[k] = scores[rows[k]];
      }
      auc = Metrics.rocAuc(gy, gs);
      brier = Metrics.brierScore(gy, gs);
    }
    return metrics(key, c, auc, brier);
  }

  /**
   * The measures of one group from its counts; {@code auc} and {@code brier} replace the values
   * computed from the counts when not NaN.
   */
  static GroupMetrics metrics(String key, GroupKernel.Counts c, double auc, double brier) {
    int n = (int) c.n();
    long pos = c.positives();
    long neg = c.negatives();
    Measure sr =
        Measure.fraction("selection_rate", c.predictedPositives(), n, n, "");
    Measure tpr =
        Measure.fraction(
            "true_positive_rate", c.truePositives(), pos, n, "no positives in group (TPR = 0/0)");
    Measure fpr =
        Measure.fraction(
            "false_positive_rate", c.falsePositives(), neg, n,
            "no negatives in group (FPR = 0/0)");
    Measure ppv =
        Measure.fraction(
            "precision", c.truePositives(), c.predictedPositives(), n,
            "no predicted positives in group (precision = 0/0)");
    Measure acc = Measure.fraction("accuracy", c.correct(), n, n, "");
    Measure rocAuc;
    if (n == 0) {
      rocAuc = Measure.empty("roc_auc");
    } else if (pos == 0 || neg == 0) {
      rocAuc =
          Measure.undefined(
              "roc_auc",
              (pos == 0 ? "no positives" : "no negatives")
                  + " in group (AUC needs both classes; U = 0/0)",
              c.twiceU() / 2.0, (double) pos * neg, n);
    } else {
      double u = c.twiceU() / 2.0;
      double den = (double) pos * neg;
      rocAuc = Measure.of("roc_auc", Double.isNaN(auc) ? u / den : auc, u, den, n);
    }
    Measure base = Measure.fraction("base_rate", pos, n, n, "");
    Measure mean = Measure.fraction("mean_score", c.sumScore(), n, n, "");
    // the sums are compensated (Neumaier), so the difference is accurate to ~1 ulp of the sum
    Measure gap = Measure.fraction("calibration_gap", c.sumScore() - pos, n, n, "");
    Measure bs = Measure.fraction("brier_score", c.sumSquaredError(), n, n, "");
    if (n > 0 && !Double.isNaN(brier)) {
      bs = Measure.of("brier_score", brier, c.sumSquaredError(), n, n);
    }
    return new GroupMetrics(
        key, n, (int) pos, (int) neg, (int) c.predictedPositives(), sr, tpr, fpr, ppv, acc, rocAuc,
        base, mean, gap, bs);
  }

  // ------------------------------------------------------------------ summaries

  static Snapshot summarise(List<String> keys, List<GroupMetrics> gm, String namedReference) {
    List<Measure> sr = gm.stream().map(GroupMetrics::selectionRate).toList();
    List<Measure> tpr = gm.stream().map(GroupMetrics::truePositiveRate).toList();
    List<Measure> fpr = gm.stream().map(GroupMetrics::falsePositiveRate).toList();
    Summary dpd = difference("demographic_parity_difference", "selection_rate", keys, sr);
    Summary dpr = ratio("demographic_parity_ratio", keys, sr);
    Summary eod = difference("equal_opportunity_difference", "true_positive_rate", keys, tpr);
    Summary fprd = difference("false_positive_rate_difference", "false_positive_rate", keys, fpr);
    Summary eq = equalizedOdds(eod, fprd);

    // disparate impact
    int ref = -1;
    String rule;
    if (namedReference != null) {
      ref = keys.indexOf(namedReference);
      rule = "named";
    } else {
      rule = "highest selection rate";
      for (int g = 0; g < sr.size(); g++) {
        if (sr.get(g).defined() && (ref < 0 || sr.get(g).value() > sr.get(ref).value())) {
          ref = g;
        }
      }
    }
    List<GroupRatio> ratios = new ArrayList<>();
    Measure refRate = ref < 0 ? null : sr.get(ref);
    for (int g = 0; g < sr.size(); g++) {
      Measure m = sr.get(g);
      Measure r;
      if (m.status() == Measure.Status.EMPTY) {
        r = Measure.empty("disparate_impact_ratio");
      } else if (refRate == null || !refRate.defined()) {
        r =
            Measure.undefined(
                "disparate_impact_ratio",
                ref < 0
                    ? "no group has a defined selection rate"
                    : "reference group '" + keys.get(ref) + "' has no rows",
                m.value(), Double.NaN, m.n());
      } else if (refRate.value() == 0) {
        r =
            Measure.undefined(
                "disparate_impact_ratio",
                "reference rate is 0 (ratio = " + (m.value() == 0 ? "0" : m.value()) + "/0)",
                m.value(), 0, m.n());
      } else {
        r =
            Measure.of(
                "disparate_impact_ratio", m.value() / refRate.value(), m.value(), refRate.value(),
                m.n());
      }
      ratios.add(new GroupRatio(keys.get(g), r, r.defined() && r.value() < FOUR_FIFTHS));
    }
    Summary di = disparateImpact(keys, ratios, ref, sr);
    return new Snapshot(
        gm, ref < 0 ? "" : keys.get(ref), rule, ratios, List.of(dpd, dpr, eod, fprd, eq, di));
  }

  /** max − min over groups with a defined value. */
  static Summary difference(String name, String metric, List<String> keys, List<Measure> ms) {
    List<String> compared = new ArrayList<>();
    List<Exclusion> excluded = new ArrayList<>();
    int max = -1;
    int min = -1;
    for (int g = 0; g < ms.size(); g++) {
      Measure m = ms.get(g);
      if (!m.defined()) {
        excluded.add(new Exclusion(keys.get(g), m.reason()));
        continue;
      }
      compared.add(keys.get(g));
      if (max < 0 || m.value() > ms.get(max).value()) {
        max = g;
      }
      if (min < 0 || m.value() < ms.get(min).value()) {
        min = g;
      }
    }
    if (compared.size() < 2) {
      return Summary.undefined(
          name, metric,
          "fewer than 2 groups with a defined " + metric + " (" + compared.size() + " defined)",
          compared, excluded);
    }
    double hi = ms.get(max).value();
    double lo = ms.get(min).value();
    return new Summary(
        name, metric, Measure.Status.DEFINED, true, hi - lo, "", keys.get(max), hi, keys.get(min),
        lo, compared, excluded, false, "", Double.NaN, Double.NaN, 0, 0);
  }

  /** min / max selection rate. */
  static Summary ratio(String name, List<String> keys, List<Measure> sr) {
    Summary d = difference(name, "selection_rate", keys, sr);
    if (!d.defined()) {
      return d;
    }
    if (d.maxValue() == 0) {
      return Summary.undefined(
          name, "selection_rate", "every selection rate is 0 (ratio = 0/0)", d.compared(),
          d.excluded());
    }
    return new Summary(
        name, "selection_rate", Measure.Status.DEFINED, true, d.minValue() / d.maxValue(), "",
        d.maxGroup(), d.maxValue(), d.minGroup(), d.minValue(), d.compared(), d.excluded(), false,
        "", Double.NaN, Double.NaN, 0, 0);
  }

  /** The larger of the TPR and FPR differences (fairlearn's worst case). */
  static Summary equalizedOdds(Summary tpr, Summary fpr) {
    String name = "equalized_odds_difference";
    LinkedHashSet<Exclusion> ex = new LinkedHashSet<>(tpr.excluded());
    ex.addAll(fpr.excluded());
    if (!tpr.defined() || !fpr.defined()) {
      Summary bad = tpr.defined() ? fpr : tpr;
      return Summary.undefined(
          name, bad.metric(), "needs both the TPR and the FPR difference; " + bad.reason(),
          List.of(), new ArrayList<>(ex));
    }
    Summary s = fpr.value() > tpr.value() ? fpr : tpr;
    return new Summary(
        name, s.metric(), Measure.Status.DEFINED, true, s.value(), "", s.maxGroup(), s.maxValue(),
        s.minGroup(), s.minValue(), s.compared(), new ArrayList<>(ex), false, "", Double.NaN,
        Double.NaN, 0, 0);
  }

  /** The smallest ratio to the reference over the other groups; flagged below 4/5. */
  static Summary disparateImpact(
      List<String> keys, List<GroupRatio> ratios, int ref, List<Measure> sr) {
    String name = "disparate_impact_ratio";
    List<String> compared = new ArrayList<>();
    List<Exclusion> excluded = new ArrayList<>();
    int worst = -1;
    for (int g = 0; g < ratios.size(); g++) {
      Measure r = ratios.get(g).ratio();
      if (!r.defined()) {
        excluded.add(new Exclusion(keys.get(g), r.reason()));
        continue;
      }
      compared.add(keys.get(g));
      if (g != ref && (worst < 0 || r.value() < ratios.get(worst).ratio().value())) {
        worst = g;
      }
    }
    if (worst < 0) {
      String reason =
          !excluded.isEmpty() && ref >= 0 && sr.get(ref).defined() && sr.get(ref).value() == 0
              ? "reference rate is 0"
              : "fewer than 2 groups with a defined selection rate";
      return Summary.undefined(name, "selection_rate", reason, compared, excluded);
    }
    double v = ratios.get(worst).ratio().value();
    return new Summary(
        name, "selection_rate", Measure.Status.DEFINED, true, v, "", keys.get(ref),
        sr.get(ref).value(), keys.get(worst), sr.get(worst).value(), compared, excluded,
        v < FOUR_FIFTHS, FOUR_FIFTHS_RULE, Double.NaN, Double.NaN, 0, 0);
  }

  // ------------------------------------------------------------------ percentiles

  /** {@code {lower, upper, valid}}: the 2.5th and 97.5th percentiles of the defined replicates. */
  static double[] percentileInterval(double[] reps) {
    double[] v = new double[reps.length];
    int m = 0;
    for (double x : reps) {
      if (!Double.isNaN(x)) {
        v[m++] = x;
      }
    }
    if (m == 0) {
      return new double[] {Double.NaN, Double.NaN, 0};
    }
    Arrays.sort(v, 0, m);
    return new double[] {percentile(v, m, 2.5), percentile(v, m, 97.5), m};
  }

  /** Hyndman–Fan definition 7 (numpy's {@code linear}), evaluated as numpy does. */
  static double percentile(double[] sorted, int m, double pct) {
    double h = (pct / 100.0) * (m - 1);
    int j = (int) Math.floor(h);
    if (j >= m - 1) {
      return sorted[m - 1];
    }
    double g = h - j;
    double a = sorted[j];
    double b = sorted[j + 1];
    double diff = b - a;
    return g >= 0.5 ? b - diff * (1.0 - g) : a + diff * g;
  }
}
