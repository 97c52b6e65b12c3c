package dev.hone.eval.diagnostics;

import static dev.hone.eval.diagnostics.Ref.close;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.core.model.FeatureMatrix;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link ResidualAnalysis} against numpy (quantiles, histogram, binned summaries, largest
 * residuals, slices) and statsmodels' {@code het_breuschpagan} on the seeded cases written by
 * {@code make_reference.py}. Tolerance: 1e-12 relative (absolute below 1) for values computed by
 * the same formula on both sides; 1e-9 relative for the Breusch–Pagan statistics, whose least
 * squares differ in method (QR on standardised columns here, pseudo-inverse in statsmodels).
 */
class ResidualAnalysisReferenceTest {
  static final double TOL = 1e-12;
  static final double BP_TOL = 1e-9;

  static Stream<Arguments> cases() {
    return Ref.list("residual_cases").stream().map(c -> Arguments.of(c.get("name").asText(), c));
  }

  private static ResidualReport run(JsonNode c) {
    double[] y = Ref.doubles(c.get("y"));
    double[] yhat = Ref.doubles(c.get("yhat"));
    FeatureMatrix x = Ref.features(c.get("x"), c.get("names"));
    ResidualAnalysis.Options o =
        new ResidualAnalysis.Options(
            c.get("bins").intValue(), c.get("hist_bins").intValue(), 50,
            c.get("largest").intValue(), 7L);
    return ResidualAnalysis.analyze(
        y, yhat, x, Ref.ints(c.get("slices")), Ref.strings(c.get("slice_names")), o);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void distributionMatchesNumpy(String name, JsonNode c) {
    ResidualReport r = run(c);
    JsonNode e = c.get("expected");
    double[] q = Ref.doubles(e.get("quantiles"));
    assertEquals(q.length, r.quantiles().size());
    for (int i = 0; i < q.length; i++) {
      close(q[i], r.quantiles().get(i).value(), TOL, name + " quantile " + i);
    }
    double[] edges = Ref.doubles(e.get("hist_edges"));
    int[] counts = Ref.ints(e.get("hist_counts"));
    assertEquals(edges.length, r.histogram().edges().size(), name + " histogram edges");
    for (int i = 0; i < edges.length; i++) {
      close(edges[i], r.histogram().edges().get(i), TOL, name + " edge " + i);
    }
    for (int i = 0; i < counts.length; i++) {
      assertEquals(counts[i], r.histogram().counts().get(i), name + " histogram count " + i);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void binsMatchNumpy(String name, JsonNode c) {
    ResidualReport r = run(c);
    JsonNode e = c.get("expected");
    assertBins(e.get("vs_predicted"), r.vsPredicted(), name + " vs predicted");
    JsonNode features = e.get("vs_features");
    assertEquals(features.size(), r.vsFeatures().size());
    for (int j = 0; j < features.size(); j++) {
      JsonNode f = features.get(j);
      ResidualReport.FeatureBins fb = r.vsFeatures().get(j);
      assertEquals(f.get("feature").asText(), fb.feature());
      assertEquals(f.get("discrete").booleanValue(), fb.discrete(), name + " " + fb.feature());
      assertBins(f.get("bins"), fb.bins(), name + " " + fb.feature());
    }
  }

  private static void assertBins(JsonNode expected, List<ResidualReport.Bin> actual, String what) {
    assertEquals(expected.size(), actual.size(), what + ": number of non-empty bins");
    for (int b = 0; b < expected.size(); b++) {
      JsonNode eb = expected.get(b);
      ResidualReport.Bin ab = actual.get(b);
      String w = what + " bin " + b;
      assertEquals(eb.get("missing").booleanValue(), ab.missing(), w + " missing");
      assertEquals(eb.get("n").intValue(), ab.n(), w + " n");
      close(Ref.num(eb.get("lower")), ab.lower(), TOL, w + " lower");
      close(Ref.num(eb.get("upper")), ab.upper(), TOL, w + " upper");
      close(Ref.num(eb.get("mean_x")), ab.meanX(), TOL, w + " mean x");
      close(Ref.num(eb.get("mean")), ab.meanResidual(), TOL, w + " mean");
      close(Ref.num(eb.get("std")), ab.stdResidual(), TOL, w + " std");
      double[] pct = Ref.doubles(eb.get("pct"));
      double[] got = {ab.q05(), ab.q25(), ab.median(), ab.q75(), ab.q95()};
      for (int k = 0; k < pct.length; k++) {
        close(pct[k], got[k], TOL, w + " percentile " + k);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void largestAndSlicesMatchNumpy(String name, JsonNode c) {
    ResidualReport r = run(c);
    JsonNode e = c.get("expected");
    int[] rows = Ref.ints(e.get("largest_rows"));
    assertEquals(rows.length, r.largest().size());
    double[] y = Ref.doubles(c.get("y"));
    double[] yhat = Ref.doubles(c.get("yhat"));
    for (int i = 0; i < rows.length; i++) {
      ResidualReport.LargeResidual lr = r.largest().get(i);
      assertEquals(rows[i], lr.row(), name + " largest " + i);
      assertEquals(y[rows[i]], lr.y());
      assertEquals(yhat[rows[i]], lr.predicted());
      assertEquals(y[rows[i]] - yhat[rows[i]], lr.residual());
    }
    JsonNode slices = e.get("slices");
    assertEquals(slices.size(), r.slices().size());
    for (int s = 0; s < slices.size(); s++) {
      JsonNode es = slices.get(s);
      ResidualReport.SliceResiduals as = r.slices().get(s);
      assertEquals(es.get("slice").asText(), as.slice());
      assertEquals(es.get("n").intValue(), as.n(), name + " slice n");
      close(Ref.num(es.get("mean")), as.mean(), TOL, name + " slice mean");
      close(Ref.num(es.get("std")), as.std(), TOL, name + " slice std");
      close(Ref.num(es.get("rmse")), as.rmse(), TOL, name + " slice rmse");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void breuschPaganMatchesStatsmodels(String name, JsonNode c) {
    BreuschPaganResult bp = run(c).breuschPagan();
    JsonNode e = c.get("expected").get("bp");
    assertEquals(e.get("df").intValue(), bp.df(), name + " df");
    assertEquals(Ref.strings(e.get("regressors")), bp.regressors());
    assertEquals(Ref.strings(e.get("dropped_missing")), bp.droppedMissing());
    assertEquals(Ref.strings(e.get("dropped_constant")), bp.droppedConstant());
    assertEquals(Ref.strings(e.get("dropped_collinear")), bp.droppedCollinear());
    assertEquals("", bp.note());
    relClose(Ref.num(e.get("r2")), bp.rSquared(), name + " R²");
    relClose(Ref.num(e.get("lm")), bp.lm(), name + " LM");
    relClose(Ref.num(e.get("p")), bp.pValue(), name + " LM p-value");
    relClose(Ref.num(e.get("f")), bp.fStatistic(), name + " F");
    relClose(Ref.num(e.get("f_p")), bp.fPValue(), name + " F p-value");
  }

  private static void relClose(double expected, double actual, String what) {
    assertTrue(
        Math.abs(actual - expected) <= BP_TOL * Math.abs(expected),
        what + ": expected " + expected + " but was " + actual);
  }
}
