package dev.hone.experiment;

import dev.hone.core.error.HoneException;
import dev.hone.core.json.Json;
import dev.hone.core.model.FeatureMatrix;
import dev.hone.core.model.Model;
import dev.hone.core.model.SizedModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a fitted model costs to deploy, measured per trial of a family search and for the final
 * model.
 *
 * @param parameterCount the model's size in {@code parameterUnit} ({@link SizedModel}); -1 when
 *     the model does not report it
 * @param parameterUnit {@code nodes} (trees), {@code weights} (linear), {@code parameters}
 *     (neural), or {@code unknown}
 * @param modelBytes bytes of every file {@link Model#save} writes, summed
 * @param latencyP95Ms single-row prediction latency in milliseconds: the 95th percentile over the
 *     calls of one repeat, median over repeats ({@link LatencyProbe}); measured on the machine
 *     that ran the search, so compare it only within one run
 */
public record DeploymentMetrics(
    long parameterCount, String parameterUnit, long modelBytes, double latencyP95Ms) {

  /** Trial user attribute holding a trial's metrics as JSON. */
  public static final String ATTRIBUTE = "deployment";

  /** This record as the JSON value of {@link #ATTRIBUTE}. */
  public String toJson() {
    return Json.write(this);
  }

  /**
   * Reads the value of {@link #ATTRIBUTE}.
   *
   * @throws HoneException if it is not such JSON
   */
  public static DeploymentMetrics fromJson(String json) {
    return Json.read(json, DeploymentMetrics.class);
  }

  /** Measures a model: how a family search gets the metrics of each trial's model. */
  @FunctionalInterface
  public interface Meter {
    /**
     * Measures {@code model}.
     *
     * @param model the fitted model
     * @param rows rows to time single-row predictions on (the validation split's features)
     */
    DeploymentMetrics measure(Model model, FeatureMatrix rows);
  }

  /** The real meter: saves to a temporary directory for the bytes, then times predictions. */
  public static Meter meter(LatencyProbe probe) {
    return (model, rows) -> {
      long params = -1;
      String unit = "unknown";
      if (model instanceof SizedModel s) {
        params = s.parameterCount();
        unit = s.parameterUnit();
      }
      return new DeploymentMetrics(params, unit, savedBytes(model), probe.p95Millis(model, rows));
    };
  }

  /**
   * Bytes of the files {@code model.save(dir)} writes into an empty temporary directory (deleted
   * afterwards).
   *
   * @throws HoneException if the temporary directory cannot be written
   */
  public static long savedBytes(Model model) {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("hone-model-size");
      model.save(dir);
      try (Stream<Path> s = Files.walk(dir)) {
        long total = 0;
        for (Path p : s.filter(Files::isRegularFile).toList()) {
          total += Files.size(p);
        }
        return total;
      }
    } catch (IOException e) {
      throw new HoneException("cannot measure the saved size of the model: " + e.getMessage(), e);
    } finally {
      if (dir != null) {
        try (Stream<Path> s = Files.walk(dir)) {
          for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
            Files.deleteIfExists(p);
          }
        } catch (IOException ignored) {
          // a leftover temporary file is harmless
        }
      }
    }
  }

  /**
   * How single-row latency is measured: {@code warmupCalls} predictions first (JIT, native
   * caches), then {@code repeats} rounds of {@code callsPerRound} single-row {@code
   * Model.predict} calls on successive rows of the sample (cycling), each call timed with
   * {@link System#nanoTime()}; the 95th percentile of each round (nearest rank: the {@code
   * ceil(0.95 n)}-th smallest), and the median of those percentiles (robust to a round disturbed
   * by another process). The time includes building the one-row input, as a caller serving one
   * request at a time pays it. A slow model gets fewer calls per round so that the timed rounds
   * take about {@value #BUDGET_NANOS} ns in all, judged from the warm-up's mean call time, but
   * never fewer than {@value #MIN_CALLS}.
   *
   * @param warmupCalls predictions before timing, {@code >= 0}
   * @param callsPerRound timed calls per round, {@code >= 1}
   * @param repeats rounds, {@code >= 1}
   */
  public record LatencyProbe(int warmupCalls, int callsPerRound, int repeats) {
    /** Time the timed rounds of one measurement aim at: 2 s. */
    public static final double BUDGET_NANOS = 2e9;

    /** Fewest timed calls per round, whatever the model's speed: 20. */
    public static final int MIN_CALLS = 20;

    /** 300 warm-up calls (the JIT settles within them on this machine), 3 rounds of 200. */
    public static final LatencyProbe DEFAULTS = new LatencyProbe(300, 200, 3);

    /** Validates the counts. */
    public LatencyProbe {
      if (warmupCalls < 0 || callsPerRound < 1 || repeats < 1) {
        throw new IllegalArgumentException("latency probe needs warmupCalls >= 0, callsPerRound"
            + " >= 1, repeats >= 1; got " + warmupCalls + ", " + callsPerRound + ", " + repeats);
      }
    }

    /**
     * Timed calls per round for a model whose calls take {@code perCallNanos}: {@code
     * min(callsPerRound, max(MIN_CALLS, floor(BUDGET_NANOS / (repeats * perCallNanos))))}.
     */
    int timedCalls(double perCallNanos) {
      long affordable = (long) (BUDGET_NANOS / (repeats * Math.max(perCallNanos, 1)));
      return (int) Math.min(callsPerRound, Math.max(MIN_CALLS, affordable));
    }

    /** The median over rounds of the per-round p95 single-row latency, in milliseconds. */
    public double p95Millis(Model model, FeatureMatrix rows) {
      if (rows.nRows() == 0) {
        throw new IllegalArgumentException("latency needs at least one row");
      }
      int f = rows.nCols();
      int n = Math.min(rows.nRows(), callsPerRound);
      FeatureMatrix[] single = new FeatureMatrix[n];
      for (int i = 0; i < n; i++) {
        single[i] = new FeatureMatrix(
            Arrays.copyOfRange(rows.data(), i * f, (i + 1) * f), 1, rows.featureNames());
      }
      long w0 = System.nanoTime();
      for (int i = 0; i < warmupCalls; i++) {
        model.predict(single[i % n]);
      }
      int calls = callsPerRound;
      if (warmupCalls > 0) {
        // a slow model gets fewer timed calls, so one measurement stays within about the budget
        calls = timedCalls((System.nanoTime() - w0) / (double) warmupCalls);
      }
      double[] p95 = new double[repeats];
      long[] t = new long[calls];
      for (int r = 0; r < repeats; r++) {
        for (int i = 0; i < calls; i++) {
          long t0 = System.nanoTime();
          model.predict(single[i % n]);
          t[i] = System.nanoTime() - t0;
        }
        p95[r] = percentile95(t) / 1e6;
      }
      return median(p95);
    }
  }

  /** Nearest-rank 95th percentile: the {@code ceil(0.95 n)}-th smallest value. */
  static double percentile95(long[] values) {
    long[] s = values.clone();
    Arrays.sort(s);
    int rank = (int) Math.ceil(0.95 * s.length);
    return s[Math.max(0, rank - 1)];
  }

  /** The median (mean of the two middle values for an even count). */
  static double median(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    int m = s.length / 2;
    return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
  }

  /**
   * Deployment limits as post-evaluation constraints (feasible when {@code <= 0}): {@code
   * modelBytes - maxModelBytes} and {@code latencyP95Ms - maxLatencyMs}, in that order, for each
   * limit that is set.
   *
   * @param maxModelBytes largest saved model in bytes, or {@code null} for none
   * @param maxLatencyMs largest p95 single-row latency in milliseconds, or {@code null} for none
   */
  public record Limits(Long maxModelBytes, Double maxLatencyMs) {
    /** No limits. */
    public static final Limits NONE = new Limits(null, null);

    /** Validates the limits. */
    public Limits {
      if (maxModelBytes != null && maxModelBytes < 1) {
        throw new dev.hone.core.error.InvalidParameterException(
            "--max-model-bytes was " + maxModelBytes + " but must be >= 1 (bytes)");
      }
      if (maxLatencyMs != null && !(maxLatencyMs > 0 && Double.isFinite(maxLatencyMs))) {
        throw new dev.hone.core.error.InvalidParameterException(
            "--max-latency-ms was " + maxLatencyMs + " but must be a positive number of"
                + " milliseconds");
      }
    }

    /** Whether any limit is set. */
    public boolean any() {
      return maxModelBytes != null || maxLatencyMs != null;
    }

    /** The constraint values of {@code m}; empty without limits. */
    public double[] constraints(DeploymentMetrics m) {
      double[] c = new double[(maxModelBytes != null ? 1 : 0) + (maxLatencyMs != null ? 1 : 0)];
      int k = 0;
      if (maxModelBytes != null) {
        c[k++] = (double) m.modelBytes() - maxModelBytes;
      }
      if (maxLatencyMs != null) {
        c[k] = m.latencyP95Ms() - maxLatencyMs;
      }
      return c;
    }

    /** Whether {@code m} meets every limit. */
    public boolean satisfiedBy(DeploymentMetrics m) {
      for (double c : constraints(m)) {
        if (!(c <= 0)) {
          return false;
        }
      }
      return true;
    }

    /** The limits as text, e.g. {@code "model bytes <= 100000, p95 latency <= 1.0 ms"}. */
    public String describe() {
      List<String> parts = new java.util.ArrayList<>();
      if (maxModelBytes != null) {
        parts.add("model bytes <= " + maxModelBytes);
      }
      if (maxLatencyMs != null) {
        parts.add("p95 latency <= " + maxLatencyMs + " ms");
      }
      return parts.isEmpty() ? "none" : String.join(", ", parts);
    }
  }
}
