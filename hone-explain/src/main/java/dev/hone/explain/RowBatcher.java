package dev.hone.explain;

import java.util.Arrays;

/**
 * Collects rows for a {@link PredictFunction} into reused buffers and evaluates them in large
 * batches, writing the outputs sequentially into a flat array ({@code nOutputs} values per row).
 */
final class RowBatcher {
  private final PredictFunction f;
  private final double[][] buffer;
  private final int k;
  private int filled;
  private double[] out;
  private int outRow;
  long rowsEvaluated;
  long calls;

  RowBatcher(PredictFunction f, int capacity) {
    this.f = f;
    this.k = f.nOutputs();
    this.buffer = new double[Math.max(1, capacity)][f.nFeatures()];
  }

  /** Starts a run whose outputs go to {@code out} from row 0 on. */
  void start(double[] out) {
    this.out = out;
    this.outRow = 0;
    this.filled = 0;
  }

  /** The next row to fill in place (its previous content is arbitrary). */
  double[] next() {
    if (filled == buffer.length) {
      flush();
    }
    return buffer[filled++];
  }

  /** Evaluates the pending rows. */
  void flush() {
    if (filled == 0) {
      return;
    }
    double[][] batch = filled == buffer.length ? buffer : Arrays.copyOf(buffer, filled);
    double[][] y = f.apply(batch);
    if (y.length != filled) {
      throw new IllegalStateException(
          "the prediction function returned " + y.length + " rows for " + filled);
    }
    for (int i = 0; i < filled; i++) {
      double[] yi = y[i];
      if (yi.length != k) {
        throw new IllegalStateException(
            "the prediction function returned " + yi.length + " outputs, declared " + k);
      }
      System.arraycopy(yi, 0, out, (outRow + i) * k, k);
    }
    outRow += filled;
    rowsEvaluated += filled;
    calls++;
    filled = 0;
  }
}
