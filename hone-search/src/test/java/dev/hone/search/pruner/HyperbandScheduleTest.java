package dev.hone.search.pruner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.core.error.InvalidParameterException;
import dev.hone.core.json.Json;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HyperbandScheduleTest {

  /** {@code {s, n, n_0, r_0, n_1, r_1, ...}} per bracket, s = sMax first. */
  static void assertSchedule(HyperbandSchedule h, long[][] want) {
    assertEquals(want.length, h.brackets().size());
    for (int b = 0; b < want.length; b++) {
      HyperbandSchedule.Bracket br = h.brackets().get(b);
      assertEquals(want[b][0], br.s(), "s of bracket " + b);
      assertEquals(want[b][1], br.configurations(), "n of s=" + br.s());
      List<Long> got = new ArrayList<>();
      for (HyperbandSchedule.Rung r : br.rungs()) {
        got.add(r.configurations());
        got.add(r.resource());
      }
      List<Long> exp = new ArrayList<>();
      for (int i = 2; i < want[b].length; i++) {
        exp.add(want[b][i]);
      }
      assertEquals(exp, got, "rungs (n_i, r_i) of s=" + br.s());
    }
  }

  @Test
  void paperTableOneForMaxResource81AndEta3() {
    // Li et al. 2018, Table 1 (R = 81, η = 3): n_i and r_i for s = 4..0
    HyperbandSchedule h = HyperbandSchedule.of(1, 81, 3);
    assertEquals(4, h.sMax());
    assertSchedule(h, new long[][] {
        {4, 81, 81, 1, 27, 3, 9, 9, 3, 27, 1, 81},
        {3, 34, 34, 3, 11, 9, 3, 27, 1, 81},
        {2, 15, 15, 9, 5, 27, 1, 81},
        {1, 8, 8, 27, 2, 81},
        {0, 5, 5, 81}});
  }

  @Test
  void ratiosThatAreNotPowersOfEta() {
    // enumerated by hand: sMax = floor(log3 100) = 4 (81 <= 100 < 243); r_i = floor(100/3^(s-i))
    assertSchedule(HyperbandSchedule.of(1, 100, 3), new long[][] {
        {4, 81, 81, 1, 27, 3, 9, 11, 3, 33, 1, 100},
        {3, 34, 34, 3, 11, 11, 3, 33, 1, 100},
        {2, 15, 15, 11, 5, 33, 1, 100},
        {1, 8, 8, 33, 2, 100},
        {0, 5, 5, 100}});
    // R/r = 25, η = 4: sMax = 2 (16 <= 25 < 64); n = ceil(3·4^s/(s+1)) = 16, 6, 3
    assertSchedule(HyperbandSchedule.of(2, 50, 4), new long[][] {
        {2, 16, 16, 3, 4, 12, 1, 50},
        {1, 6, 6, 12, 1, 50},
        {0, 3, 3, 50}});
    // an exact power where a floating-point logarithm rounds down (log(243)/log(3) = 4.999...)
    HyperbandSchedule h = HyperbandSchedule.of(1, 243, 3);
    assertEquals(5, h.sMax());
    assertEquals(1, h.brackets().get(0).rungs().get(0).resource());
    // R = r: a single bracket without halving
    assertSchedule(HyperbandSchedule.of(7, 7, 3), new long[][] {{0, 1, 1, 7}});
  }

  @Test
  void seededPropertiesAgainstBigIntegerArithmetic() {
    SplittableRandom rng = new SplittableRandom(2018);
    for (int it = 0; it < 600; it++) {
      long eta = 2 + rng.nextInt(7);
      long r = 1 + rng.nextInt(20);
      long big = r + rng.nextLong(it % 3 == 0 ? 1_000_000_000_000L : 5000);
      HyperbandSchedule h = HyperbandSchedule.of(r, big, eta);
      BigInteger bR = BigInteger.valueOf(big);
      BigInteger low = BigInteger.valueOf(r).multiply(BigInteger.valueOf(eta).pow(h.sMax()));
      String what = r + ".." + big + " eta " + eta;
      assertTrue(low.compareTo(bR) <= 0, what);
      assertTrue(low.multiply(BigInteger.valueOf(eta)).compareTo(bR) > 0, what);
      for (HyperbandSchedule.Bracket b : h.brackets()) {
        int s = b.s();
        BigInteger num = BigInteger.valueOf(h.sMax() + 1L).multiply(BigInteger.valueOf(eta).pow(s));
        BigInteger[] qr = num.divideAndRemainder(BigInteger.valueOf(s + 1L));
        long n = qr[0].longValueExact() + (qr[1].signum() > 0 ? 1 : 0);
        assertEquals(n, b.configurations(), what);
        long prev = r - 1;
        for (int i = 0; i <= s; i++) {
          long ri = b.rungs().get(i).resource();
          assertTrue(ri > prev && ri >= r && ri <= big, what + " rung resources " + b.rungs());
          assertEquals(bR.divide(BigInteger.valueOf(eta).pow(s - i)).longValueExact(), ri, what);
          prev = ri;
        }
        assertEquals(big, b.rungs().get(s).resource(), what);
        assertEquals(s, b.milestones().length);
      }
    }
  }

  @Test
  void bracketAllocationIsDeterministicAndWeightedByBracketBudget() {
    HyperbandSchedule h = HyperbandSchedule.of(1, 81, 3);
    long total = h.totalAllocation();
    assertEquals(81 + 34 + 15 + 8 + 5, total);
    int trials = 143_000;
    int[] counts = new int[h.brackets().size()];
    for (int t = 0; t < trials; t++) {
      HyperbandSchedule.Bracket b = h.bracketFor(42, t);
      assertEquals(b, h.bracketFor(42, t));
      counts[h.sMax() - b.s()]++;
    }
    for (int i = 0; i < counts.length; i++) {
      double p = (double) h.brackets().get(i).configurations() / total;
      double sd = Math.sqrt(trials * p * (1 - p));
      assertTrue(Math.abs(counts[i] - trials * p) < 5 * sd,
          "bracket " + i + ": " + counts[i] + " vs expected " + trials * p);
    }
    int differ = 0;
    for (int t = 0; t < 100; t++) {
      if (h.bracketFor(42, t).s() != h.bracketFor(43, t).s()) {
        differ++;
      }
    }
    assertNotEquals(0, differ, "another seed must give another allocation");
  }

  @Test
  void invalidArgumentsAndJson() {
    assertThrows(InvalidParameterException.class, () -> HyperbandSchedule.of(0, 10, 3));
    assertThrows(InvalidParameterException.class, () -> HyperbandSchedule.of(5, 4, 3));
    assertThrows(InvalidParameterException.class, () -> HyperbandSchedule.of(1, 10, 1));
    HyperbandSchedule h = HyperbandSchedule.of(1, 9, 3);
    assertEquals(h, Json.read(Json.write(h), HyperbandSchedule.class));
  }
}
