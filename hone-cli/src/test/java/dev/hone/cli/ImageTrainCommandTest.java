package dev.hone.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hone train --task image}: user errors reach the terminal as one clear line. */
class ImageTrainCommandTest {
  private static void assertUserError(CliRunner.Result r, String... fragments) {
    assertEquals(2, r.exitCode(), r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    for (String f : fragments) {
      assertTrue(r.err().contains(f), "message should mention '" + f + "': " + r.err());
    }
  }

  @Test
  void imageTaskNeedsData(@TempDir Path out) {
    assertUserError(CliRunner.run("train", "--task", "image", "--out", out.toString()),
        "--task image needs --data");
  }

  @Test
  void emptyClassFolderIsNamed(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("data/cat"));
    Files.createDirectories(dir.resolve("data/dog"));
    assertUserError(
        CliRunner.run("train", "--task", "image", "--data", dir.resolve("data").toString(),
            "--out", dir.resolve("out").toString()),
        "class folder", "holds no image");
  }

  @Test
  void badImageSizeIsExplained(@TempDir Path dir) {
    assertUserError(
        CliRunner.run("train", "--task", "image", "--data", dir.toString(), "--image-size", "28",
            "--out", dir.resolve("out").toString()),
        "--image-size", "WIDTHxHEIGHT");
  }
}
