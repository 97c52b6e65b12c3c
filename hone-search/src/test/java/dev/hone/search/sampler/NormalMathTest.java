package dev.hone.search.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.core.json.Json;
import java.io.InputStream;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Oracle: scipy.special.erfc and log_ndtr (values from make_reference.py). */
class NormalMathTest {

  static JsonNode reference() throws Exception {
    try (InputStream in = NormalMathTest.class.getResourceAsStream("parzen_reference.json")) {
      return Json.mapper().readTree(in);
    }
  }

  @Test
  void erfcMatchesScipy() throws Exception {
    JsonNode n = reference().get("normal");
    for (int i = 0; i < n.get("erfc_x").size(); i++) {
      double x = n.get("erfc_x").get(i).asDouble();
      double expected = n.get("erfc").get(i).asDouble();
      double got = NormalMath.erfc(x);
      // relative tolerance 1e-13: both sides are double-precision approximations
      assertEquals(expected, got, 1e-13 * Math.abs(expected) + 1e-300, "erfc(" + x + ")");
    }
  }

  @Test
  void logPhiMatchesScipyIntoTheTails() throws Exception {
    JsonNode n = reference().get("normal");
    for (int i = 0; i < n.get("logphi_z").size(); i++) {
      double z = n.get("logphi_z").get(i).asDouble();
      double expected = n.get("logphi").get(i).asDouble();
      double got = NormalMath.logPhi(z);
      assertEquals(expected, got, 1e-12 * Math.max(1, Math.abs(expected)), "logPhi(" + z + ")");
    }
  }

  @Test
  void logMassIsConsistentWithLogPhi() {
    // far upper tail: mass of [40, 41] = Phi(-40) - Phi(-41), dominated by Phi(-40)
    double m = NormalMath.logMass(40, 41);
    assertEquals(NormalMath.logPhi(-40), m, 1e-9 * Math.abs(m));
    // symmetric window around 0: Phi(1) - Phi(-1) = erf(1/sqrt 2) = 0.6826894921370859
    assertEquals(Math.log(0.6826894921370859), NormalMath.logMass(-1, 1), 1e-14);
    assertEquals(Double.NEGATIVE_INFINITY, NormalMath.logMass(0.5, 0.5));
    assertEquals(0.0, NormalMath.logMass(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY), 0.0);
  }

  @Test
  void truncatedNormalStaysInWindowAndHasTheRightMean() {
    // N(0,1) truncated to [0, 1]: mean = (phi(0) - phi(1)) / (Phi(1) - Phi(0))
    //   = (0.3989422804014327 - 0.24197072451914337) / 0.3413447460685429 = 0.4598622693
    SplittableRandom rng = new SplittableRandom(11);
    int n = 200_000;
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double x = NormalMath.truncatedNormal(rng, 0, 1, 0, 1);
      assertTrue(x >= 0 && x <= 1);
      sum += x;
    }
    // sd of the truncated law is below 0.3, so 5 standard errors < 0.0034
    assertEquals(0.4598622693, sum / n, 0.0034);
  }
}
