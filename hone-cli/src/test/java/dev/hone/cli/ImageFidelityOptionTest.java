package dev.hone.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.core.error.UserInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hone train --task image --fidelity/--space/--search-downscale}: bad values end with exit
 * code 2 and one line naming the option and the accepted values, before any image is read.
 */
class ImageFidelityOptionTest {
  @TempDir Path dir;

  private CliRunner.Result train(String... extra) {
    List<String> args =
        new ArrayList<>(List.of("train", "--task", "image", "--data", dir.toString(), "--out",
            dir.resolve("out").toString()));
    args.addAll(List.of(extra));
    return CliRunner.run(args.toArray(String[]::new));
  }

  private static void assertUserError(CliRunner.Result r, String... fragments) {
    assertEquals(2, r.exitCode(), r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    for (String f : fragments) {
      assertTrue(r.err().contains(f), "message should mention '" + f + "': " + r.err());
    }
  }

  @Test
  void tableFidelitiesAreRefusedForImages() {
    assertUserError(train("--fidelity", "rows:0.5"), "--fidelity 'rows:0.5'", "resolution:F");
    assertUserError(train("--fidelity", "features:0.5+resolution:0.5"), "resolution:F");
  }

  @Test
  void malformedFidelitiesAreExplained() {
    assertUserError(train("--fidelity", "resolution:1.5"), "--fidelity", "(0, 1]");
    assertUserError(train("--fidelity", "resolution:half"), "--fidelity", "not a number");
    assertUserError(train("--fidelity", "sharp"), "--fidelity 'sharp'", "auto, none, full");
  }

  @Test
  void unknownSpaceIsNamed() {
    assertUserError(train("--space", "huge"), "--space was 'huge'", "[nas, default]");
  }

  @Test
  void searchDownscaleConflictsWithAChosenFidelity() {
    assertUserError(train("--search-downscale", "2", "--fidelity", "auto"),
        "--search-downscale 2", "--fidelity none");
    assertUserError(train("--search-downscale", "0", "--fidelity", "none"),
        "--search-downscale was 0");
    assertTrue(Files.notExists(dir.resolve("out/metrics.json")));
  }

  @Test
  void fidelityDefaultsAndTheOldSearchDownscale() {
    assertEquals("auto", ImageOptions.imageFidelity(null, null));
    assertEquals("none", ImageOptions.imageFidelity(null, 2));
    assertEquals("none", ImageOptions.imageFidelity("None", 4));
    assertEquals("resolution:0.5", ImageOptions.imageFidelity("resolution:0.5", null));
    assertThrows(UserInputException.class, () -> ImageOptions.imageFidelity("full", 2));
  }

  @Test
  void optionsOfTheOtherKindOfTrainingAreRefusedNotIgnored() {
    for (String[] extra : List.of(new String[] {"--families", "all"},
        new String[] {"--pruner", "median"}, new String[] {"--sensitive", "sex"},
        new String[] {"--no-header"}, new String[] {"--header"}, new String[] {"--jobs", "2"})) {
      CliRunner.Result r = train(extra);
      String name = extra[0].endsWith("header") ? "--header/--no-header" : extra[0];
      assertUserError(r, name + " does not apply to --task image", "drop it");
      assertFalse(java.nio.file.Files.exists(dir.resolve("out")));
    }
    for (String[] extra : List.of(new String[] {"--space", "nas"},
        new String[] {"--search-downscale", "2"}, new String[] {"--rgb"},
        new String[] {"--epochs", "3"})) {
      List<String> args = new ArrayList<>(List.of("train", "--dataset", "iris", "--out",
          dir.resolve("tab").toString()));
      args.addAll(List.of(extra));
      CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
      assertUserError(r, extra[0] + " does not apply to table training", "--task image");
      assertFalse(java.nio.file.Files.exists(dir.resolve("tab")));
    }
  }
}
