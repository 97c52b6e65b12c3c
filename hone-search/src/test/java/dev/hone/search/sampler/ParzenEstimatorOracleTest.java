package dev.hone.search.sampler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.search.space.CategoricalDistribution;
import dev.hone.search.space.Distribution;
import dev.hone.search.space.Distributions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Our Parzen estimators against Optuna 3.1.0's univariate {@code _ParzenEstimator} with
 * TPESampler's defaults (values and generating script in
 * src/test/resources/dev/hone/search/sampler/): normalised densities against scipy's truncnorm,
 * unit-height kernels (TPE's default scoring) against Optuna's own log_pdf. Tolerances: 1e-12 relative on weights, kernel
 * means and bandwidths (same arithmetic); 1e-9 absolute on log densities (different erf
 * implementations).
 */
class ParzenEstimatorOracleTest {

  @Test
  void matchesOptunaOnEveryCase() throws Exception {
    JsonNode ref = NormalMathTest.reference();
    int checked = 0;
    for (JsonNode c : ref.get("cases")) {
      String name = c.get("name").asText();
      Distribution d = Distributions.fromJson(c.get("distribution").toString());
      double[] w = doubles(c.get("weights"));
      if (d instanceof CategoricalDistribution cat) {
        int[] obs = ints(c.get("observations"));
        ParzenEstimator.Categorical pe =
            new ParzenEstimator.Categorical(obs, cat.choices().size(), 1.0, 25);
        assertArrayEquals(w, ParzenEstimator.weights(obs.length, 1.0, 25), 1e-12, name);
        double[] pts = doubles(c.get("points"));
        for (int i = 0; i < pts.length; i++) {
          assertEquals(c.get("logpdf").get(i).asDouble(), pe.logProb((int) pts[i]), 1e-12,
              name + " at " + pts[i]);
        }
      } else {
        TpeSampler.NumericSpace sp = TpeSampler.spaceOf(d);
        assertEquals(c.get("low").asDouble(), sp.lo, 1e-12, name + " low");
        assertEquals(c.get("high").asDouble(), sp.hi, 1e-12, name + " high");
        List<Object> external = external(d, c.get("observations"));
        double[] obs = new double[external.size()];
        for (int i = 0; i < obs.length; i++) {
          obs[i] = sp.transform(external.get(i));
        }
        ParzenEstimator.Numeric pe =
            new ParzenEstimator.Numeric(obs, sp.lo, sp.hi, 1.0, 25, false, true);
        assertArrayEquals(w, ParzenEstimator.weights(obs.length, 1.0, 25), 1e-12, name);
        assertArrayEquals(doubles(c.get("mus")), pe.mus, 1e-12, name + " mus");
        assertArrayEquals(doubles(c.get("sigmas")), pe.sigmas, 1e-12, name + " sigmas");
        List<Object> pts = external(d, c.get("points"));
        // TPE's default unit-height kernels: Optuna's own log_pdf (same values for grids)
        ParzenEstimator.Numeric unit =
            new ParzenEstimator.Numeric(obs, sp.lo, sp.hi, 1.0, 25, false, true, true);
        for (int i = 0; i < pts.size(); i++) {
          assertEquals(c.get("logpdf").get(i).asDouble(), sp.logLik(pe, pts.get(i)), 1e-9,
              name + " at " + pts.get(i));
          assertEquals(c.get("optuna_logpdf").get(i).asDouble(), sp.logLik(unit, pts.get(i)),
              1e-9, name + " (unit height) at " + pts.get(i));
        }
      }
      checked++;
    }
    assertEquals(7, checked);
  }

  private static List<Object> external(Distribution d, JsonNode values) {
    List<Object> out = new ArrayList<>();
    for (JsonNode v : values) {
      out.add(d.toExternal(v.asDouble()));
    }
    return out;
  }

  private static double[] doubles(JsonNode a) {
    double[] out = new double[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.get(i).asDouble();
    }
    return out;
  }

  private static int[] ints(JsonNode a) {
    int[] out = new int[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.get(i).asInt();
    }
    return out;
  }
}
