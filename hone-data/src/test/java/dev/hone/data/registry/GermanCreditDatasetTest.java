package dev.hone.data.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.core.data.CategoricalColumn;
import dev.hone.core.data.TaskType;
import dev.hone.core.error.UserInputException;
import dev.hone.data.PreparedTable;
import dev.hone.data.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * german_credit resolves offline from the mirror and reads with the documented counts. Oracle:
 * the original space-separated {@code german.data} (not the derived CSV the registry reads),
 * parsed here token by token: column 21 holds 1 (good) or 2 (bad), attribute 9 codes A92/A95 are
 * female, the rest male.
 */
class GermanCreditDatasetTest {
  @TempDir Path cache;

  @Test
  void loadsOfflineWithTheOriginalFilesCounts() throws Exception {
    Path mirror = TestData.sharedDatasets();
    DatasetRegistry reg =
        new DatasetRegistry(cache, mirror, DatasetRegistry.builtIn(), false, Duration.ofSeconds(1));
    ResolvedDataset d = reg.resolve("german_credit");
    assertEquals(ResolvedFile.Origin.MIRROR, d.train().origin());

    Map<String, Integer> labels = new TreeMap<>();
    Map<String, Integer> sex = new TreeMap<>();
    List<String> lines = Files.readAllLines(mirror.resolve("german_credit/german.data"));
    for (String line : lines) {
      String[] tok = line.trim().split(" +");
      assertEquals(21, tok.length, line);
      labels.merge(tok[20], 1, Integer::sum);
      sex.merge(tok[8].equals("A92") || tok[8].equals("A95") ? "female" : "male", 1,
          Integer::sum);
    }
    assertEquals(Map.of("1", 700, "2", 300), labels);

    PreparedTable p = d.prepareTrain();
    assertEquals(1000, p.table().rowCount());
    assertEquals(TaskType.BINARY, p.task());
    // labels sort, so class index 1 (the positive class) is "2" = bad credit risk
    assertEquals(List.of("1", "2"), p.classLabels());
    int positives = 0;
    for (int c : p.classCodes()) {
      positives += c;
    }
    assertEquals(labels.get("2"), positives);
    assertEquals(List.of("sex"), p.table().sensitive());
    CategoricalColumn s = (CategoricalColumn) p.table().column("sex");
    Map<String, Integer> got = new TreeMap<>();
    for (int i = 0; i < s.size(); i++) {
      got.merge(s.get(i), 1, Integer::sum);
    }
    assertEquals(sex, got);
  }

  @Test
  void withoutCacheOrMirrorTheErrorSaysWhereToPutTheFile(@TempDir Path emptyMirror) {
    DatasetRegistry reg =
        new DatasetRegistry(cache, emptyMirror, DatasetRegistry.builtIn(), true,
            Duration.ofSeconds(1));
    UserInputException e = assertThrows(UserInputException.class,
        () -> reg.resolve("german_credit"));
    assertTrue(e.getMessage().contains("german_credit_named.csv"), e.getMessage());
    assertTrue(e.getMessage().contains("no public download address"), e.getMessage());
    assertTrue(e.getMessage().contains(DatasetRegistry.MIRROR_ENV), e.getMessage());
  }
}
