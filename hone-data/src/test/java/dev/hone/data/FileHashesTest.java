package dev.hone.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.core.error.DataValidationException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileHashesTest {
  @TempDir Path dir;

  @Test
  void fipsTestVectors() {
    // FIPS 180-2, Appendix B.1 ("abc") and the empty message
    assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        FileHashes.sha256(TestData.write(dir, "abc", "abc")));
    assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        FileHashes.sha256(TestData.write(dir, "empty", "")));
  }

  @Test
  void matchesThePublishedHashOfAMirrorFile() {
    // sha256 from shared/datasets/sklearn_small/README.md
    assertEquals("f13ffa8fdd56fd8e6c8d16d4081a3fbd3114bcd0aae4256c43205169cd9d1449",
        FileHashes.sha256(TestData.sharedDatasets().resolve("sklearn_small/iris.csv")));
  }

  @Test
  void missingFile() {
    Path f = dir.resolve("absent");
    DataValidationException e =
        assertThrows(DataValidationException.class, () -> FileHashes.sha256(f));
    assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
  }
}
