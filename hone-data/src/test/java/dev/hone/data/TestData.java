package dev.hone.data;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.zip.GZIPOutputStream;

/** Shared helpers for the hone-data tests. */
public final class TestData {
  private TestData() {}

  /**
   * The shared dataset mirror, from the system property {@code hone.shared.datasets}; fails the
   * calling test (never skips it) when the property or the folder is missing.
   */
  public static Path sharedDatasets() {
    String p = System.getProperty("hone.shared.datasets");
    if (p == null || p.isBlank()) {
      fail("system property hone.shared.datasets is not set; run the tests through Maven"
          + " (surefire sets it) or pass -Dhone.shared.datasets=/path/to/shared/datasets");
    }
    Path dir = Path.of(p);
    if (!Files.isDirectory(dir.resolve("adult"))) {
      fail("hone.shared.datasets=" + p + " does not hold the shared datasets (no adult/ folder)");
    }
    return dir;
  }

  /** reference.properties written by make_reference.py. */
  public static Properties reference() {
    Properties props = new Properties();
    try (InputStream in = TestData.class.getResourceAsStream("reference.properties")) {
      if (in == null) {
        fail("reference.properties is missing; run make_reference.py");
      }
      props.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return props;
  }

  public static Path write(Path dir, String name, String content) {
    try {
      Path p = dir.resolve(name);
      Files.writeString(p, content, StandardCharsets.UTF_8);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Path writeGzip(Path dir, String name, String content) {
    Path p = dir.resolve(name);
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
      out.write(content.getBytes(StandardCharsets.UTF_8));
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
