package dev.hone.search.space;

/**
 * An integer hyperparameter on the grid {@code low, low + step, ...} up to {@code high}
 * (inclusive; {@code high} is a value only when it lies on the grid).
 *
 * <p>With {@code log = true} samplers work on {@code ln x}; following Optuna, a log-scale integer
 * distribution must have {@code step = 1}. Bounds are limited to {@code |x| <= 2^53} so that every
 * value is exact in the internal {@code double}.
 *
 * @param low lower bound, inclusive
 * @param high upper bound, inclusive, {@code >= low}
 * @param log whether to search on a log scale; requires {@code low >= 1} and {@code step == 1}
 * @param step grid spacing, {@code >= 1}
 */
public record IntDistribution(long low, long high, boolean log, long step)
    implements Distribution {

  /** Largest magnitude allowed for a bound: {@code 2^53}, the end of exact integers in a double. */
  public static final long MAX_ABS = 1L << 53;

  /**
   * Validates the bounds.
   *
   * @throws IllegalArgumentException if {@code low > high}, {@code step < 1}, {@code log} with
   *     {@code low < 1} or {@code step != 1}, or a bound beyond {@link #MAX_ABS}
   */
  public IntDistribution {
    if (low > high) {
      throw new IllegalArgumentException(
          "int distribution needs low <= high, got low=" + low + ", high=" + high);
    }
    if (Math.abs(low) > MAX_ABS || Math.abs(high) > MAX_ABS) {
      throw new IllegalArgumentException(
          "int distribution bounds must be within +-2^53, got low=" + low + ", high=" + high);
    }
    if (step < 1) {
      throw new IllegalArgumentException("int distribution step must be >= 1, got " + step);
    }
    if (log && low < 1) {
      throw new IllegalArgumentException(
          "a log-scale int distribution needs low >= 1, got low=" + low);
    }
    if (log && step != 1) {
      throw new IllegalArgumentException(
          "a log-scale int distribution needs step 1, got step=" + step);
    }
  }

  /** The integers {@code low..high}. */
  public static IntDistribution of(long low, long high) {
    return new IntDistribution(low, high, false, 1);
  }

  /** The integers {@code low..high} on a log scale ({@code low >= 1}). */
  public static IntDistribution logOf(long low, long high) {
    return new IntDistribution(low, high, true, 1);
  }

  /** Number of grid intervals {@code K}: the values are {@code low + k*step, k = 0..K}. */
  public long gridIntervals() {
    return (high - low) / step;
  }

  /** The largest value: the top grid point, {@code <= high}. */
  public long gridMax() {
    return low + gridIntervals() * step;
  }

  @Override
  public double toInternal(Object external) {
    if (!contains(external)) {
      throw new IllegalArgumentException(external + " is not a value of " + this);
    }
    return ((Number) external).longValue();
  }

  /** Rounds {@code internal} to the nearest integer. */
  @Override
  public Object toExternal(double internal) {
    long v = Math.round(internal);
    if (Math.abs(internal - v) > 1e-6 || !contains(v)) {
      throw new IllegalArgumentException(internal + " is not a value of " + this);
    }
    return v;
  }

  /** True for a {@code Long}, {@code Integer}, {@code Short} or {@code Byte} on the grid. */
  @Override
  public boolean contains(Object external) {
    if (!(external instanceof Long
        || external instanceof Integer
        || external instanceof Short
        || external instanceof Byte)) {
      return false;
    }
    long x = ((Number) external).longValue();
    return x >= low && x <= high && (x - low) % step == 0;
  }

  @Override
  public boolean isSingle() {
    return gridIntervals() == 0;
  }

  @Override
  public Object singleValue() {
    if (!isSingle()) {
      throw new IllegalStateException(this + " has more than one value");
    }
    return low;
  }
}
