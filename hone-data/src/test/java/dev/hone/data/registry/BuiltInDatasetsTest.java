package dev.hone.data.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.hone.core.data.CategoricalColumn;
import dev.hone.core.data.Column;
import dev.hone.core.data.NumericColumn;
import dev.hone.core.data.TaskType;
import dev.hone.core.data.Table;
import dev.hone.data.LabelledTableBuilder;
import dev.hone.data.PreparedTable;
import dev.hone.data.TestData;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every registered dataset loads from the shared mirror through {@link
 * dev.hone.data.csv.CsvTableReader} and {@link LabelledTableBuilder}, and matches the mirror
 * READMEs and the values make_reference.py computed with Python's csv module: row and column
 * counts, missing cells per column, the sum of every numeric column (relative tolerance 1e-9;
 * summation order differs), and the class counts of the target.
 */
class BuiltInDatasetsTest {
  @TempDir Path cache;
  private DatasetRegistry registry;
  private static final Properties REF = TestData.reference();

  @BeforeEach
  void setUp() {
    registry =
        new DatasetRegistry(cache, TestData.sharedDatasets(), DatasetRegistry.builtIn(), false,
            Duration.ofSeconds(1));
  }

  private static int ref(String key) {
    String v = REF.getProperty(key);
    if (v == null) {
      fail("reference.properties has no " + key);
    }
    return Integer.parseInt(v);
  }

  /** Checks a table against the reference entries under {@code prefix}. */
  private static void checkColumns(String prefix, Table t, List<String> refNames) {
    assertEquals(ref(prefix + ".rows"), t.rowCount(), prefix + " rows");
    assertEquals(ref(prefix + ".columns"), t.columnCount(), prefix + " columns");
    for (int j = 0; j < refNames.size(); j++) {
      Column c = t.columns().get(j);
      String key = refNames.get(j);
      assertEquals(ref(prefix + ".missing." + key), c.missingCount(),
          prefix + " missing in " + c.name());
      String sum = REF.getProperty(prefix + ".sum." + key);
      if (sum == null) {
        assertInstanceOf(CategoricalColumn.class, c, prefix + " " + c.name());
      } else {
        NumericColumn n = assertInstanceOf(NumericColumn.class, c, prefix + " " + c.name());
        double s = 0;
        for (double v : n.values()) {
          if (!Double.isNaN(v)) {
            s += v;
          }
        }
        double want = Double.parseDouble(sum);
        assertEquals(want, s, 1e-9 * Math.max(1, Math.abs(want)), prefix + " sum " + c.name());
      }
    }
  }

  /** Class label -> row count from the prepared target, against the reference. */
  private static void checkClasses(String prefix, PreparedTable p) {
    Map<String, Integer> got = new TreeMap<>();
    CategoricalColumn y = (CategoricalColumn) p.table().column(p.target());
    for (int i = 0; i < y.size(); i++) {
      got.merge(y.get(i), 1, Integer::sum);
    }
    Map<String, Integer> want = new TreeMap<>();
    for (String k : REF.stringPropertyNames()) {
      if (k.startsWith(prefix + ".class.")) {
        want.put(k.substring((prefix + ".class.").length()), Integer.parseInt(REF.getProperty(k)));
      }
    }
    assertEquals(want, got, prefix + " classes");
    assertEquals(List.copyOf(LabelledTableBuilder.sortLabels(want.keySet())), p.classLabels());
  }

  private static List<String> indexNames(int n) {
    List<String> out = new ArrayList<>();
    for (int j = 0; j < n; j++) {
      out.add("c" + j);
    }
    return out;
  }

  /** Prepares with the registered task and checks that inference alone reaches the same task. */
  private static PreparedTable prepareChecked(ResolvedDataset d, Table raw) {
    PreparedTable inferred =
        LabelledTableBuilder.prepare(raw, d.target(), null, d.sensitive(), d.name());
    assertEquals(d.task(), inferred.task(), d.name() + ": inferred task");
    PreparedTable p = LabelledTableBuilder.prepare(raw, d.target(), d.task(), d.sensitive(),
        d.name());
    assertEquals(d.task(), p.table().task());
    assertEquals(d.sensitive(), p.table().sensitive());
    assertEquals(0, p.droppedRows());
    assertEquals(List.of(), p.droppedColumns());
    return p;
  }

  @Test
  void adult() {
    ResolvedDataset d = registry.resolve("adult");
    assertEquals(ResolvedFile.Origin.MIRROR, d.train().origin());
    Table train = d.readTrain();
    Table test = d.readTest().orElseThrow();
    checkColumns("adult.train", train, BuiltInDatasets.ADULT_COLUMNS);
    checkColumns("adult.test", test, BuiltInDatasets.ADULT_COLUMNS);
    PreparedTable p = prepareChecked(d, train);
    checkClasses("adult.train", p);
    assertEquals(">50K", p.classLabels().get(1));
    PreparedTable q = d.prepareTest(p).orElseThrow();
    checkClasses("adult.test", q);
    assertEquals(List.of("sex", "race"), q.table().sensitive());
    assertEquals(List.of("Male", "Female"), ((CategoricalColumn) train.column("sex")).levels());
  }

