package dev.hone.store.sqlite;

/**
 * Stores a {@code double} exactly as a pair (REAL column, kind column). SQLite turns NaN into NULL
 * and {@code -0.0} into {@code 0}, so those, and the infinities, get a kind of their own and a NULL
 * REAL; every other value is kind {@code FINITE} with the value itself (8-byte IEEE 754, exact).
 */
public final class NonFiniteCodec {
  private NonFiniteCodec() {}

  /** Kind of a finite value other than {@code -0.0}. */
  public static final String FINITE = "FINITE";
  public static final String NAN = "NAN";
  public static final String POS_INF = "POS_INF";
  public static final String NEG_INF = "NEG_INF";
  public static final String NEG_ZERO = "NEG_ZERO";

  /** The kind column for {@code v}. */
  public static String kind(double v) {
    if (Double.isNaN(v)) {
      return NAN;
    }
    if (v == Double.POSITIVE_INFINITY) {
      return POS_INF;
    }
    if (v == Double.NEGATIVE_INFINITY) {
      return NEG_INF;
    }
    if (v == 0.0 && Double.doubleToRawLongBits(v) != 0L) {
      return NEG_ZERO;
    }
    return FINITE;
  }

  /** The REAL column for {@code v}: the value when its kind is FINITE, else {@code null}. */
  public static Double real(double v) {
    return FINITE.equals(kind(v)) ? v : null;
  }

  /**
   * Decodes a stored pair.
   *
   * @throws IllegalStateException if the pair is inconsistent (a FINITE kind with a NULL REAL, or
   *     an unknown kind): the database was altered outside Hone
   */
  public static double decode(Double real, String kind) {
    if (kind == null) {
      throw new IllegalStateException("missing value kind");
    }
    switch (kind) {
      case FINITE -> {
        if (real == null) {
          throw new IllegalStateException("value of kind FINITE is NULL");
        }
        return real;
      }
      case NAN -> {
        return Double.NaN;
      }
      case POS_INF -> {
        return Double.POSITIVE_INFINITY;
      }
      case NEG_INF -> {
        return Double.NEGATIVE_INFINITY;
      }
      case NEG_ZERO -> {
        return -0.0;
      }
      default -> throw new IllegalStateException("unknown value kind '" + kind + "'");
    }
  }
}
