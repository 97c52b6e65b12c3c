package dev.hone.fairness.bench;

import dev.hone.core.data.CategoricalColumn;
import dev.hone.core.data.NumericColumn;
import dev.hone.core.data.Table;
import dev.hone.data.registry.DatasetRegistry;
import dev.hone.fairness.AuditOptions;
import dev.hone.fairness.FairnessAudit;
import dev.hone.fairness.FairnessReport;
import dev.hone.fairness.Groups;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Benchmark of the fairness audit on credit_default_taiwan (30,000 rows): attributes X2 (sex),
 * X2 × X3 (education) and X2 × X4 (marriage); 1,000 group-stratified bootstrap rounds each. The
 * score is the fixed softsign of a linear function of X6 (repayment status) and X1 (credit limit)
 * that {@code bench/fairness_peer.py} also uses. Run through {@code bench/fairness_credit.sh}.
 *
 * <p>Arguments: mirror folder, warm-up runs, counted runs. Prints one line per counted run and
 * the point values of a few summaries, for comparison with the peer.
 */
public final class FairnessBench {
  private FairnessBench() {}

  /** The score shared with the peer script. */
  static double score(double pay0, double limit) {
    double z = -1.0 + 0.9 * pay0 - 2.0e-6 * limit;
    return 0.5 + 0.5 * z / (1.0 + Math.abs(z));
  }

  public static void main(String[] args) throws Exception {
    Path mirror = Path.of(args[0]);
    int warmup = Integer.parseInt(args[1]);
    int repeats = Integer.parseInt(args[2]);
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
    DatasetRegistry reg =
        new DatasetRegistry(Files.createTempDirectory("hone-bench-cache"), mirror,
            DatasetRegistry.builtIn(), false, Duration.ofSeconds(1));
    Table t = reg.resolve("credit_default_taiwan").readTrain();
    int n = t.rowCount();
    NumericColumn pay0 = (NumericColumn) t.column("X6");
    NumericColumn limit = (NumericColumn) t.column("X1");
    Object target = t.column("Y");
    int[] y = new int[n];
    double[] s = new double[n];
    for (int i = 0; i < n; i++) {
      String v = target instanceof CategoricalColumn c ? c.get(i) : ((NumericColumn) target).format(i);
      y[i] = Integer.parseInt(v);
      s[i] = score(pay0.get(i), limit.get(i));
    }
    long[] times = new long[repeats];
    FairnessReport last = null;
    for (int r = -warmup; r < repeats; r++) {
      long t0 = System.nanoTime();
      Groups sex = Groups.fromTable(t, "X2");
      List<Groups> attrs =
          List.of(
              sex,
              Groups.intersection(sex, Groups.fromTable(t, "X3")),
              Groups.intersection(sex, Groups.fromTable(t, "X4")));
      last = FairnessAudit.audit(y, s, attrs, AuditOptions.defaults(1).withBootstrapRounds(rounds));
      long dt = System.nanoTime() - t0;
      if (r >= 0) {
        times[r] = dt;
        System.out.printf(Locale.ROOT, "hone run %d: %.1f ms%n", r + 1, dt / 1e6);
      }
    }
    long[] sorted = times.clone();
    Arrays.sort(sorted);
    System.out.printf(
        Locale.ROOT, "hone median: %.1f ms (%d rows, %d attributes, %d groups, %d rounds)%n",
        sorted[repeats / 2] / 1e6, n, last.attributes().size(),
        last.attributes().stream().mapToInt(a -> a.groups().size()).sum(), rounds);
    for (var a : last.attributes()) {
      System.out.printf(
          Locale.ROOT, "hone %s: DP diff %.12f, EO diff %.12f, DI %.12f [%.4f, %.4f]%n",
          a.attribute(), a.summary("demographic_parity_difference").value(),
          a.summary("equalized_odds_difference").value(),
          a.summary("disparate_impact_ratio").value(),
          a.summary("disparate_impact_ratio").ciLower(),
          a.summary("disparate_impact_ratio").ciUpper());
    }
  }
}
