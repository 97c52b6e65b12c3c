package dev.hone.robustness;

/**
 * The norm that bounds a perturbation, measured in the units of a {@link PerturbationDomain}
 * (each feature's change divided by its scale, e.g. its training standard deviation).
 */
public enum Norm {
  /** Largest absolute change over the features: a per-feature budget. */
  LINF,
  /** Euclidean length of the change vector. */
  L2;

  /** Norm of {@code z} ({@code NaN}-free). */
  public double of(double[] z) {
    double acc = 0;
    for (double v : z) {
      acc = this == LINF ? Math.max(acc, Math.abs(v)) : acc + v * v;
    }
    return this == LINF ? acc : Math.sqrt(acc);
  }

  /** Name as written in reports: {@code linf} or {@code l2}. */
  public String label() {
    return this == LINF ? "linf" : "l2";
  }
}
