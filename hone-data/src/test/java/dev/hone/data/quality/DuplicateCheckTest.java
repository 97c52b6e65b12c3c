package dev.hone.data.quality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hone.core.data.CategoricalColumn;
import dev.hone.core.data.Column;
import dev.hone.core.data.NumericColumn;
import dev.hone.core.data.Table;
import dev.hone.data.PreparedTable;
import dev.hone.data.TestData;
import dev.hone.data.registry.DatasetRegistry;
import dev.hone.data.registry.ResolvedDataset;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuplicateCheckTest {
  @TempDir Path cache;

  private static Table table(Column... cols) {
    return new Table(List.of(cols));
  }

  @Test
  void comparesLevelsByTextAndMissingAsEqual() {
    Table train = table(
        new NumericColumn("x", new double[] {1, Double.NaN, 0.0, 2}),
        new CategoricalColumn("c", List.of("a", "b"), new int[] {0, 1, -1, 0}));
    // same values, other level order and codes
    Table test = table(
        new CategoricalColumn("c", List.of("b", "a", "z"), new int[] {1, 0, -1, 2, 1}),
        new NumericColumn("x", new double[] {1, Double.NaN, -0.0, 2, 3}));
    assertArrayEquals(new int[] {0, 1, 2}, DuplicateCheck.testRowsDuplicatedInTrain(train, test));
  }

  @Test
  void mixedColumnTypesCompareNumerically() {
    Table train = table(new NumericColumn("x", new double[] {1, 2.5}));
    Table test = table(CategoricalColumn.of("x", new String[] {"1.0", "2.50", "abc", null}));
    assertArrayEquals(new int[] {0, 1}, DuplicateCheck.testRowsDuplicatedInTrain(train, test));
    Table other = table(new NumericColumn("y", new double[] {1}));
    assertThrows(IllegalArgumentException.class,
        () -> DuplicateCheck.testRowsDuplicatedInTrain(train, other));
  }

  @Test
  void withinTable() {
    Table t = table(
        new NumericColumn("x", new double[] {1, 1, Double.NaN, Double.NaN, 1, 1}),
        CategoricalColumn.of("c", new String[] {"a", "a", null, null, "b", "a"}));
    assertArrayEquals(new int[] {1, 3, 5}, DuplicateCheck.duplicateRowsWithin(t));
    assertEquals(3, DuplicateCheck.withinTableDuplicateCount(t));
  }

  /**
   * Adult: 24 and 5 duplicate rows within the files (the mirror README) and the cross-file count
   * computed by make_reference.py with the standard-library csv module.
   */
  @Test
  void adultDuplicatesMatchTheIndependentCount() {
    Properties ref = TestData.reference();
    DatasetRegistry registry =
        new DatasetRegistry(cache, TestData.sharedDatasets(), DatasetRegistry.builtIn(), false,
            Duration.ofSeconds(5));
    ResolvedDataset adult = registry.resolve("adult");
    PreparedTable train = adult.prepareTrain();
    PreparedTable test = adult.prepareTest(train).orElseThrow();
    assertEquals(24, DuplicateCheck.withinTableDuplicateCount(train.table()));
    assertEquals(5, DuplicateCheck.withinTableDuplicateCount(test.table()));
    assertEquals(Integer.parseInt(ref.getProperty("adult.train.duplicates_within")), 24);
    assertEquals(Integer.parseInt(ref.getProperty("adult.test.duplicates_within")), 5);
    int[] cross = DuplicateCheck.testRowsDuplicatedInTrain(train.table(), test.table());
    assertEquals(Integer.parseInt(ref.getProperty("adult.test.rows_in_train")), cross.length);
  }
}
