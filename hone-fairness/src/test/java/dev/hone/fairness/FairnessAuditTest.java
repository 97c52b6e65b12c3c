package dev.hone.fairness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.core.error.InvalidParameterException;
import dev.hone.core.json.Json;
import dev.hone.eval.Metrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FairnessAuditTest {

  private static AttributeAudit audit(int[] y, double[] s, String[] g, Map<String, String> ref) {
    return FairnessAudit.audit(
            y, s, List.of(Groups.of("g", g)), AuditOptions.defaults(1).withBootstrapRounds(0)
                .withReferenceGroups(ref))
        .attributes()
        .get(0);
  }

  @Test
  void zeroOverZeroIsUndefinedWithItsReason() {
    // group N has no positives and no predicted positives
    AttributeAudit a =
        audit(new int[] {1, 0, 0, 0}, new double[] {0.9, 0.2, 0.3, 0.1},
            new String[] {"P", "P", "N", "N"}, Map.of());
    Measure tpr = a.group("N").truePositiveRate();
    assertEquals(Measure.Status.UNDEFINED, tpr.status());
    assertFalse(tpr.defined());
    assertEquals("no positives in group (TPR = 0/0)", tpr.reason());
    assertEquals(0, tpr.numerator());
    assertEquals(0, tpr.denominator());
    assertEquals(2, tpr.n());
    assertEquals(
        "no predicted positives in group (precision = 0/0)", a.group("N").precision().reason());
    assertTrue(a.group("N").rocAuc().reason().startsWith("no positives"));
    // TPR is defined for one group only: the summary is undefined, the exclusion reported
    Summary eo = a.summary("equal_opportunity_difference");
    assertFalse(eo.defined());
    assertTrue(eo.reason().startsWith("fewer than 2 groups"), eo.reason());
    assertEquals(List.of(new Exclusion("N", "no positives in group (TPR = 0/0)")), eo.excluded());
    assertFalse(a.summary("equalized_odds_difference").defined());
    // FPR is defined for both and still summarised
    assertTrue(a.summary("false_positive_rate_difference").defined());
  }

  @Test
  void ratioToAZeroReferenceRateIsUndefinedNotInfinite() {
    // reference R selects nobody, U selects half: x/0; V selects nobody: 0/0
    AttributeAudit a =
        audit(new int[] {1, 0, 1, 0, 1, 0}, new double[] {0.1, 0.2, 0.9, 0.1, 0.1, 0.2},
            new String[] {"R", "R", "U", "U", "V", "V"}, Map.of("g", "R"));
    assertEquals("R", a.referenceGroup());
    assertEquals("named", a.referenceRule());
    Measure u = a.disparateImpact().get(1).ratio();
    Measure v = a.disparateImpact().get(2).ratio();
    assertEquals("reference rate is 0 (ratio = 0.5/0)", u.reason());
    assertEquals("reference rate is 0 (ratio = 0/0)", v.reason());
    assertEquals(0.5, u.numerator());
    assertTrue(Double.isNaN(u.value()));
    Summary di = a.summary("disparate_impact_ratio");
    assertFalse(di.defined());
    assertEquals("reference rate is 0", di.reason());
    assertFalse(di.flagged());
  }

  @Test
  void emptyGroupIsReportedAndExcluded() {
    Groups g = Groups.of("g", new String[] {"A", "A", "B", "B"}, List.of("C"));
    AttributeAudit a =
        FairnessAudit.audit(
                new int[] {1, 0, 1, 0}, new double[] {0.9, 0.1, 0.4, 0.6}, List.of(g),
                AuditOptions.defaults(1).withBootstrapRounds(20))
            .attributes()
            .get(0);
    GroupMetrics c = a.group("C");
    assertEquals(0, c.n());
    for (Measure m : c.measures()) {
      assertEquals(Measure.Status.EMPTY, m.status(), m.metric());
      assertEquals(0, m.bootstrapValid(), "empty stays empty in every resample");
    }
    Summary dp = a.summary("demographic_parity_difference");
    assertTrue(dp.defined());
    assertEquals(List.of("A", "B"), dp.compared());
    assertEquals(List.of(new Exclusion("C", "empty group (n = 0)")), dp.excluded());
  }

  @Test
  void equalizedOddsTakesTheLargerGapAndNeverCancels() {
    // G1: TPR 0.7, FPR 0.1; G2: TPR 0.4, FPR 0.4 → signed gaps +0.3 and −0.3
    List<Integer> y = new ArrayList<>();
    List<Double> s = new ArrayList<>();
    List<String> g = new ArrayList<>();
    int[][] spec = {{7, 1}, {4, 4}};
    for (int k = 0; k < 2; k++) {
      for (int i = 0; i < 10; i++) {
        y.add(1);
        s.add(i < spec[k][0] ? 0.9 : 0.1);
        g.add("G" + (k + 1));
      }
      for (int i = 0; i < 10; i++) {
        y.add(0);
        s.add(i < spec[k][1] ? 0.9 : 0.1);
        g.add("G" + (k + 1));
      }
    }
    AttributeAudit a =
        audit(y.stream().mapToInt(Integer::intValue).toArray(),
            s.stream().mapToDouble(Double::doubleValue).toArray(), g.toArray(String[]::new),
            Map.of());
    double tprGap = a.group("G1").truePositiveRate().value() - a.group("G2").truePositiveRate().value();
    double fprGap =
        a.group("G1").falsePositiveRate().value() - a.group("G2").falsePositiveRate().value();
    assertEquals(0.3, tprGap, 1e-12);
    assertEquals(-0.3, fprGap, 1e-12);
    assertEquals(0.0, (tprGap + fprGap) / 2, 1e-12, "a signed average would cancel");
    assertEquals(0.3, a.summary("equalized_odds_difference").value(), 1e-12);
    assertEquals(0.3, FairnessObjectives.equalizedOddsDifference(
        y.stream().mapToInt(Integer::intValue).toArray(),
        s.stream().mapToDouble(Double::doubleValue).toArray(),
        Groups.of("g", g.toArray(String[]::new))), 1e-12);
  }

  @Test
  void highestRateReferenceAndFourFifthsFlag() {
    AttributeAudit a =
        audit(new int[] {1, 1, 1, 1, 1, 1, 1, 1}, new double[] {.9, .9, .9, .9, .9, .9, .1, .1},
            new String[] {"A", "A", "A", "A", "B", "B", "B", "B"}, Map.of());
    assertEquals("A", a.referenceGroup());
    Summary di = a.summary("disparate_impact_ratio");
    assertEquals(0.5, di.value(), 1e-15);
    assertTrue(di.flagged());
    assertTrue(a.disparateImpact().get(1).flagged());
    assertFalse(a.disparateImpact().get(0).flagged());
    assertEquals(a.summary("demographic_parity_ratio").value(), di.value(), 0);
  }

  @Test
  void unknownReferenceGroupIsAUserError() {
    InvalidParameterException e =
        assertThrows(
            InvalidParameterException.class,
            () -> audit(new int[] {1, 0}, new double[] {.9, .1}, new String[] {"A", "B"},
                Map.of("g", "Z")));
    assertTrue(e.getMessage().contains("'Z'") && e.getMessage().contains("[A, B]"));
  }

  /** Random data with a minority group and ties. */
  static Object[] data(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int[] y = new int[n];
    double[] s = new double[n];
    String[] g = new String[n];
    for (int i = 0; i < n; i++) {
      double u = r.nextDouble();
      g[i] = u < 0.6 ? "a" : u < 0.9 ? "b" : u < 0.97 ? "c" : null;
      y[i] = r.nextDouble() < (g[i] == null ? 0.3 : g[i].equals("a") ? 0.5 : 0.25) ? 1 : 0;
      s[i] = Math.round(100 / (1 + Math.exp(-(1.2 * y[i] - 0.4 + r.nextGaussian())))) / 100.0;
    }
    return new Object[] {y, s, g};
  }

  @Test
  void bootstrapIsDeterministicAndSeedDependent() {
    Object[] d = data(500, 3);
    List<Groups> attrs = List.of(Groups.of("g", (String[]) d[2]));
    AuditOptions o = AuditOptions.defaults(42).withBootstrapRounds(200);
    FairnessReport a = FairnessAudit.audit((int[]) d[0], (double[]) d[1], attrs, o);
    FairnessReport b = FairnessAudit.audit((int[]) d[0], (double[]) d[1], attrs, o);
    assertEquals(Json.write(a), Json.write(b));
    FairnessReport c =
        FairnessAudit.audit((int[]) d[0], (double[]) d[1], attrs,
            AuditOptions.defaults(43).withBootstrapRounds(200));
    assertFalse(Json.write(a).equals(Json.write(c)), "another seed draws other resamples");
    Summary dp = a.attributes().get(0).summary("demographic_parity_difference");
    assertTrue(dp.ciLower() <= dp.value() && dp.value() <= dp.ciUpper(), dp.toString());
    assertEquals(200, dp.bootstrapValid());
  }

  /**
   * The weighted one-pass bootstrap against a naive one: the same draws materialised as a new data
   * set and audited from scratch, percentiles taken over those replicates.
   */
  @Test
  void stratifiedBootstrapEqualsNaiveResampling() {
    Object[] d = data(300, 11);
    int[] y = (int[]) d[0];
    double[] s = (double[]) d[1];
    Groups groups = Groups.of("g", (String[]) d[2]);
    int rounds = 60;
    long seed = 7;
    AttributeAudit fast =
        FairnessAudit.audit(y, s, List.of(groups),
                AuditOptions.defaults(seed).withBootstrapRounds(rounds))
            .attributes().get(0);
    // replay the draws: groups in key order, each group's rows by decreasing score (stable)
    int[][] rows = groups.rowsByGroup();
    for (int[] r : rows) {
      Integer[] o = Arrays.stream(r).boxed().toArray(Integer[]::new);
      Arrays.sort(o, (p, q) -> Double.compare(s[q], s[p]));
      for (int k = 0; k < r.length; k++) {
        r[k] = o[k];
      }
    }
    SplittableRandom rng = dev.hone.core.random.Seeds.rng(seed, "fairness.bootstrap/g", 0);
    int q = GroupMetrics.METRICS.size();
    double[][] reps = new double[groups.groupCount() * q + FairnessAudit.SUMMARIES.size()][rounds];
    for (int b = 0; b < rounds; b++) {
      int[] idx = new int[y.length];
      int k = 0;
      for (int[] r : rows) {
        for (int j = 0; j < r.length; j++) {
          idx[k++] = r[rng.nextInt(r.length)];
        }
      }
      int[] by = new int[idx.length];
      double[] bs = new double[idx.length];
      String[] bg = new String[idx.length];
      for (int i = 0; i < idx.length; i++) {
        by[i] = y[idx[i]];
        bs[i] = s[idx[i]];
        bg[i] = groups.key(idx[i]);
      }
      AttributeAudit rep =
          FairnessAudit.audit(by, bs, List.of(Groups.of("g", bg)),
                  AuditOptions.defaults(0).withBootstrapRounds(0))
              .attributes().get(0);
      int at = 0;
      for (GroupMetrics gm : rep.groups()) {
        for (Measure m : gm.measures()) {
          reps[at++][b] = m.value();
        }
      }
      for (Summary sum : rep.summaries()) {
        reps[at++][b] = sum.value();
      }
    }
    int at = 0;
    for (GroupMetrics gm : fast.groups()) {
      for (Measure m : gm.measures()) {
        double[] ci = FairnessAudit.percentileInterval(reps[at++]);
        String w = gm.group() + " " + m.metric();
        assertEquals(ci[2], m.bootstrapValid(), w);
        assertEquals(ci[0], m.ciLower(), 1e-12, w);
        assertEquals(ci[1], m.ciUpper(), 1e-12, w);
      }
    }
    for (Summary sum : fast.summaries()) {
      double[] ci = FairnessAudit.percentileInterval(reps[at++]);
      assertEquals(ci[0], sum.ciLower(), 1e-12, sum.name());
      assertEquals(ci[1], sum.ciUpper(), 1e-12, sum.name());
    }
  }

  @Test
  void thresholdIsStrictAndLabelsConvert() {
    // a score of exactly 0.5 predicts 0, as dev.hone.eval.Metric.BINARY_THRESHOLD
    AttributeAudit a =
        audit(new int[] {1, 0}, new double[] {0.5, 0.5000001}, new String[] {"A", "B"}, Map.of());
    assertEquals(0.0, a.group("A").selectionRate().value());
    assertEquals(1.0, a.group("B").selectionRate().value());
    assertEquals(List.of(1, 0), Arrays.stream(FairnessAudit.binaryLabels(new double[] {1.0, 0.0}))
        .boxed().toList());
    assertThrows(IllegalArgumentException.class,
        () -> FairnessAudit.binaryLabels(new double[] {Double.NaN}));
  }

  @Test
  void percentileMatchesNumpyLinear() {
    // numpy.percentile([1, 2, 4, 8, 16], [2.5, 97.5]) = [1.1, 15.2]
    double[] ci = FairnessAudit.percentileInterval(new double[] {8, 1, Double.NaN, 16, 2, 4});
    assertEquals(1.1, ci[0], 1e-12);
    assertEquals(15.2, ci[1], 1e-12);
    assertEquals(5, ci[2]);
  }

  @Test
  void kernelAucAndBrierEqualHoneEvalOnEachGroup() {
    Object[] d = data(400, 5);
    int[] y = (int[]) d[0];
    double[] s = (double[]) d[1];
    Groups g = Groups.of("g", (String[]) d[2]);
    GroupKernel.Counts[] c = new GroupKernel(y, s, new int[y.length], g).evaluate(null);
    int[][] rows = g.rowsByGroup();
    for (int k = 0; k < rows.length; k++) {
      int[] gy = Arrays.stream(rows[k]).map(i -> y[i]).toArray();
      double[] gs = Arrays.stream(rows[k]).mapToDouble(i -> s[i]).toArray();
      GroupMetrics m = FairnessAudit.metrics("x", c[k], Double.NaN, Double.NaN);
      assertEquals(Metrics.rocAuc(gy, gs), m.rocAuc().value(), 1e-15);
      assertEquals(Metrics.brierScore(gy, gs), m.brierScore().value(), 1e-14);
    }
  }

  @Test
  void reportSerialisesToJsonAndBack() {
    Object[] d = data(200, 8);
    Groups g = Groups.of("g", (String[]) d[2]);
    Groups h = Groups.of("h", Arrays.stream((int[]) d[0]).mapToObj(v -> v == 1 ? "x" : "y")
        .toArray(String[]::new));
    FairnessReport r =
        FairnessAudit.audit((int[]) d[0], (double[]) d[1], List.of(g, Groups.intersection(g, h)),
            AuditOptions.defaults(2).withBootstrapRounds(30));
    String json = Json.write(r);
    assertTrue(json.contains("\"defined\" : false"), "typed undefined values are written");
    assertFalse(json.contains("\"measures\""), "helpers are not serialised");
    FairnessReport back = Json.read(json, FairnessReport.class);
    assertEquals(json, Json.write(back));
  }

  @Test
  void objectiveHelpersEqualTheAuditPointValues() {
    Object[] d = data(300, 21);
    int[] y = (int[]) d[0];
    double[] s = (double[]) d[1];
    Groups g = Groups.of("g", (String[]) d[2]);
    AttributeAudit a =
        FairnessAudit.audit(y, s, List.of(g), AuditOptions.defaults(0).withBootstrapRounds(0))
            .attributes().get(0);
    for (String name : FairnessAudit.SUMMARIES) {
      assertEquals(a.summary(name).value(), FairnessObjectives.of(name, 0.5).value(y, s, g),
          1e-15, name);
    }
    assertEquals(0.0, FairnessObjectives.violation(0.05, 0.1));
    assertEquals(0.05, FairnessObjectives.violation(0.15, 0.1), 1e-15);
    assertEquals(Double.POSITIVE_INFINITY, FairnessObjectives.violation(Double.NaN, 0.1));
  }
}
