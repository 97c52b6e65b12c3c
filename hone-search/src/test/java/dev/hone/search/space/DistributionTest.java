package dev.hone.search.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DistributionTest {

  @Test
  void floatValidation() {
    assertThrows(IllegalArgumentException.class, () -> FloatDistribution.of(2, 1));
    assertThrows(IllegalArgumentException.class, () -> FloatDistribution.of(Double.NaN, 1));
    assertThrows(IllegalArgumentException.class,
        () -> FloatDistribution.of(0, Double.POSITIVE_INFINITY));
    assertThrows(IllegalArgumentException.class, () -> FloatDistribution.logOf(0, 1));
    assertThrows(IllegalArgumentException.class, () -> FloatDistribution.logOf(-1, 1));
    assertThrows(IllegalArgumentException.class, () -> new FloatDistribution(1, 2, true, 0.1));
    assertThrows(IllegalArgumentException.class, () -> FloatDistribution.stepped(0, 1, 0));
    assertThrows(IllegalArgumentException.class, () -> FloatDistribution.stepped(0, 1, -0.1));
    assertThrows(IllegalArgumentException.class,
        () -> FloatDistribution.stepped(0, 1, Double.NaN));
    // valid edge cases
    assertTrue(FloatDistribution.of(1, 1).isSingle());
    assertTrue(FloatDistribution.stepped(0, 0.05, 0.1).isSingle());
  }

  @Test
  void intValidation() {
    assertThrows(IllegalArgumentException.class, () -> IntDistribution.of(2, 1));
    assertThrows(IllegalArgumentException.class, () -> new IntDistribution(0, 10, false, 0));
    assertThrows(IllegalArgumentException.class, () -> IntDistribution.logOf(0, 10));
    assertThrows(IllegalArgumentException.class, () -> new IntDistribution(1, 10, true, 2));
    assertThrows(IllegalArgumentException.class,
        () -> IntDistribution.of(0, IntDistribution.MAX_ABS + 1));
    assertTrue(IntDistribution.of(3, 3).isSingle());
    assertTrue(new IntDistribution(3, 5, false, 3).isSingle());
  }

  @Test
  void categoricalValidation() {
    assertThrows(IllegalArgumentException.class, () -> new CategoricalDistribution(List.of()));
    assertThrows(IllegalArgumentException.class, () -> CategoricalDistribution.of("a", "a"));
    assertThrows(IllegalArgumentException.class,
        () -> new CategoricalDistribution(Arrays.asList("a", null)));
  }

  @Test
  void floatGridAnchoredAtLow() {
    FloatDistribution d = FloatDistribution.stepped(0.1, 1.0, 0.2); // 0.1, 0.3, 0.5, 0.7, 0.9
    assertEquals(4, d.gridIntervals());
    assertEquals(0.9, d.gridMax(), 1e-12);
    assertTrue(d.contains(0.1));
    assertTrue(d.contains(0.7));
    assertTrue(d.contains(0.1 + 2 * 0.2));
    assertFalse(d.contains(1.0)); // high is off the grid
    assertFalse(d.contains(0.2));
    assertFalse(d.contains(0.0));
    // a range whose length is a multiple of the step up to rounding noise keeps the top point
    FloatDistribution e = FloatDistribution.stepped(0.0, 0.3, 0.1); // 0.3/0.1 = 2.9999999999999996
    assertEquals(3, e.gridIntervals());
    assertEquals(0.3, e.gridMax(), 0.0);
    assertTrue(e.contains(0.3));
  }

  @Test
  void intGridAnchoredAtLow() {
    IntDistribution d = new IntDistribution(1, 10, false, 3); // 1, 4, 7, 10
    assertEquals(3, d.gridIntervals());
    assertEquals(10, d.gridMax());
    assertTrue(d.contains(7L));
    assertTrue(d.contains(7));
    assertFalse(d.contains(8L));
    assertFalse(d.contains(7.0)); // wrong Java type
    IntDistribution e = new IntDistribution(0, 10, false, 4); // 0, 4, 8
    assertEquals(8, e.gridMax());
    assertFalse(e.contains(10L));
  }

  @Test
  void containsChecksTypeAndBounds() {
    FloatDistribution f = FloatDistribution.of(-1, 1);
    assertTrue(f.contains(-1.0));
    assertTrue(f.contains(1.0));
    assertFalse(f.contains(1.0000001));
    assertFalse(f.contains(Double.NaN));
    assertFalse(f.contains(1L));
    assertFalse(f.contains("0.5"));
    CategoricalDistribution c = CategoricalDistribution.of("x", "y");
    assertTrue(c.contains("y"));
    assertFalse(c.contains("z"));
    assertFalse(c.contains(1));
  }

  @Test
  void internalRoundTrip() {
    FloatDistribution f = FloatDistribution.logOf(1e-3, 1);
    assertEquals(0.01, f.toInternal(0.01), 0.0); // internal is the raw value, not its log
    assertEquals(0.01, f.toExternal(0.01));
    IntDistribution i = IntDistribution.of(-5, 5);
    assertEquals(-3.0, i.toInternal(-3L), 0.0);
    assertEquals(-3L, i.toExternal(-3.0));
    CategoricalDistribution c = CategoricalDistribution.of("gbtree", "dart");
    assertEquals(1.0, c.toInternal("dart"), 0.0);
    assertEquals("gbtree", c.toExternal(0.0));
    assertThrows(IllegalArgumentException.class, () -> c.toExternal(2.0));
    assertThrows(IllegalArgumentException.class, () -> c.toInternal("gblinear"));
    assertThrows(IllegalArgumentException.class, () -> i.toInternal(6L));
    assertThrows(IllegalArgumentException.class, () -> f.toExternal(2.0));
  }

  @Test
  void jsonRoundTrip() {
    List<Distribution> all = List.of(
        FloatDistribution.of(-1.5, 2.25),
        FloatDistribution.logOf(1e-8, 1e3),
        FloatDistribution.stepped(0, 1, 0.05),
        IntDistribution.of(-7, 9),
        IntDistribution.logOf(1, 1024),
        new IntDistribution(0, 100, false, 5),
        CategoricalDistribution.of("a", "b \"quoted\"", "ü"));
    for (Distribution d : all) {
      String json = Distributions.toJson(d);
      assertEquals(d, Distributions.fromJson(json), json);
    }
    assertThrows(IllegalArgumentException.class,
        () -> Distributions.fromJson("{\"type\":\"float\",\"low\":2,\"high\":1}"));
    assertThrows(IllegalArgumentException.class,
        () -> Distributions.fromJson("{\"type\":\"beta\"}"));
    assertThrows(IllegalArgumentException.class, () -> Distributions.fromJson("not json"));
  }
}
