package dev.hone.search.sampler;

/**
 * Standard global-optimisation test functions with known minima (Dixon and Szegő, "The global
 * optimisation problem: an introduction", 1978; values as tabulated by Surjanovic and Bingham's
 * Virtual Library of Simulation Experiments).
 */
final class TestFunctions {
  private TestFunctions() {}

  /** Global minimum of Branin on [-5, 10] x [0, 15]. */
  static final double BRANIN_MIN = 0.397887;

  /** The three minimisers of Branin. */
  static final double[][] BRANIN_ARGMIN = {{-Math.PI, 12.275}, {Math.PI, 2.275}, {9.42478, 2.475}};

  /** Global minimum of Hartmann-6 on [0, 1]^6. */
  static final double HARTMANN6_MIN = -3.32237;

  /** Its minimiser. */
  static final double[] HARTMANN6_ARGMIN = {0.20169, 0.150011, 0.476874, 0.275332, 0.311652, 0.6573};

  static double branin(double x1, double x2) {
    double a = 1;
    double b = 5.1 / (4 * Math.PI * Math.PI);
    double c = 5 / Math.PI;
    double r = 6;
    double s = 10;
    double t = 1 / (8 * Math.PI);
    double u = x2 - b * x1 * x1 + c * x1 - r;
    return a * u * u + s * (1 - t) * Math.cos(x1) + s;
  }

  private static final double[] ALPHA = {1.0, 1.2, 3.0, 3.2};
  private static final double[][] A = {
    {10, 3, 17, 3.5, 1.7, 8},
    {0.05, 10, 17, 0.1, 8, 14},
    {3, 3.5, 1.7, 10, 17, 8},
    {17, 8, 0.05, 10, 0.1, 14}
  };
  private static final double[][] P = {
    {1312, 1696, 5569, 124, 8283, 5886},
    {2329, 4135, 8307, 3736, 1004, 9991},
    {2348, 1451, 3522, 2883, 3047, 6650},
    {4047, 8828, 8732, 5743, 1091, 381}
  };

  static double hartmann6(double[] x) {
    double sum = 0;
    for (int i = 0; i < 4; i++) {
      double inner = 0;
      for (int j = 0; j < 6; j++) {
        double d = x[j] - P[i][j] * 1e-4;
        inner += A[i][j] * d * d;
      }
      sum += ALPHA[i] * Math.exp(-inner);
    }
    return -sum;
  }
}
