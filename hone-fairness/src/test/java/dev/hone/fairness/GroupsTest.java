package dev.hone.fairness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.core.data.CategoricalColumn;
import dev.hone.core.data.NumericColumn;
import dev.hone.core.data.Table;
import dev.hone.core.error.UserInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupsTest {

  @Test
  void missingValuesFormTheirOwnGroupListedLast() {
    Groups g = Groups.of("race", new String[] {"White", null, "Black", "White", null});
    assertEquals(List.of("Black", "White", Groups.MISSING), g.keys());
    assertEquals(Groups.MISSING, g.key(1));
    assertEquals(List.of(1, 2, 2), java.util.Arrays.stream(g.counts()).boxed().toList());
  }

  @Test
  void intersectionKeysCombineOccurringValuesInOrder() {
    Groups sex = Groups.of("sex", new String[] {"M", "F", "M", "F", "M"});
    Groups race = Groups.of("race", new String[] {"W", "B", "B", null, "W"});
    Groups x = Groups.intersection(sex, race);
    assertEquals("sex × race", x.name());
    assertEquals(List.of("sex", "race"), x.columns());
    assertEquals(List.of("F × B", "F × (missing)", "M × B", "M × W"), x.keys());
    assertEquals("M × W", x.key(4));
  }

  @Test
  void tableColumnsKeepDeclaredLevelsAndSortNumbers() {
    CategoricalColumn sex =
        new CategoricalColumn("sex", List.of("Male", "Female", "Other"), new int[] {0, 1, -1, 0});
    NumericColumn edu = new NumericColumn("edu", new double[] {10, 9, 2, Double.NaN});
    Table t = new Table(List.of(sex, edu));
    Groups s = Groups.fromTable(t, "sex");
    assertEquals(List.of("Female", "Male", "Other", Groups.MISSING), s.keys());
    assertEquals(0, s.counts()[2], "declared level without rows is an empty group");
    assertEquals(List.of("2", "9", "10", Groups.MISSING), Groups.fromTable(t, "edu").keys());
    List<Groups> attrs = Groups.attributes(t, List.of("sex", "edu"));
    assertEquals(3, attrs.size());
    assertEquals("sex × edu", attrs.get(2).name());
    UserInputException e = assertThrows(UserInputException.class,
        () -> Groups.fromTable(t, "race"));
    assertTrue(e.getMessage().contains("'race'") && e.getMessage().contains("[sex, edu]"));
  }
}
