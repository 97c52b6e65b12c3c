package dev.hone.fairness;

import static org.junit.jupiter.api.Assertions.fail;

import dev.hone.core.data.Table;
import dev.hone.data.registry.DatasetRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Reads registered datasets from the shared mirror (no downloads). */
final class SharedData {
  private SharedData() {}

  /**
   * The shared dataset folder from {@code hone.shared.datasets} (or env {@code HONE_DATA_MIRROR});
   * fails the calling test with a clear message, never skips it, when missing.
   */
  static Path mirror() {
    String p = System.getProperty("hone.shared.datasets");
    if (p == null || p.isBlank()) {
      p = System.getenv("HONE_DATA_MIRROR");
    }
    if (p == null || p.isBlank()) {
      fail("system property hone.shared.datasets is not set; run the tests through Maven (surefire"
          + " sets it) or pass -Dhone.shared.datasets=/path/to/shared/datasets");
    }
    Path dir = Path.of(p);
    if (!Files.isDirectory(dir.resolve("adult"))) {
      fail("hone.shared.datasets=" + p + " does not hold the shared datasets (no adult/ folder)");
    }
    return dir;
  }

  /** The raw training table of a registered dataset, from the mirror only. */
  static Table read(String name) {
    try {
      Path cache = Files.createTempDirectory("hone-fairness-cache");
      DatasetRegistry reg =
          new DatasetRegistry(cache, mirror(), DatasetRegistry.builtIn(), false,
              Duration.ofSeconds(1));
      return reg.resolve(name).readTrain();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
