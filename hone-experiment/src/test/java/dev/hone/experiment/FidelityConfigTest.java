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

  @Test
  void badFidelityMessageListsTheTableFidelities() {
    for (String bad : new String[] {"fast", "epochs:0.5", "rows:0"}) {
      InvalidParameterException e =
          assertThrows(InvalidParameterException.class, () -> base().withFidelity(bad));
      assertTrue(e.getMessage().startsWith("--fidelity '" + bad + "'")
          && e.getMessage().contains("auto, auto-fresh, full, rows:F"), e.getMessage());
    }
  }

  @Test
  void fidelityWithAFamilySearchIsRefusedNamingBothOptions() {
    FamilySettings[] fams = {
      new FamilySettings("mlp", null),
      new FamilySettings("gbtree", null),
      new FamilySettings(null, new DeploymentMetrics.Limits(100_000L, null))
    };
    for (FamilySettings f : fams) {
      for (String fid : new String[] {"auto", "rows:0.5"}) {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
            () -> base().withFidelity(fid).withFamilies(f), f + " " + fid);
        assertTrue(e.getMessage().contains("--fidelity " + fid)
            && e.getMessage().contains("--families"), e.getMessage());
      }
    }
    // each alone is accepted
    assertEquals("mlp", base().withFamilies(fams[0]).familySettings().families());
    assertEquals("auto", base().withFidelity("auto").withFamilies(FamilySettings.NONE).fidelity());
  }
}
