package dev.hone.eval.sensitivity;

/** Evaluates a {@link ModelFunction} on many rows in batches and checks what it returns. */
final class Batches {
  private Batches() {}

  /** Supplies row {@code k} of a virtual matrix into {@code out} (length = number of features). */
  interface RowSource {
    void row(long k, double[] out);
  }

  /**
   * Evaluates {@code total} rows produced by {@code source}, at most {@code batchRows} per call.
   *
   * @return {@code [total]} outputs
   * @throws IllegalArgumentException if the function returns the wrong number of outputs or a
   *     non-finite one
   */
  static double[] evaluate(ModelFunction f, RowSource source, int total, int width, int batchRows) {
    double[] out = new double[total];
    int done = 0;
    while (done < total) {
      int m = Math.min(batchRows, total - done);
      double[][] rows = new double[m][width];
      for (int i = 0; i < m; i++) {
        source.row(done + i, rows[i]);
      }
      double[] y = f.predict(rows);
      if (y == null || y.length != m) {
        throw new IllegalArgumentException(
            "the model function returned " + (y == null ? "null" : y.length + " values")
                + " for " + m + " rows");
      }
      for (int i = 0; i < m; i++) {
        if (!Double.isFinite(y[i])) {
          throw new IllegalArgumentException(
              "the model function returned " + y[i] + " for an input row; sensitivity analysis"
                  + " needs finite outputs");
        }
      }
      System.arraycopy(y, 0, out, done, m);
      done += m;
    }
    return out;
  }
}
