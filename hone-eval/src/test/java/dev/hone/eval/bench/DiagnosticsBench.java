package dev.hone.eval.bench;

import dev.hone.core.model.FeatureMatrix;
import dev.hone.eval.diagnostics.Calibration;
import dev.hone.eval.diagnostics.CalibrationReport;
import dev.hone.eval.diagnostics.ResidualAnalysis;
import dev.hone.eval.diagnostics.ResidualReport;
import dev.hone.eval.diagnostics.ThresholdTable;
import dev.hone.eval.sensitivity.IceCurves;
import dev.hone.eval.sensitivity.IceResult;
import dev.hone.eval.sensitivity.Marginals;
import dev.hone.eval.sensitivity.ModelFunction;
import dev.hone.eval.sensitivity.SobolAnalysis;
import dev.hone.eval.sensitivity.SobolResult;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Times the evaluation suite on a 30,000-row table with 20 features and a cheap stand-in model (a
 * fixed random linear function for regression, its logistic transform for classification), with
 * every analysis at its defaults: regression = residual analysis + Sobol' (N = 4096) + ICE;
 * binary = calibration (10 bins, 1000 bootstrap rounds) + threshold table + Sobol' + ICE.
 *
 * <p>Run through {@code bench/eval_diagnostics.sh}; arguments: warm-up rounds, counted rounds.
 * Prints per component the median wall time, the time spent inside the model function, the number
 * of model evaluations (rows) and the bytes allocated by the calling thread.
 */
public final class DiagnosticsBench {
  static final int ROWS = 30_000;
  static final int FEATURES = 20;

  private DiagnosticsBench() {}

  /** A model function that counts rows and time spent inside it. */
  static final class Timed implements ModelFunction {
    final ModelFunction inner;
    long nanos;
    long rows;

    Timed(ModelFunction inner) {
      this.inner = inner;
    }

    @Override
    public double[] predict(double[][] batch) {
      long t = System.nanoTime();
      double[] out = inner.predict(batch);
      nanos += System.nanoTime() - t;
      rows += batch.length;
      return out;
    }
  }

  record Sample(double wallMs, double modelMs, long modelRows, long allocatedBytes) {}

  interface Job {
    void run(Timed model);
  }

