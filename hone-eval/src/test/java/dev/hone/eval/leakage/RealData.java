package dev.hone.eval.leakage;

import static org.junit.jupiter.api.Assertions.fail;

import dev.hone.core.data.Table;
import dev.hone.core.random.Seeds;
import dev.hone.data.PreparedTable;
import dev.hone.data.registry.DatasetRegistry;
import dev.hone.data.registry.ResolvedDataset;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The shared real datasets, read through hone-data's registry (mirror only, verified hashes, no
 * download). Located by the system property {@code hone.shared.datasets}; a missing mirror fails
 * the calling test with a message, it never skips.
 */
final class RealData {
  private static final Map<String, PreparedTable[]> CACHE = new HashMap<>();

  private RealData() {}

  static Path root() {
    String p = System.getProperty("hone.shared.datasets");
    if (p == null || p.isBlank()) {
      fail("system property hone.shared.datasets is not set; run the tests through Maven"
          + " (surefire sets it) or pass -Dhone.shared.datasets=/path/to/shared/datasets");
    }
    Path dir = Path.of(p);
    if (!Files.isDirectory(dir.resolve("adult"))) {
      fail("hone.shared.datasets=" + p + " does not hold the shared datasets (no adult/ folder);"
          + " pass -Dhone.shared.datasets=/path/to/shared/datasets");
    }
    return dir;
  }

  /** {@code [train file, test file or null]}, prepared with the registered target and task. */
  static synchronized PreparedTable[] load(String name) {
    return CACHE.computeIfAbsent(name, n -> {
      try {
        Path cache = Files.createTempDirectory("hone-eval-test-cache");
        DatasetRegistry reg = new DatasetRegistry(
            cache, root(), DatasetRegistry.builtIn(), false, Duration.ofSeconds(5));
        ResolvedDataset d = reg.resolve(n);
        PreparedTable train = d.prepareTrain();
        PreparedTable test = d.prepareTest(train).orElse(null);
        return new PreparedTable[] {train, test};
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  static Table table(String name) {
    return load(name)[0].table();
  }

  /** A seeded random split: {@code [train, holdout]}, each in original row order. */
  static Table[] split(Table t, double trainFraction, long seed) {
    int n = t.rowCount();
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    Seeds.shuffle(idx, Seeds.rng(seed, "test-split", 0));
    int cut = (int) Math.round(trainFraction * n);
    int[] a = Arrays.copyOfRange(idx, 0, cut);
    int[] b = Arrays.copyOfRange(idx, cut, n);
    Arrays.sort(a);
    Arrays.sort(b);
    return new Table[] {t.select(a), t.select(b)};
  }
}
