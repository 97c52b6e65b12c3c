package dev.hone.preprocess;

import static dev.hone.preprocess.Tables.cat;
import static dev.hone.preprocess.Tables.num;
import static dev.hone.preprocess.Tables.table;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hone.core.data.CategoricalColumn;
import dev.hone.core.data.Column;
import dev.hone.core.data.NumericColumn;
import dev.hone.core.data.Table;
import dev.hone.core.data.TaskType;
import dev.hone.core.error.DataValidationException;
import dev.hone.core.json.Json;
import dev.hone.core.random.Seeds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersistenceTest {
  private static final long SEED = 20240601L;
  private static final int CASES = 40;

  /** Level strings that stress JSON and text handling. */
  private static final String[] POOL = {
    "a", "b", "", " a ", "é", "\"q\"", "NaN", "1", "x,y", "tab\there", "☃", "null", "1.0", "Z"
  };

  @TempDir Path tmp;

  /** A random split of a random table: [train, test]. */
  private static Table[] randomSplit(SplittableRandom rng) {
    int n = 20 + rng.nextInt(60);
    int nFeatures = 1 + rng.nextInt(6);
    TaskType task = TaskType.values()[rng.nextInt(3)];
    List<Column> cols = new ArrayList<>();
    for (int j = 0; j < nFeatures; j++) {
      String name = "c" + j;
      if (rng.nextBoolean()) {
        double[] v = new double[n];
        double scale = Math.pow(10, rng.nextInt(-3, 6));
        for (int r = 0; r < n; r++) {
          double u = rng.nextDouble();
          v[r] =
              u < 0.1
                  ? Double.NaN
                  : u < 0.12 ? Double.NEGATIVE_INFINITY : (rng.nextDouble() - 0.3) * scale;
        }
        cols.add(new NumericColumn(name, v));
      } else {
        int k = 1 + rng.nextInt(POOL.length);
        String[] raw = new String[n];
        for (int r = 0; r < n; r++) {
          // skewed: low pool indices are more frequent
          int idx = (int) (k * Math.pow(rng.nextDouble(), 2));
          raw[r] = rng.nextDouble() < 0.1 ? null : POOL[idx];
        }
        cols.add(CategoricalColumn.of(name, raw));
      }
    }
    if (task == TaskType.REGRESSION) {
      double[] y = new double[n];
      for (int r = 0; r < n; r++) {
        y[r] = rng.nextDouble() * 100 - 50;
      }
      cols.add(new NumericColumn("target", y));
    } else {
      String[] classes = task == TaskType.BINARY ? new String[] {"no", "yes"}
          : new String[] {"lo", "mid", "hi", "top"};
      String[] y = new String[n];
      for (int r = 0; r < n; r++) {
        // rows 0..classes-1 hold every class once; the train split always contains them
        y[r] = r < classes.length ? classes[r] : classes[rng.nextInt(classes.length)];
      }
      cols.add(CategoricalColumn.of("target", y));
    }
    List<String> sensitive = rng.nextBoolean() ? List.of("c0") : List.of();
    Table full = new Table(cols, "target", sensitive, task);
    int[] rest = new int[n - 4];
    for (int i = 0; i < rest.length; i++) {
      rest[i] = i + 4;
    }
    Seeds.shuffle(rest, rng);
    int nTrain = rest.length / 2;
    int[] train = new int[nTrain + 4];
    for (int i = 0; i < 4; i++) {
      train[i] = i;
    }
    System.arraycopy(rest, 0, train, 4, nTrain);
    int[] test = java.util.Arrays.copyOfRange(rest, nTrain, rest.length);
    return new Table[] {full.select(train), full.select(test)};
  }

  private static Preprocessor randomOptions(SplittableRandom rng, int nFeatures) {
    List<String> exclude = new ArrayList<>();
    if (nFeatures > 1 && rng.nextInt(4) == 0) {
      exclude.add("c" + rng.nextInt(nFeatures));
    }
    return new Preprocessor(1 + rng.nextInt(6), 1 + rng.nextInt(3), exclude, rng.nextBoolean());
  }

  @Test
  void saveLoadRoundTripGivesIdenticalTransforms() throws IOException {
    java.util.Set<TaskType> tasks = java.util.EnumSet.noneOf(TaskType.class);
    int withOther = 0;
    int withUnseen = 0;
    int withExcluded = 0;
    for (int i = 0; i < CASES; i++) {
      SplittableRandom rng = Seeds.rng(SEED, "preprocess-roundtrip", i);
      Table[] split = randomSplit(rng);
      Preprocessor opts = randomOptions(rng, split[0].columnCount() - 1);
      FittedPreprocessor fitted = opts.fit(split[0]);
      Path dir = tmp.resolve("case" + i);
      fitted.save(dir);
      FittedPreprocessor loaded = FittedPreprocessor.load(dir);
      String ctx = "case " + i + " " + opts;
      tasks.add(fitted.task());
      withOther += fitted.encodings().stream().anyMatch(EncodedColumn::hasOther) ? 1 : 0;
      withUnseen += fitted.transformWithReport(split[1], "t").unseen().isEmpty() ? 0 : 1;
      withExcluded += opts.excludeColumns().isEmpty() ? 0 : 1;

      assertEquals(fitted, loaded, ctx);
      assertEquals(fitted.hashCode(), loaded.hashCode(), ctx);
      assertEquals(fitted.featureNames(), loaded.featureNames(), ctx);
      assertEquals(fitted.featureToInput(), loaded.featureToInput(), ctx);
      assertEquals(fitted.inputSchema(), loaded.inputSchema(), ctx);
      assertEquals(fitted.classLabels(), loaded.classLabels(), ctx);
      for (Table t : split) {
        TransformResult a = fitted.transformWithReport(t, "t");
        TransformResult b = loaded.transformWithReport(t, "t");
        // bit-for-bit equality, NaN included
        assertArrayEquals(a.matrix().data(), b.matrix().data(), ctx);
        assertEquals(a.matrix().featureNames(), b.matrix().featureNames(), ctx);
        assertEquals(a.unseen(), b.unseen(), ctx);
        assertArrayEquals(fitted.labels(t), loaded.labels(t), ctx);
      }
      // saving the loaded copy writes the same bytes
      Path again = tmp.resolve("again" + i);
      loaded.save(again);
      assertEquals(
          Files.readString(dir.resolve(FittedPreprocessor.FILE_NAME)),
          Files.readString(again.resolve(FittedPreprocessor.FILE_NAME)),
          ctx);
    }
    // the generator really exercised the interesting paths
    assertEquals(java.util.EnumSet.allOf(TaskType.class), tasks);
    assertTrue(withOther >= 5, "cases with __other__: " + withOther);
    assertTrue(withUnseen >= 5, "cases with unseen levels: " + withUnseen);
    assertTrue(withExcluded >= 2, "cases with excluded columns: " + withExcluded);
  }

  @Test
  void fileCarriesKindAndFormatVersion() {
    fitted().save(tmp);
    JsonNode root = Json.read(tmp.resolve("preprocessor.json"), JsonNode.class);
    assertEquals("hone-preprocessor", root.get("kind").asText());
    assertEquals(1, root.get("formatVersion").asInt());
    assertEquals(FittedPreprocessor.FORMAT_VERSION, root.get("formatVersion").asInt());
  }

  @Test
  void newerFormatVersionIsRefusedWithAdvice() throws IOException {
    Path file = withField("formatVersion", 2);
    DataValidationException e =
        assertThrows(DataValidationException.class, () -> FittedPreprocessor.load(tmp));
    assertEquals(
        file
            + " has format version 2, newer than this version of Hone can read (1 to 1): upgrade"
            + " Hone to load this model, or retrain it with this version",
        e.getMessage());
  }

  @Test
  void unknownFormatVersionIsRefused() throws IOException {
    withField("formatVersion", 0);
    DataValidationException e =
        assertThrows(DataValidationException.class, () -> FittedPreprocessor.load(tmp));
    assertTrue(e.getMessage().contains("unknown format version 0"), e.getMessage());
    withField("formatVersion", "one");
    e = assertThrows(DataValidationException.class, () -> FittedPreprocessor.load(tmp));
    assertTrue(e.getMessage().contains("no valid integer \"formatVersion\""), e.getMessage());
  }

  @Test
  void wrongKindMissingFileAndGarbageAreClearErrors() throws IOException {
    withField("kind", "something-else");
    DataValidationException e =
        assertThrows(DataValidationException.class, () -> FittedPreprocessor.load(tmp));
    assertTrue(e.getMessage().contains("is not a preprocessor file"), e.getMessage());

    Path empty = tmp.resolve("empty");
    Files.createDirectories(empty);
    e = assertThrows(DataValidationException.class, () -> FittedPreprocessor.load(empty));
    assertTrue(e.getMessage().contains("preprocessor.json does not exist"), e.getMessage());

    Files.writeString(tmp.resolve(FittedPreprocessor.FILE_NAME), "{ not json");
    e = assertThrows(DataValidationException.class, () -> FittedPreprocessor.load(tmp));
    assertTrue(e.getMessage().contains("is not valid JSON"), e.getMessage());
  }

  @Test
  void inconsistentContentIsReportedAsDamaged() throws IOException {
    fitted().save(tmp);
    Path file = tmp.resolve(FittedPreprocessor.FILE_NAME);
    ObjectNode root = (ObjectNode) Json.read(file, JsonNode.class);
    ((com.fasterxml.jackson.databind.node.ArrayNode) root.get("encodings")).remove(0);
    Files.writeString(file, Json.write(root));
    DataValidationException e =
        assertThrows(DataValidationException.class, () -> FittedPreprocessor.load(tmp));
    assertTrue(e.getMessage().contains("is damaged"), e.getMessage());

    fitted().save(tmp);
    root = (ObjectNode) Json.read(file, JsonNode.class);
    ((ObjectNode) root.get("options")).put("maxOneHotLevels", 0);
    Files.writeString(file, Json.write(root));
    e = assertThrows(DataValidationException.class, () -> FittedPreprocessor.load(tmp));
    assertTrue(e.getMessage().contains("is damaged"), e.getMessage());
    assertTrue(e.getMessage().contains("maxOneHotLevels was 0"), e.getMessage());
  }

  private static FittedPreprocessor fitted() {
    return Preprocessor.defaults()
        .fit(
            table(
                "y",
                TaskType.BINARY,
                num("x", 1.0, 2.0, 3.0),
                cat("c", "p", "q", "p"),
                cat("y", "a", "b", "a")));
  }

  private Path withField(String field, Object value) throws IOException {
    fitted().save(tmp);
    Path file = tmp.resolve(FittedPreprocessor.FILE_NAME);
    ObjectNode root = (ObjectNode) Json.read(file, JsonNode.class);
    if (value instanceof Integer v) {
      root.put(field, v);
    } else {
      root.put(field, value.toString());
    }
    Files.writeString(file, Json.write(root));
    return file;
  }
}