  public static void main(String[] args) {
    int warmups = args.length > 0 ? Integer.parseInt(args[0]) : 2;
    int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    SplittableRandom rng = new SplittableRandom(42);
    String[] names = new String[FEATURES];
    float[] data = new float[ROWS * FEATURES];
    for (int j = 0; j < FEATURES; j++) {
      names[j] = "f" + j;
    }
    for (int i = 0; i < ROWS; i++) {
      for (int j = 0; j < FEATURES; j++) {
        double v;
        if (j < 10) {
          v = gaussian(rng);
        } else if (j < 15) {
          v = 10 * rng.nextDouble();
        } else if (j < 18) {
          v = rng.nextInt(2);
        } else {
          v = Math.exp(gaussian(rng));
        }
        data[i * FEATURES + j] = (float) v;
      }
    }
    FeatureMatrix x = new FeatureMatrix(data, ROWS, List.of(names));
    double[] w = new double[FEATURES];
    for (int j = 0; j < FEATURES; j++) {
      w[j] = gaussian(rng) / Math.sqrt(FEATURES);
    }
    ModelFunction linear =
        rows -> {
          double[] out = new double[rows.length];
          for (int i = 0; i < rows.length; i++) {
            double s = 0.3;
            double[] r = rows[i];
            for (int j = 0; j < r.length; j++) {
              s += w[j] * r[j];
            }
            out[i] = s;
          }
          return out;
        };
    ModelFunction logistic =
        rows -> {
          double[] z = linear.predict(rows);
          for (int i = 0; i < z.length; i++) {
            z[i] = 1 / (1 + Math.exp(-(z[i] - 1.5)));
          }
          return z;
        };
    double[][] rowsD = new double[ROWS][FEATURES];
    for (int i = 0; i < ROWS; i++) {
      for (int j = 0; j < FEATURES; j++) {
        rowsD[i][j] = x.get(i, j);
      }
    }
    double[] yhat = linear.predict(rowsD);
    double[] y = new double[ROWS];
    double[] p = logistic.predict(rowsD);
    double[] label = new double[ROWS];
    for (int i = 0; i < ROWS; i++) {
      y[i] = yhat[i] + gaussian(rng) * (0.5 + 0.2 * Math.abs(rowsD[i][0]));
      double truth = 1 / (1 + Math.exp(-0.8 * (Math.log(p[i] / (1 - p[i])))));
      label[i] = rng.nextDouble() < truth ? 1 : 0;
    }

    List<String> components = List.of(
        "regression: residual analysis", "regression: Sobol (N=4096)", "regression: ICE",
        "binary: calibration + bootstrap", "binary: threshold table", "binary: Sobol (N=4096)",
        "binary: ICE");
    List<Job> jobs = List.of(
        m -> {
          ResidualReport r = ResidualAnalysis.analyze(y, yhat, x, null, null,
              ResidualAnalysis.Options.defaults(1));
          sink(r.n());
        },
        m -> {
          SobolResult r = SobolAnalysis.analyze(m,
              Marginals.empirical(x), SobolAnalysis.Options.defaults(1));
          sink(r.indices().size());
        },
        m -> {
          IceResult r = IceCurves.compute(m, x, x, IceCurves.Options.defaults(1));
          sink(r.rows().size());
        },
        m -> {
          CalibrationReport r = Calibration.binary(label, p, Calibration.Options.defaults(1));
          sink(r.n());
        },
        m -> {
          ThresholdTable t = ThresholdTable.of(label, p);
          sink(t.rows().size());
        },
        m -> {
          SobolResult r = SobolAnalysis.analyze(m, Marginals.empirical(x),
              SobolAnalysis.Options.defaults(1));
          sink(r.indices().size());
        },
        m -> {
          IceResult r = IceCurves.compute(m, x, x, IceCurves.Options.defaults(1));
          sink(r.rows().size());
        });
    List<ModelFunction> models = List.of(linear, linear, linear, logistic, logistic, logistic,
        logistic);

    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long tid = Thread.currentThread().getId();
    List<List<Sample>> samples = new ArrayList<>();
    for (int c = 0; c < jobs.size(); c++) {
      samples.add(new ArrayList<>());
    }
    for (int round = 0; round < warmups + repeats; round++) {
      for (int c = 0; c < jobs.size(); c++) {
        Timed m = new Timed(models.get(c));
        long alloc0 = threads.getThreadAllocatedBytes(tid);
        long t0 = System.nanoTime();
        jobs.get(c).run(m);
        long t1 = System.nanoTime();
        long alloc1 = threads.getThreadAllocatedBytes(tid);
        if (round >= warmups) {
          samples.get(c).add(new Sample((t1 - t0) / 1e6, m.nanos / 1e6, m.rows, alloc1 - alloc0));
        }
      }
    }
    System.out.printf(Locale.ROOT, "%d rows x %d features, %d warm-up + %d counted rounds%n",
        ROWS, FEATURES, warmups, repeats);
    System.out.printf(Locale.ROOT, "%-34s %10s %10s %12s %12s%n", "component", "median_ms",
        "model_ms", "model_rows", "alloc_MiB");
    double[] suiteReg = new double[repeats];
    double[] suiteBin = new double[repeats];
    for (int c = 0; c < jobs.size(); c++) {
      List<Sample> s = samples.get(c);
      for (int r = 0; r < repeats; r++) {
        if (c < 3) {
          suiteReg[r] += s.get(r).wallMs();
        } else {
          suiteBin[r] += s.get(r).wallMs();
        }
      }
      System.out.printf(Locale.ROOT, "%-34s %10.1f %10.1f %12d %12.1f%n", components.get(c),
          median(s.stream().mapToDouble(Sample::wallMs).toArray()),
          median(s.stream().mapToDouble(Sample::modelMs).toArray()),
          s.get(0).modelRows(),
          median(s.stream().mapToDouble(v -> v.allocatedBytes() / 1048576.0).toArray()));
    }
    System.out.printf(Locale.ROOT, "%-34s %10.1f%n", "suite: regression (total)", median(suiteReg));
    System.out.printf(Locale.ROOT, "%-34s %10.1f%n", "suite: binary (total)", median(suiteBin));
  }

  private static double sinkValue;

  private static void sink(double v) {
    sinkValue += v;
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  private static double gaussian(SplittableRandom rng) {
    return Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
  }
}
