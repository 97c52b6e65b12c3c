package dev.hone.fairness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RepresentationAuditTest {

  private static String[] repeat(Object... keyCount) {
    List<String> out = new java.util.ArrayList<>();
    for (int i = 0; i < keyCount.length; i += 2) {
      for (int k = 0; k < (Integer) keyCount[i + 1]; k++) {
        out.add((String) keyCount[i]);
      }
    }
    return out.toArray(String[]::new);
  }

  @Test
  void flagsSmallAndUnderSharedAndAbsentGroups() {
    // train: A 900, B 80, C 20; reference: A 500, B 300, C 100, D 100
    String[] tr = repeat("A", 900, "B", 80, "C", 20);
    String[] ref = repeat("A", 500, "B", 300, "C", 100, "D", 100);
    int[] ty = new int[tr.length];
    int[] ry = new int[ref.length];
    for (int i = 0; i < tr.length; i += 4) {
      ty[i] = 1;
    }
    RepresentationReport r =
        RepresentationAudit.compare(ty, Groups.of("race", tr), ry, Groups.of("race", ref));
    assertEquals(List.of("B", "C", "D"), r.flaggedGroups());
    GroupRepresentation a = r.groups().get(0);
    assertFalse(a.flagged());
    assertEquals(0.9, a.trainShare(), 1e-15);
    assertEquals(0.5, a.referenceShare(), 1e-15);
    assertEquals(1.8, a.shareRatio(), 1e-12);
    assertEquals(0.25, a.trainLabelRate().value(), 1e-15);
    GroupRepresentation b = r.groups().get(1);
    // 8% of training vs 30% of reference: below half
    assertEquals(1, b.reasons().size());
    assertTrue(b.reasons().get(0).contains("8.00%") && b.reasons().get(0).contains("30.00%"));
    GroupRepresentation c = r.groups().get(2);
    assertEquals(2, c.reasons().size(), "fewer than 30 rows and under-shared");
    GroupRepresentation d = r.groups().get(3);
    assertEquals(0, d.trainCount());
    assertEquals(Measure.Status.EMPTY, d.trainLabelRate().status());
    assertTrue(d.reasons().get(0).startsWith("absent from the training data"));
  }

  @Test
  void proportionalGroupsAreNotFlagged() {
    String[] tr = repeat("x", 300, "y", 100);
    String[] ref = repeat("x", 75, "y", 25);
    RepresentationReport r =
        RepresentationAudit.compare(new int[400], Groups.of("g", tr), new int[100],
            Groups.of("g", ref));
    assertTrue(r.flaggedGroups().isEmpty());
    assertEquals(1.0, r.groups().get(1).shareRatio(), 1e-12);
  }
}
