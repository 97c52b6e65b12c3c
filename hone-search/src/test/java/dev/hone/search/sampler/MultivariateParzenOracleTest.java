package dev.hone.search.sampler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.core.json.Json;
import dev.hone.search.space.CategoricalDistribution;
import dev.hone.search.space.Distribution;
import dev.hone.search.space.Distributions;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The multivariate Parzen estimator against Optuna 3.1.0's {@code _ParzenEstimator(multivariate=
 * True)} (values and script: make_multivariate_reference.py): normalised densities against
 * scipy's truncnorm, TPE's default unit-height kernels against Optuna's own log_pdf. Tolerances: 1e-12 relative on
 * weights, means and bandwidths (same formulas); 1e-9 absolute on joint log densities (different
 * erf implementations, summed over four dimensions).
 */
class MultivariateParzenOracleTest {
  static final String[] NAMES = {"c", "k", "lr", "x"};

  @Test
  void matchesOptuna() throws Exception {
    JsonNode ref;
    try (InputStream in = getClass().getResourceAsStream("multivariate_reference.json")) {
      ref = Json.mapper().readTree(in);
    }
    Distribution[] dists = new Distribution[NAMES.length];
    TpeSampler.NumericSpace[] spaces = new TpeSampler.NumericSpace[NAMES.length];
    for (int d = 0; d < NAMES.length; d++) {
      dists[d] = Distributions.fromJson(ref.get("space").get(NAMES[d]).toString());
      spaces[d] = dists[d] instanceof CategoricalDistribution ? null : TpeSampler.spaceOf(dists[d]);
    }
    int cases = 0;
    for (JsonNode c : ref.get("cases")) {
      int n = c.get("n").asInt();
      List<Object[]> rows = rows(c.get("observations"), dists, n);
      ParzenEstimator.Mixture m = TpeSampler.jointMixture(rows, dists, spaces,
          TpeSampler.Options.defaults().withNormalizedKernels(true));
      double[] w = doubles(c.get("weights"));
      assertArrayEquals(w, m.weights, 1e-12, "weights n=" + n);
      for (int d = 1; d < NAMES.length; d++) {
        ParzenEstimator.NumericDim nd = (ParzenEstimator.NumericDim) m.dims[d];
        assertArrayEquals(doubles(c.get("mus").get(NAMES[d])), nd.mus, 1e-12, "mus " + NAMES[d]);
        assertArrayEquals(doubles(c.get("sigmas").get(NAMES[d])), nd.sigmas, 1e-12,
            "sigmas " + NAMES[d]);
      }
      List<Object[]> pts = rows(c.get("points"), dists, c.get("logpdf").size());
      int count = pts.size();
      double[][] a = new double[NAMES.length][count];
      double[][] b = new double[NAMES.length][count];
      for (int p = 0; p < count; p++) {
        for (int d = 0; d < NAMES.length; d++) {
          if (spaces[d] == null) {
            a[d][p] = dists[d].toInternal(pts.get(p)[d]);
            b[d][p] = a[d][p];
          } else {
            spaces[d].cell(pts.get(p)[d], a[d], b[d], p);
          }
        }
      }
      double[] got = m.logPdf(a, b, count);
      double[] unit = TpeSampler.jointMixture(rows, dists, spaces, TpeSampler.Options.defaults())
          .logPdf(a, b, count);
      for (int p = 0; p < count; p++) {
        assertEquals(c.get("logpdf").get(p).asDouble(), got[p], 1e-9, "n=" + n + " point " + p);
        assertEquals(c.get("optuna_logpdf").get(p).asDouble(), unit[p], 1e-9,
            "unit height, n=" + n + " point " + p);
      }
      cases++;
    }
    assertEquals(3, cases);
  }

  private static List<Object[]> rows(JsonNode cols, Distribution[] dists, int n) {
    List<Object[]> out = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      Object[] row = new Object[NAMES.length];
      for (int d = 0; d < NAMES.length; d++) {
        row[d] = dists[d].toExternal(cols.get(NAMES[d]).get(r).asDouble());
      }
      out.add(row);
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
}
