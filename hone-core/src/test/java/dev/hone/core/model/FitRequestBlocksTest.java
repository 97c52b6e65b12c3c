package dev.hone.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.core.data.TaskType;
import dev.hone.core.params.ParamSet;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link FitRequest#categoricalBlocks()}: defaults, normalisation and the bounds checks. */
class FitRequestBlocksTest {
  private static final FeatureMatrix X =
      new FeatureMatrix(new float[2 * 6], 2, List.of("x", "c=a", "c=b", "d=p", "d=q", "y"));
  private static final double[] Y = {0, 1};
  private static final ParamSet P = ParamSet.resolve(List.of(), java.util.Map.of());

  private static FitRequest with(List<CategoricalBlock> blocks) {
    return new FitRequest(X, Y, null, null, TaskType.BINARY, 2, P, 1, 1, null, null, blocks);
  }

  @Test
  void olderConstructorsAndNullGiveNoBlocks() {
    assertEquals(List.of(),
        new FitRequest(X, Y, null, null, TaskType.BINARY, 2, P, 1, 1, null).categoricalBlocks());
    assertEquals(List.of(),
        new FitRequest(X, Y, null, null, TaskType.BINARY, 2, P, 1, 1, null, null)
            .categoricalBlocks());
    assertEquals(List.of(), with(null).categoricalBlocks());
  }

  @Test
  void blocksAreSortedByFirstColumnAndKeptByWith() {
    CategoricalBlock c = new CategoricalBlock("c", 1, 2);
    CategoricalBlock d = new CategoricalBlock("d", 3, 2);
    FitRequest r = with(Arrays.asList(d, c));
    assertEquals(List.of(c, d), r.categoricalBlocks());
    FitRequest plain = new FitRequest(X, Y, null, null, TaskType.BINARY, 2, P, 1, 1, null);
    assertEquals(List.of(c, d), plain.withCategoricalBlocks(List.of(d, c)).categoricalBlocks());
    assertEquals(3, c.endColumn());
  }

  @Test
  void outOfBoundsOverlapAndDuplicateNamesAreRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> with(List.of(new CategoricalBlock("c", 5, 2))));
    assertTrue(e.getMessage().contains("[5, 7)") && e.getMessage().contains("only 6 columns"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> with(List.of(new CategoricalBlock("c", 1, 3), new CategoricalBlock("d", 3, 2))));
    assertTrue(e.getMessage().contains("overlap"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> with(List.of(new CategoricalBlock("c", 1, 2), new CategoricalBlock("c", 3, 2))));
    assertTrue(e.getMessage().contains("named 'c'"), e.getMessage());
    // adjacent blocks touch but do not overlap
    assertEquals(2,
        with(List.of(new CategoricalBlock("c", 1, 2), new CategoricalBlock("d", 3, 2)))
            .categoricalBlocks().size());
  }
}
