package dev.hone.eval.diagnostics;

import static dev.hone.eval.diagnostics.Ref.close;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.core.data.TaskType;
import dev.hone.core.model.Predictions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Calibration} and {@link ThresholdTable} against scikit-learn ({@code calibration_curve},
 * {@code confusion_matrix}, {@code precision_recall_curve}), statsmodels ({@code
 * proportion_confint(method='wilson')}) and numpy (bin counts, ECE, MCE, ECE on explicit bootstrap
 * resamples), cases written by {@code make_reference.py}. Tolerance 1e-12 (relative above 1,
 * absolute below).
 */
class CalibrationReferenceTest {
  static final double TOL = 1e-12;

  static Stream<Arguments> calibrationCases() {
    return Ref.list("calibration_cases").stream()
        .map(c -> Arguments.of(c.get("name").asText(), c));
  }

  static Stream<Arguments> thresholdCases() {
    return Ref.list("threshold_tables").stream().map(c -> Arguments.of(c.get("name").asText(), c));
  }

  private static Calibration.Options options(JsonNode c, int rounds) {
    return new Calibration.Options(
        c.get("bins").intValue(),
        Calibration.BinStrategy.valueOf(c.get("strategy").asText().toUpperCase(java.util.Locale.ROOT)),
        rounds,
        11L);
  }

  private static CalibrationReport run(JsonNode c) {
    double[] y = Ref.doubles(c.get("y"));
    Calibration.Options o = options(c, 0);
    if (c.has("proba")) {
      return Calibration.of(y, new Predictions(TaskType.MULTICLASS, Ref.matrix(c.get("proba")), null), o);
    }
    double[] s = Ref.doubles(c.get("scores"));
    double[][] proba = new double[s.length][];
    for (int i = 0; i < s.length; i++) {
      proba[i] = new double[] {1 - s[i], s[i]};
    }
    CalibrationReport viaPreds = Calibration.of(y, new Predictions(TaskType.BINARY, proba, null), o);
    CalibrationReport direct = Calibration.binary(y, s, o);
    assertEquals(direct.ece(), viaPreds.ece(), "same result through Predictions");
    return direct;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("calibrationCases")
  void reliabilityDiagramMatchesSklearn(String name, JsonNode c) {
    CalibrationReport r = run(c);
    JsonNode e = c.get("expected");
    assertEquals(c.get("kind").asText(), r.kind());
    assertEquals(c.get("strategy").asText(), r.strategy());
    double[] edges = Ref.doubles(e.get("edges"));
    int[] counts = Ref.ints(e.get("counts"));
    assertEquals(counts.length, r.bins().size(), name + " bins");
    double[] probTrue = Ref.doubles(e.get("nonempty_prob_true"));
    double[] probPred = Ref.doubles(e.get("nonempty_prob_pred"));
    double[] wl = Ref.doubles(e.get("wilson_lower"));
    double[] wu = Ref.doubles(e.get("wilson_upper"));
    int k = 0;
    for (int b = 0; b < counts.length; b++) {
      CalibrationReport.ReliabilityBin bin = r.bins().get(b);
      String w = name + " bin " + b;
      assertEquals(edges[b], bin.lower(), w + " lower edge");
      assertEquals(edges[b + 1], bin.upper(), w + " upper edge");
      assertEquals(counts[b], bin.n(), w + " count");
      close(wl[b], bin.observedLower(), TOL, w + " Wilson lower");
      close(wu[b], bin.observedUpper(), TOL, w + " Wilson upper");
      if (counts[b] > 0) {
        close(probTrue[k], bin.observed(), TOL, w + " prob_true");
        close(probPred[k], bin.meanPredicted(), TOL, w + " prob_pred");
        k++;
      } else {
        assertEquals(Double.NaN, bin.observed(), w + " empty");
      }
    }
    assertEquals(probTrue.length, k, name + " non-empty bins");
    close(Ref.num(e.get("ece")), r.ece(), TOL, name + " ECE");
    close(Ref.num(e.get("mce")), r.mce(), TOL, name + " MCE");
    close(Ref.num(e.get("mean_predicted")), r.meanPredicted(), TOL, name + " mean predicted");
    close(Ref.num(e.get("observed")), r.observedFrequency(), TOL, name + " observed");
  }

  @Test
  void eceOnExplicitResamplesMatchesNumpy() {
    JsonNode b = Ref.root().get("calibration_bootstrap");
    double[] expected = Ref.doubles(b.get("ece"));
    double[] got =
        Calibration.eceForResamples(
            Ref.doubles(b.get("y")), Ref.doubles(b.get("scores")), options(b, 0),
            Ref.intMatrix(b.get("draws")));
    assertEquals(expected.length, got.length);
    for (int i = 0; i < expected.length; i++) {
      close(expected[i], got[i], TOL, "ECE of resample " + i);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("thresholdCases")
  void thresholdTableMatchesSklearn(String name, JsonNode c) {
    double[] y = Ref.doubles(c.get("y"));
    ThresholdTable t = ThresholdTable.of(y, Ref.doubles(c.get("scores")));
    JsonNode e = c.get("expected");
    assertEquals(e.get("positives").intValue(), t.positives());
    assertEquals(e.get("negatives").intValue(), t.negatives());
    JsonNode rows = e.get("rows");
    assertEquals(rows.size(), t.rows().size());
    for (int i = 0; i < rows.size(); i++) {
      JsonNode er = rows.get(i);
      ThresholdTable.Row r = t.rows().get(i);
      String w = name + " threshold " + er.get("threshold").doubleValue();
      assertEquals(er.get("threshold").doubleValue(), r.threshold(), w);
      long tp = er.get("tp").longValue();
      long fp = er.get("fp").longValue();
      long tn = er.get("tn").longValue();
      long fn = er.get("fn").longValue();
      assertEquals(tp, r.tp(), w + " tp");
      assertEquals(fp, r.fp(), w + " fp");
      assertEquals(tn, r.tn(), w + " tn");
      assertEquals(fn, r.fn(), w + " fn");
      // the rates follow from the oracle's counts
      close(tp + fp == 0 ? Double.NaN : (double) tp / (tp + fp), r.precision(), TOL, w + " P");
      close((double) tp / (tp + fn), r.recall(), TOL, w + " R");
      close((double) tp / (tp + fn), r.tpr(), TOL, w + " TPR");
      close((double) fp / (fp + tn), r.fpr(), TOL, w + " FPR");
      close(2.0 * tp / (2 * tp + fp + fn), r.f1(), TOL, w + " F1");
      close((double) (tp + fp) / y.length, r.predictedPositiveRate(), TOL, w + " rate");
    }
    assertNotNull(t.f1Optimal());
    assertEquals(Ref.num(e.get("f1_opt_threshold")), t.f1Optimal().threshold(), name + " F1 opt");
    close(Ref.num(e.get("f1_opt_value")), t.f1Optimal().f1(), TOL, name + " F1 opt value");
  }
}