  @Test
  void germanCredit() {
    ResolvedDataset d = registry.resolve("german_credit");
    Table t = d.readTrain();
    assertEquals("credit_risk", t.columnNames().get(20));
    assertEquals("sex", t.columnNames().get(21));
    checkColumns("german_credit", t, t.columnNames());
    PreparedTable p = prepareChecked(d, t);
    checkClasses("german_credit", p);
    assertEquals(List.of("1", "2"), p.classLabels());
    assertEquals(TaskType.BINARY, p.task());
  }

  @Test
  void californiaHousing() {
    ResolvedDataset d = registry.resolve("california_housing");
    Table t = d.readTrain();
    checkColumns("california_housing", t, t.columnNames());
    assertEquals(207, t.column("total_bedrooms").missingCount());
    PreparedTable p = prepareChecked(d, t);
    assertEquals(TaskType.REGRESSION, p.task());
    assertInstanceOf(NumericColumn.class, p.table().column("median_house_value"));
    CategoricalColumn ocean = (CategoricalColumn) t.column("ocean_proximity");
    int island = 0;
    for (int i = 0; i < ocean.size(); i++) {
      island += "ISLAND".equals(ocean.get(i)) ? 1 : 0;
    }
    assertEquals(5, island);
  }

  @Test
  void titanic() {
    ResolvedDataset d = registry.resolve("titanic");
    Table t = d.readTrain();
    checkColumns("titanic", t, t.columnNames());
    PreparedTable p = prepareChecked(d, t);
    checkClasses("titanic", p);
    assertEquals(List.of("0", "1"), p.classLabels());
    assertEquals(12, p.table().columnCount(), "nothing dropped");
    assertTrue(((CategoricalColumn) t.column("Name")).levels()
        .contains("Johnston, Miss. Catherine Helen \"Carrie\""));
  }

  @Test
  void creditDefaultTaiwan() {
    ResolvedDataset d = registry.resolve("credit_default_taiwan");
    Table t = d.readTrain();
    checkColumns("credit_default_taiwan", t, t.columnNames());
    PreparedTable p = prepareChecked(d, t);
    checkClasses("credit_default_taiwan", p);
    CategoricalColumn sex = (CategoricalColumn) t.column("X2");
    int female = 0;
    int male = 0;
    for (int i = 0; i < sex.size(); i++) {
      female += "2".equals(sex.get(i)) ? 1 : 0;
      male += "1".equals(sex.get(i)) ? 1 : 0;
    }
    assertEquals(ref("credit_default_taiwan.level.X2.2"), female);
    assertEquals(ref("credit_default_taiwan.level.X2.1"), male);
    assertInstanceOf(CategoricalColumn.class, t.column("X3"));
    assertInstanceOf(CategoricalColumn.class, t.column("X4"));
    assertEquals(List.of("ID"), d.descriptor().identifierColumns());
  }

  @Test
  void iris() {
    sklearnSet("iris", 5, TaskType.MULTICLASS, List.of("0", "1", "2"));
  }

  @Test
  void wine() {
    sklearnSet("wine", 14, TaskType.MULTICLASS, List.of("0", "1", "2"));
  }

  @Test
  void breastCancer() {
    sklearnSet("breast_cancer", 31, TaskType.BINARY, List.of("0", "1"));
  }

  @Test
  void digits() {
    sklearnSet("digits", 65, TaskType.MULTICLASS,
        List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"));
  }

  @Test
  void diabetes() {
    ResolvedDataset d = registry.resolve("diabetes");
    Table t = d.readTrain();
    assertEquals("disease_progression", t.columnNames().get(10));
    checkColumns("diabetes", t, indexNames(11));
    PreparedTable p = prepareChecked(d, t);
    assertEquals(TaskType.REGRESSION, p.task());
    double[] y = ((NumericColumn) p.table().column("disease_progression")).values();
    assertEquals(25.0, java.util.Arrays.stream(y).min().getAsDouble());
    assertEquals(346.0, java.util.Arrays.stream(y).max().getAsDouble());
    assertEquals(List.of("1", "2"), ((CategoricalColumn) t.column("sex")).levels().stream()
        .sorted().toList());
  }

  private void sklearnSet(String name, int columns, TaskType task, List<String> classes) {
    ResolvedDataset d = registry.resolve(name);
    Table t = d.readTrain();
    assertEquals(columns, t.columnCount());
    checkColumns(name, t, indexNames(columns));
    PreparedTable p = prepareChecked(d, t);
    assertEquals(task, p.task());
    assertEquals(classes, p.classLabels());
    checkClasses(name, p);
  }

  @Test
  void everyRegisteredDatasetIsCoveredHere() {
    assertEquals(
        List.of("adult", "german_credit", "california_housing", "titanic",
            "credit_default_taiwan", "iris", "wine", "breast_cancer", "digits", "diabetes"),
        registry.names());
    for (DatasetDescriptor d : DatasetRegistry.builtIn()) {
      assertTrue(d.citation().length() > 20, d.name());
      assertTrue(d.description().length() > 20, d.name());
    }
  }
}
