package dev.hone.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.core.error.InvalidParameterException;
import org.junit.jupiter.api.Test;

class FidelityConfigTest {
  private static TrainConfig base() {
    return new TrainConfig(
        "adult", null, null, null, null, null, 5, null, 0, null, null, null, false, null, "tpe", 1,
        null, 1, null);
  }

  @Test
  void fidelityDefaultsToNoneAndAcceptsAutoAndFidelities() {
    assertNull(base().fidelity());
    assertEquals("auto", base().withFidelity("auto").fidelity());
    assertEquals("auto-fresh", base().withFidelity("auto-fresh").fidelity());
    assertEquals("rows:0.25+rounds:0.5", base().withFidelity("rows:0.25+rounds:0.5").fidelity());
  }

  @Test
  void badFidelityIsRefusedWithItsName() {
    InvalidParameterException e =
        assertThrows(InvalidParameterException.class, () -> base().withFidelity("rows:2"));
    assertTrue(e.getMessage().contains("rows"), e.getMessage());
    assertThrows(InvalidParameterException.class, () -> base().withFidelity("fast"));
  }
}
