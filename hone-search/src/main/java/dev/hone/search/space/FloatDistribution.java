package dev.hone.search.space;

import java.util.Objects;

/**
 * A real-valued hyperparameter in {@code [low, high]}, optionally on a log scale or on a grid.
 *
 * <p>With {@code step = q} the values are the grid anchored at {@code low}: {@code low, low + q,
 * low + 2q, ...}, up to the largest grid point not above {@code high} ({@link #gridMax()}); {@code
 * high} itself is a value only when it lies on the grid. With {@code log = true} samplers work on
 * {@code ln x}, i.e. a log-uniform prior.
 *
 * @param low lower bound, inclusive; finite
 * @param high upper bound, inclusive; finite, {@code >= low}
 * @param log whether to search on a log scale; requires {@code low > 0}
 * @param step grid spacing {@code > 0}, or {@code null} for a continuous range; cannot be combined
 *     with {@code log}
 */
public record FloatDistribution(double low, double high, boolean log, Double step)
    implements Distribution {

  /** Relative tolerance when deciding whether a value lies on the grid. */
  private static final double GRID_TOL = 1e-9;

  /**
   * Validates the bounds.
   *
   * @throws IllegalArgumentException if a bound is not finite, {@code low > high}, {@code log} with
   *     {@code low <= 0}, {@code log} together with a step, or a step that is not finite and
   *     positive
   */
  public FloatDistribution {
    if (!Double.isFinite(low) || !Double.isFinite(high)) {
      throw new IllegalArgumentException(
          "float distribution bounds must be finite, got low=" + low + ", high=" + high);
    }
    if (!(low <= high)) {
      throw new IllegalArgumentException(
          "float distribution needs low <= high, got low=" + low + ", high=" + high);
    }
    if (log && !(low > 0)) {
      throw new IllegalArgumentException(
          "a log-scale float distribution needs low > 0, got low=" + low);
    }
    if (step != null) {
      if (log) {
        throw new IllegalArgumentException(
            "a float distribution cannot have both log=true and a step (step=" + step + ")");
      }
      if (!Double.isFinite(step) || !(step > 0)) {
        throw new IllegalArgumentException("float distribution step must be > 0, got " + step);
      }
    }
  }

  /** A continuous range {@code [low, high]}. */
  public static FloatDistribution of(double low, double high) {
    return new FloatDistribution(low, high, false, null);
  }

  /** A log-scale range {@code [low, high]}, {@code low > 0}. */
  public static FloatDistribution logOf(double low, double high) {
    return new FloatDistribution(low, high, true, null);
  }

  /** The grid {@code low, low + step, ...} up to {@code high}. */
  public static FloatDistribution stepped(double low, double high, double step) {
    return new FloatDistribution(low, high, false, step);
  }

  /** Number of grid intervals {@code K}: the grid is {@code low + k*step, k = 0..K}; 0 if no step. */
  public long gridIntervals() {
    if (step == null) {
      return 0;
    }
    double k = (high - low) / step;
    double r = Math.rint(k);
    if (Math.abs(k - r) <= GRID_TOL * Math.max(1.0, Math.abs(k))) {
      return (long) r;
    }
    return (long) Math.floor(k);
  }

  /** Grid point {@code k} ({@code 0 <= k <= gridIntervals()}), never above {@code high}. */
  public double gridValue(long k) {
    Objects.requireNonNull(step, "not a stepped distribution");
    if (k < 0 || k > gridIntervals()) {
      throw new IllegalArgumentException("grid index " + k + " outside 0.." + gridIntervals());
    }
    return Math.min(low + k * step, high);
  }

  /** The largest value: {@code high}, or for a stepped distribution the top grid point. */
  public double gridMax() {
    return step == null ? high : gridValue(gridIntervals());
  }

  @Override
  public double toInternal(Object external) {
    if (!contains(external)) {
      throw new IllegalArgumentException(external + " is not a value of " + this);
    }
    return ((Number) external).doubleValue();
  }

  @Override
  public Object toExternal(double internal) {
    if (!contains(internal)) {
      throw new IllegalArgumentException(internal + " is not a value of " + this);
    }
    return internal;
  }

  /** True for a finite {@code Double} or {@code Float} in range and, if stepped, on the grid. */
  @Override
  public boolean contains(Object external) {
    if (!(external instanceof Double || external instanceof Float)) {
      return false;
    }
    double x = ((Number) external).doubleValue();
    if (!(x >= low && x <= high)) {
      return false;
    }
    if (step == null) {
      return true;
    }
    double k = (x - low) / step;
    return Math.abs(k - Math.rint(k)) <= GRID_TOL * Math.max(1.0, Math.abs(k));
  }

  @Override
  public boolean isSingle() {
    return low == high || (step != null && gridIntervals() == 0);
  }

  @Override
  public Object singleValue() {
    if (!isSingle()) {
      throw new IllegalStateException(this + " has more than one value");
    }
    return low;
  }
}
