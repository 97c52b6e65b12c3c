package dev.hone.fairness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.core.data.NumericColumn;
import dev.hone.core.data.Table;
import java.math.BigDecimal;
import java.math.MathContext;
import org.junit.jupiter.api.Test;

/** Reweighing weights against two independent oracles. */
class ReweighingOracleTest {

  /**
   * Every labelling and every two-group assignment of 6 rows (4,096 cases): each weight must be
   * the correctly rounded double of the rational {@code n_g·n_y / (n·n_gy)} (error at most half an
   * ulp, checked in 50-digit decimal arithmetic), and in exact arithmetic each group holding both
   * labels must have a weighted rate of label 1 equal to the overall rate {@code n_1 / n}.
   */
  @Test
  void enumeratedCasesMatchTheRationalFormula() {
    int n = 6;
    MathContext mc = new MathContext(50);
    int checked = 0;
    for (int ym = 0; ym < (1 << n); ym++) {
      for (int gm = 0; gm < (1 << n); gm++) {
        int[] y = new int[n];
        String[] g = new String[n];
        for (int i = 0; i < n; i++) {
          y[i] = (ym >> i) & 1;
          g[i] = ((gm >> i) & 1) == 1 ? "B" : "A";
        }
        double[] w = Reweighing.weights(y, Groups.of("g", g));
        BigDecimal[] wPos = {BigDecimal.ZERO, BigDecimal.ZERO};
        int[][] cell = new int[2][2];
        BigDecimal[] wAll = {BigDecimal.ZERO, BigDecimal.ZERO};
        for (int i = 0; i < n; i++) {
          int ng = 0;
          int ny = 0;
          int ngy = 0;
          for (int j = 0; j < n; j++) {
            boolean sameG = g[j].equals(g[i]);
            boolean sameY = y[j] == y[i];
            ng += sameG ? 1 : 0;
            ny += sameY ? 1 : 0;
            ngy += sameG && sameY ? 1 : 0;
          }
          BigDecimal exact = BigDecimal.valueOf((long) ng * ny)
              .divide(BigDecimal.valueOf((long) n * ngy), mc);
          BigDecimal err = new BigDecimal(w[i]).subtract(exact).abs();
          BigDecimal halfUlp = new BigDecimal(Math.ulp(w[i])).divide(BigDecimal.valueOf(2));
          assertTrue(err.compareTo(halfUlp) <= 0,
              "row " + i + " of y=" + Integer.toBinaryString(ym) + " g="
                  + Integer.toBinaryString(gm) + ": " + w[i] + " vs " + exact);
          int k = g[i].equals("B") ? 1 : 0;
          cell[k][y[i]]++;
          wAll[k] = wAll[k].add(exact);
          if (y[i] == 1) {
            wPos[k] = wPos[k].add(exact);
          }
        }
        int n1 = Integer.bitCount(ym);
        BigDecimal overall = BigDecimal.valueOf(n1).divide(BigDecimal.valueOf(n), mc);
        for (int k = 0; k < 2; k++) {
          // a group holding one label only cannot be corrected (documented, warned)
          if (cell[k][0] > 0 && cell[k][1] > 0) {
            BigDecimal rate = wPos[k].divide(wAll[k], mc);
            assertTrue(rate.subtract(overall).abs().compareTo(new BigDecimal("1e-40")) < 0,
                "group " + k + " weighted rate " + rate + " vs " + overall);
          }
        }
        checked++;
      }
    }
    assertEquals(4096, checked);
  }

  /**
   * AIF360's {@code Reweighing} definition on german_credit (privileged group sex = male,
   * favourable label "good", unit instance weights): with {@code n} the total weight, {@code n_p}
   * and {@code n_u} the privileged and unprivileged weights, {@code n_fav} and {@code n_unfav} the
   * label weights and {@code n_p_fav} etc. the joint ones, the four weights are expected count over
   * observed count, e.g. {@code w_p_fav = n_fav·n_p / (n·n_p_fav)}. Recomputed here with masked
   * sums over the rows; agreement to 1e-12.
   */
  @Test
  void germanCreditMatchesTheAif360Definition() {
    Table t = SharedData.read("german_credit");
    NumericColumn risk = (NumericColumn) t.column("credit_risk");
    int n = t.rowCount();
    assertEquals(1000, n);
    int[] y = new int[n];
    boolean[] fav = new boolean[n];
    for (int i = 0; i < n; i++) {
      double v = risk.get(i);
      y[i] = v == 2 ? 1 : 0; // Hone's positive class (index 1) is 2 = bad
      fav[i] = v == 1; // AIF360's favourable label: 1 = good
    }
    Groups g = Groups.fromTable(t, "sex");
    boolean[] priv = new boolean[n];
    for (int i = 0; i < n; i++) {
      priv[i] = g.key(i).equals("male");
    }
    double total = 0;
    double nP = 0;
    double nFav = 0;
    double nPFav = 0;
    double nPUnfav = 0;
    double nUFav = 0;
    double nUUnfav = 0;
    for (int i = 0; i < n; i++) {
      total += 1.0;
      nP += priv[i] ? 1.0 : 0.0;
      nFav += fav[i] ? 1.0 : 0.0;
      nPFav += priv[i] && fav[i] ? 1.0 : 0.0;
      nPUnfav += priv[i] && !fav[i] ? 1.0 : 0.0;
      nUFav += !priv[i] && fav[i] ? 1.0 : 0.0;
      nUUnfav += !priv[i] && !fav[i] ? 1.0 : 0.0;
    }
    double nU = total - nP;
    double nUnfav = total - nFav;
    double wPFav = nFav * nP / (total * nPFav);
    double wPUnfav = nUnfav * nP / (total * nPUnfav);
    double wUFav = nFav * nU / (total * nUFav);
    double wUUnfav = nUnfav * nU / (total * nUUnfav);
    double[] w = Reweighing.weights(y, g);
    for (int i = 0; i < n; i++) {
      double expected = priv[i] ? (fav[i] ? wPFav : wPUnfav) : (fav[i] ? wUFav : wUUnfav);
      assertEquals(expected, w[i], 1e-12, "row " + i);
    }
    // german_credit: 690 men, 310 women; bad-risk rates differ, so the weights are not all 1
    assertEquals(690, (int) nP);
    assertTrue(Math.abs(wUUnfav - 1) > 0.05, "unprivileged unfavourable weight " + wUUnfav);
  }
}
