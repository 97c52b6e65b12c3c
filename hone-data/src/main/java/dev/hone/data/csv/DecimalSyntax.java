package dev.hone.data.csv;

/**
 * The one definition of "this text is a number" used for type inference, header detection and
 * label ordering.
 *
 * <p>Accepted: an optional sign, digits with at most one decimal point (at least one digit in
 * all), and an optional exponent {@code e}/{@code E} with an optional sign and at least one digit,
 * whose value is finite as a {@code double}. Examples: {@code 42}, {@code -0.5}, {@code .5},
 * {@code 5.}, {@code 1.51e+02}. Rejected, unlike {@link Double#parseDouble(String)}: {@code NaN},
 * {@code Infinity}, hexadecimal floats, Java type suffixes such as {@code 1d} or {@code 2f},
 * surrounding whitespace, thousands separators and decimal commas.
 */
public final class DecimalSyntax {
  private DecimalSyntax() {}

  /** Whether {@code s} is a finite decimal number as defined above. */
  public static boolean isFiniteDecimal(String s) {
    return !Double.isNaN(parseOrNaN(s));
  }

  /**
   * The value of {@code s}, or {@code NaN} when it is not a finite decimal number as defined above.
   */
  public static double parseOrNaN(String s) {
    if (s == null || !hasDecimalShape(s)) {
      return Double.NaN;
    }
    double v = Double.parseDouble(s);
    return Double.isInfinite(v) ? Double.NaN : v;
  }

  private static boolean hasDecimalShape(String s) {
    int n = s.length();
    int i = 0;
    if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      i++;
    }
    int digits = 0;
    while (i < n && isDigit(s.charAt(i))) {
      i++;
      digits++;
    }
    if (i < n && s.charAt(i) == '.') {
      i++;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
        digits++;
      }
    }
    if (digits == 0) {
      return false;
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      int expDigits = 0;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
        expDigits++;
      }
      if (expDigits == 0) {
        return false;
      }
    }
    return i == n;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
