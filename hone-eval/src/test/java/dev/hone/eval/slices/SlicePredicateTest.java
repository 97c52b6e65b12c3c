package dev.hone.eval.slices;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.core.data.CategoricalColumn;
import dev.hone.core.data.Column;
import dev.hone.core.data.NumericColumn;
import dev.hone.core.data.Table;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlicePredicateTest {
  private static final Table T =
      new Table(
          List.<Column>of(
              CategoricalColumn.of("sex", new String[] {"Female", "Male", "Female", null, "Male"}),
              new NumericColumn("age", new double[] {25, 40, 31, 22, Double.NaN}),
              CategoricalColumn.of(
                  "marital-status",
                  new String[] {"Never-married", "Married civ", "Never-married", "?", null})));

  private static boolean[] eval(String def) {
    return SlicePredicate.parse(def).evaluate(T);
  }

  @Test
  void evaluatesConjunctions() {
    assertArrayEquals(new boolean[] {true, false, false, false, false}, eval("sex=Female & age<30"));
    assertArrayEquals(new boolean[] {true, false, true, false, false}, eval("  sex = 'Female' "));
    assertArrayEquals(new boolean[] {false, true, false, false, false}, eval("age>=40"));
    assertArrayEquals(new boolean[] {true, false, true, true, false}, eval("age<=31"));
    assertArrayEquals(new boolean[] {false, true, true, false, false}, eval("age>25&age!=22"));
    assertArrayEquals(new boolean[] {false, false, false, false, true}, eval("age=?"));
    assertArrayEquals(new boolean[] {true, true, true, true, false}, eval("age!=?"));
    assertArrayEquals(new boolean[] {false, true, false, false, false},
        eval("\"marital-status\"=\"Married civ\""));
    assertArrayEquals(new boolean[] {true, false, true, false, false},
        eval("marital-status=Never-married"), "hyphens need no quotes");
    assertArrayEquals(new boolean[] {false, false, false, true, false},
        eval("marital-status=\"?\""), "a quoted ? is the literal level");
    // missing never satisfies a comparison, not even !=
    assertArrayEquals(new boolean[] {false, true, false, false, true}, eval("sex!=Female"));
    assertArrayEquals(new boolean[] {false, true, false, false, true}, eval("sex = Male"));
  }

  @Test
  void canonicalFormRoundTrips() {
    SlicePredicate p = SlicePredicate.parse("  'marital-status' = \"Married civ\"&age< 3.5e1 ");
    assertEquals("marital-status=\"Married civ\" & age<3.5e1", p.canonical());
    assertArrayEquals(p.evaluate(T), SlicePredicate.parse(p.canonical()).evaluate(T));
    assertEquals(2, p.conditions().size());
    assertEquals(SlicePredicate.Operator.LT, p.conditions().get(1).operator());
  }

  @Test
  void syntaxErrorsNameThePosition() {
    assertError("", 1, "empty");
    assertError("sex", 4, "expected an operator");
    assertError("sex=", 5, "expected a value");
    assertError("sex=Female &", 13, "must follow '&'");
    assertError("sex=Female age<3", 12, "expected '&'");
    assertError("sex='Female", 5, "never closed");
    assertError("sex=>3", 5, "expected a value");
    assertError("sex!3", 4, "expected an operator");
  }

  @Test
  void unknownColumnsAndBadValuesNameWhatExists() {
    SliceDefinitionException e = assertThrows(
        SliceDefinitionException.class, () -> eval("sex=Female & agee<30"));
    assertEquals(14, e.position());
    assertTrue(e.getMessage().contains("no column 'agee'"), e.getMessage());
    assertTrue(e.getMessage().contains("[sex, age, marital-status]"), e.getMessage());

    e = assertThrows(SliceDefinitionException.class, () -> eval("sex=Femal"));
    assertEquals(5, e.position());
    assertTrue(e.getMessage().contains("not a level of column 'sex'"), e.getMessage());
    assertTrue(e.getMessage().contains("[Female, Male]"), e.getMessage());

    e = assertThrows(SliceDefinitionException.class, () -> eval("age<thirty"));
    assertEquals(5, e.position());
    assertTrue(e.getMessage().contains("not a number"), e.getMessage());

    e = assertThrows(SliceDefinitionException.class, () -> eval("sex<Male"));
    assertTrue(e.getMessage().contains("categorical"), e.getMessage());

    e = assertThrows(SliceDefinitionException.class, () -> eval("age<?"));
    assertTrue(e.getMessage().contains("missing"), e.getMessage());
  }

  private static void assertError(String def, int position, String text) {
    SliceDefinitionException e =
        assertThrows(SliceDefinitionException.class, () -> SlicePredicate.parse(def));
    assertEquals(position, e.position(), e.getMessage());
    assertTrue(e.getMessage().contains(text), e.getMessage());
    assertTrue(e.getMessage().startsWith("slice '" + def + "' at position " + position), e.getMessage());
  }

  @Test
  void quotingKeepsValuesIntact() {
    for (String level : new String[] {"a b", "x&y", "q\"uote", "?", "", "tab\there", "it's"}) {
      String def = SlicePredicate.quote("c") + "=" + SlicePredicate.quoteValue(level);
      SlicePredicate.Condition c = SlicePredicate.parse(def).conditions().get(0);
      assertEquals(level, c.value(), def);
      assertTrue(!c.missing());
    }
  }
}
