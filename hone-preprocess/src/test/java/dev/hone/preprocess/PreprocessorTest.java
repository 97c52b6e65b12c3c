package dev.hone.preprocess;

import static dev.hone.preprocess.Tables.cat;
import static dev.hone.preprocess.Tables.num;
import static dev.hone.preprocess.Tables.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.core.data.Table;
import dev.hone.core.data.TaskType;
import dev.hone.core.error.InvalidParameterException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PreprocessorTest {

  @Test
  void defaultsAreTheDocumentedValues() {
    Preprocessor p = Preprocessor.defaults();
    assertEquals(32, p.maxOneHotLevels());
    assertEquals(Preprocessor.DEFAULT_MAX_ONE_HOT_LEVELS, p.maxOneHotLevels());
    assertEquals(1, p.minLevelCount());
    assertEquals(List.of(), p.excludeColumns());
    assertFalse(p.allowExtraColumns());
  }

  @Test
  void withersChangeOneOption() {
    Preprocessor p =
        Preprocessor.defaults()
            .withMaxOneHotLevels(5)
            .withMinLevelCount(3)
            .withExcludeColumns(List.of("sex"))
            .withAllowExtraColumns(true);
    assertEquals(new Preprocessor(5, 3, List.of("sex"), true), p);
  }

  @Test
  void invalidOptionsAreRejectedWithNameValueAndConstraint() {
    InvalidParameterException e =
        assertThrows(InvalidParameterException.class, () -> new Preprocessor(0, 1, null, false));
    assertEquals("maxOneHotLevels was 0 but must be >= 1", e.getMessage());
    e = assertThrows(InvalidParameterException.class, () -> new Preprocessor(4, -2, null, false));
    assertEquals("minLevelCount was -2 but must be >= 1", e.getMessage());
    e =
        assertThrows(
            InvalidParameterException.class,
            () -> new Preprocessor(4, 1, List.of("a", "a"), false));
    assertTrue(e.getMessage().contains("'a' twice"), e.getMessage());
    e =
        assertThrows(
            InvalidParameterException.class,
            () -> new Preprocessor(4, 1, Arrays.asList("a", null), false));
    assertTrue(e.getMessage().contains("null"), e.getMessage());
  }

  @Test
  void excludingAnUnknownColumnOrTheTargetIsAnError() {
    Table t =
        table("y", TaskType.BINARY, num("x", 1.0, 2.0), cat("y", "a", "b"));
    InvalidParameterException e =
        assertThrows(
            InvalidParameterException.class,
            () -> Preprocessor.defaults().withExcludeColumns(List.of("nope")).fit(t));
    assertTrue(e.getMessage().contains("'nope'"), e.getMessage());
    assertTrue(e.getMessage().contains("[x]"), e.getMessage());
    e =
        assertThrows(
            InvalidParameterException.class,
            () -> Preprocessor.defaults().withExcludeColumns(List.of("y")).fit(t));
    assertTrue(e.getMessage().contains("(it is the target)"), e.getMessage());
  }
}
