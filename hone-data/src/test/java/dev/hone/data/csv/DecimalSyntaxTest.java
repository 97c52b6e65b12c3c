package dev.hone.data.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DecimalSyntaxTest {
  @Test
  void accepts() {
    for (String s : new String[] {"0", "42", "-7", "+3", "0.5", ".5", "5.", "-0.0", "1e5", "1E-3",
        "1.51e+02", "007", "123456789012345678901234567890"}) {
      assertTrue(DecimalSyntax.isFiniteDecimal(s), s);
    }
    assertEquals(151.0, DecimalSyntax.parseOrNaN("1.510000000000000000e+02"));
    assertEquals(-0.25, DecimalSyntax.parseOrNaN("-.25"));
  }

  @Test
  void rejects() {
    for (String s : new String[] {"", " 1", "1 ", "NaN", "Infinity", "-Infinity", "1e999", "0x1p3",
        "1d", "2f", "1,5", "1_000", "e5", ".", "-", "1e", "1e+", "--1", "1.2.3", "A11", "?",
        "<=50K", null}) {
      assertFalse(DecimalSyntax.isFiniteDecimal(s), String.valueOf(s));
      assertTrue(Double.isNaN(DecimalSyntax.parseOrNaN(s)), String.valueOf(s));
    }
  }
}
