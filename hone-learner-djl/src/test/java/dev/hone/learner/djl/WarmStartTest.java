package dev.hone.learner.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.core.data.TaskType;
import dev.hone.core.error.InvalidParameterException;
import dev.hone.core.model.FitRequest;
import dev.hone.core.model.ReportSink;
import dev.hone.core.params.ParamSet;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Continued training ({@link MlpLearner#fit(FitRequest, NetworkModel)}). Oracles: with a learning
 * rate of 1e-12 one more epoch leaves the network as it was, so its predictions equal the initial
 * model's (float32 tolerance 1e-5), while a fresh fit with the same seed differs; the initial
 * model is unchanged; an architecture mismatch is refused.
 */
class WarmStartTest {

  @Test
  void continuesFromTheInitialWeights() throws Exception {
    TestData.Xy digits = TestData.digits();
    int[] train = digits.rows(3, 0, false);
    int[] test = digits.rows(3, 0, true);
    MlpLearner learner = new MlpLearner();
    Map<String, Object> base = Map.of("depth", 1, "width", 16, "epochs", 2, "optimizer", "sgd");
    try (NetworkModel a = fit(learner, digits, train, base, null);
        NetworkModel same = fit(learner, digits, train, with(base, "learning_rate", 1e-12), a);
        NetworkModel fresh = fit(learner, digits, train, with(base, "learning_rate", 1e-12), null)) {
      double[][] pa = a.predict(digits.matrix(test)).probabilities();
      double[][] ps = same.predict(digits.matrix(test)).probabilities();
      double[][] pf = fresh.predict(digits.matrix(test)).probabilities();
      double maxSame = 0;
      double maxFresh = 0;
      for (int i = 0; i < pa.length; i++) {
        for (int j = 0; j < pa[i].length; j++) {
          maxSame = Math.max(maxSame, Math.abs(pa[i][j] - ps[i][j]));
          maxFresh = Math.max(maxFresh, Math.abs(pa[i][j] - pf[i][j]));
        }
      }
      assertTrue(maxSame < 1e-5, "continued model moved by " + maxSame);
      assertTrue(maxFresh > 1e-2, "a fresh fit should differ; differs by " + maxFresh);
      assertEquals(a.meta().featureScale()[10], same.meta().featureScale()[10]);

      // training on: the initial model is unchanged and the continued one improves the fit
      try (NetworkModel more = fit(learner, digits, train, with(base, "epochs", 5), a)) {
        double[][] again = a.predict(digits.matrix(test)).probabilities();
        assertEquals(pa[0][0], again[0][0]);
        assertTrue(accuracy(more, digits, test) >= accuracy(a, digits, test) - 0.01);
      }
      assertThrows(InvalidParameterException.class,
          () -> fit(learner, digits, train, with(base, "width", 8), a));
    }
  }

  private static double accuracy(NetworkModel m, TestData.Xy d, int[] rows) {
    int[] p = m.predict(d.matrix(rows)).predictedClasses();
    double[] y = d.labels(rows);
    int ok = 0;
    for (int i = 0; i < p.length; i++) {
      ok += p[i] == (int) y[i] ? 1 : 0;
    }
    return ok / (double) p.length;
  }

  private static Map<String, Object> with(Map<String, Object> m, String k, Object v) {
    Map<String, Object> out = new HashMap<>(m);
    out.put(k, v);
    return out;
  }

  private static NetworkModel fit(
      MlpLearner learner, TestData.Xy d, int[] rows, Map<String, Object> p, NetworkModel initial) {
    return learner.fit(
        new FitRequest(d.matrix(rows), d.labels(rows), null, null, TaskType.MULTICLASS, 10,
            ParamSet.resolve(learner.paramSpecs(), p), 3, 1, ReportSink.NONE),
        initial);
  }
}
