package dev.hone.experiment;

import dev.hone.core.error.HoneException;
import dev.hone.core.json.Json;
import dev.hone.search.fidelity.CalibrationResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fidelity calibrations kept between runs, one JSON file per key in a folder, so that a later
 * {@code --fidelity auto} run on the same data, search space, learner and objective reuses the
 * pilot's decision instead of paying for a new pilot. The key does not include the seed: the
 * decision is about the data and the space, not about one run.
 *
 * <p>Default folder: {@code ${user.home}/.cache/hone/calibration}, next to the dataset cache
 * ({@code ~/.cache/hone/datasets}); the system property {@value #PROPERTY} or the environment
 * variable {@value #ENV} moves it. Files are written atomically (temporary file, then rename); a
 * file that cannot be read is ignored with a warning (a new pilot then runs and replaces it).
 */
final class CalibrationCache {
  private static final Logger LOG = LoggerFactory.getLogger(CalibrationCache.class);
  static final String PROPERTY = "hone.calibration.cache";
  static final String ENV = "HONE_CALIBRATION_CACHE";

  /**
   * One cached calibration. Immutable, JSON-serialisable.
   *
   * @param key SHA-256 (hex) of {@code description}
   * @param description what the key was made from, in words
   * @param createdAt ISO-8601 instant of the pilot
   * @param createdBy the run that made it (study name and seed)
   * @param calibration the calibration table and choice
   */
  record Entry(
      String key, String description, String createdAt, String createdBy,
      CalibrationResult calibration) {}

  private final Path dir;

  CalibrationCache(Path dir) {
    this.dir = dir;
  }

  /** The folder from {@value #PROPERTY}, {@value #ENV}, or the default under the user's home. */
  static CalibrationCache defaultCache() {
    String p = System.getProperty(PROPERTY);
    if (p == null || p.isBlank()) {
      p = System.getenv(ENV);
    }
    if (p != null && !p.isBlank()) {
      return new CalibrationCache(Path.of(p));
    }
    return new CalibrationCache(
        Path.of(System.getProperty("user.home"), ".cache", "hone", "calibration"));
  }

  /** The cache folder. */
  Path dir() {
    return dir;
  }

  /** Hex SHA-256 of {@code description}: the cache key. */
  static String key(String description) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256")
          .digest(description.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h);
    } catch (NoSuchAlgorithmException e) {
      throw new HoneException("SHA-256 unavailable", e);
    }
  }

  /** The entry for {@code description}, if one was stored and can be read. */
  Optional<Entry> find(String description) {
    Path f = dir.resolve(key(description) + ".json");
    if (!Files.isRegularFile(f)) {
      return Optional.empty();
    }
    try {
      Entry e = Json.read(f, Entry.class);
      if (!description.equals(e.description())) {
        return Optional.empty();
      }
      return Optional.of(e);
    } catch (RuntimeException ex) {
      LOG.warn("calibration cache file {} cannot be read ({}); a new pilot runs", f, ex.getMessage());
      return Optional.empty();
    }
  }

  /** Stores an entry (replacing one with the same key); a failure to write only logs a warning. */
  void store(Entry e) {
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, e.key(), ".tmp");
      Files.writeString(tmp, Json.write(e));
      Files.move(tmp, dir.resolve(e.key() + ".json"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException ex) {
      LOG.warn("calibration not cached in {}: {}", dir, ex.getMessage());
    }
  }
}
