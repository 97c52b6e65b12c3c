package dev.hone.search.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.core.error.InvalidParameterException;
import dev.hone.core.json.Json;
import org.junit.jupiter.api.Test;

class FidelityTest {
  @Test
  void parsesAndPrintsEveryKind() {
    for (String s :
        new String[] {"full", "rounds:0.25", "rows:0.1", "features:0.5", "resolution:0.5",
            "rows:0.25+rounds:0.5"}) {
      assertEquals(s, Fidelity.parse(s).toString());
    }
    assertEquals(Fidelity.rows(0.25), Fidelity.parse(" ROWS:0.25 "));
    assertEquals(Fidelity.rounds(1.0), Fidelity.parse("rounds"));
  }

  @Test
  void nominalCostsCompose() {
    assertEquals(0.25, Fidelity.rows(0.25).nominalCost());
    assertEquals(0.25, Fidelity.resolution(0.5).nominalCost(), 1e-15);
    Fidelity c = Fidelity.compose(Fidelity.rows(0.5), Fidelity.features(0.5));
    assertEquals(FidelityKind.COMPOSED, c.kind());
    assertEquals(0.25, c.nominalCost(), 1e-15);
    assertEquals(0.5, c.fractionOf(FidelityKind.ROW_FRACTION));
    assertEquals(1.0, c.fractionOf(FidelityKind.ROUNDS));
    assertTrue(Fidelity.FULL.isFull());
    assertTrue(Fidelity.rows(1).isFull());
    assertFalse(c.isFull());
    assertEquals(Fidelity.rows(0.5), Fidelity.compose(Fidelity.FULL, Fidelity.rows(0.5)));
  }

  @Test
  void withReplacesOrAddsAKind() {
    Fidelity c = Fidelity.features(0.5).with(FidelityKind.ROW_FRACTION, 0.25);
    assertEquals("features:0.5+rows:0.25", c.toString());
    assertEquals("features:0.5+rows:1", c.with(FidelityKind.ROW_FRACTION, 1).toString());
    assertEquals("rows:0.5", Fidelity.FULL.with(FidelityKind.ROW_FRACTION, 0.5).toString());
  }

  @Test
  void rejectsBadFormsWithTheirName() {
    InvalidParameterException e =
        assertThrows(InvalidParameterException.class, () -> Fidelity.parse("rows:1.5"));
    assertTrue(e.getMessage().contains("(0, 1]"), e.getMessage());
    e = assertThrows(InvalidParameterException.class, () -> Fidelity.parse("pixels:0.5"));
    assertTrue(e.getMessage().contains("pixels"), e.getMessage());
    assertThrows(InvalidParameterException.class, () -> Fidelity.parse("rows:0.5+rows:0.2"));
    assertThrows(InvalidParameterException.class, () -> Fidelity.parse("rows:x"));
    assertThrows(InvalidParameterException.class, () -> Fidelity.rows(0));
  }

  @Test
  void serialisesToJson() throws Exception {
    Fidelity c = Fidelity.parse("rows:0.25+rounds:0.5");
    Fidelity back = Json.mapper().readValue(Json.write(c), Fidelity.class);
    assertEquals(c, back);
  }
}
