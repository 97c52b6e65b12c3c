package dev.hone.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.core.json.Json;
import dev.hone.core.model.Model;
import dev.hone.data.image.ImageDataset;
import dev.hone.data.image.ImageReaders;
import dev.hone.eval.MetricValue;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageTrainWorkflowTest {
  static Path datasets() {
    String p = System.getProperty("hone.shared.datasets");
    if (p == null || !Files.isDirectory(Path.of(p, "mnist"))) {
      fail("the shared datasets are missing: pass -Dhone.shared.datasets=DIR (surefire sets it); "
          + "got " + p);
    }
    return Path.of(p);
  }

  /**
   * A user error after the output folder was checked (a damaged image; a resolution too small for
   * the images) leaves no folder behind when the run created it, and keeps one that existed.
   */
  @Test
  void aUserErrorLeavesNoOutputFolderItCreated(@TempDir Path tmp) throws Exception {
    Path data = tmp.resolve("imgs");
    Files.createDirectories(data.resolve("a"));
    Files.writeString(data.resolve("a/broken.png"), "not a png");
    Path out = tmp.resolve("runs/new");
    ImageTrainConfig damaged = new ImageTrainConfig(data, 1, 0, 0, 1, null, 0, out, 1, 1, 1, 1);
    assertThrows(dev.hone.core.error.UserInputException.class,
        () -> new ImageTrainWorkflow().run(damaged));
    assertFalse(Files.exists(out), "no folder left behind");
    Path digits = datasets().resolve("sklearn_small/digits.csv.gz");
    ImageTrainConfig tiny = new ImageTrainConfig(digits, 1, 0, 0, 1, null, 0, out, 1, 1, 1, 1,
        "resolution:0.1", "default");
    assertThrows(dev.hone.core.error.UserInputException.class,
        () -> new ImageTrainWorkflow().run(tiny));
    assertFalse(Files.exists(out), "no folder left behind");
    Files.createDirectories(out);
    assertThrows(dev.hone.core.error.UserInputException.class,
        () -> new ImageTrainWorkflow().run(damaged));
    assertTrue(Files.isDirectory(out), "a folder that existed is kept");
  }

  /**
   * Small and quick: the first 600 of scikit-learn's 8x8 digits written as PNG files into one
   * folder per class (so the folder reader runs end to end), 2 search trials of 1 epoch, a final
   * fit of up to 8 epochs.
   */
  @Test
  void folderOfDigitsEndToEnd(@TempDir Path tmp) throws Exception {
    ImageDataset all =
        ImageReaders.readDigitsCsv(datasets().resolve("sklearn_small/digits.csv.gz"));
    ImageDataset small = all.select(java.util.stream.IntStream.range(0, 600).toArray());
    Path data = tmp.resolve("digits");
    for (int i = 0; i < small.n(); i++) {
      BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
      for (int y = 0; y < 8; y++) {
        for (int x = 0; x < 8; x++) {
          int v = Math.round(small.pixel(i, 0, y, x) * 255f);
          img.setRGB(x, y, 0xFF000000 | v << 16 | v << 8 | v);
        }
      }
      Path f = data.resolve("digit" + small.labels()[i]).resolve(String.format("%04d.png", i));
      Files.createDirectories(f.getParent());
      ImageIO.write(img, "png", f.toFile());
    }
    Path out = tmp.resolve("out");
    ImageTrainConfig cfg = new ImageTrainConfig(data, 1, 0, 0, 2, null, 3, out, 2, 1, 8, 2);
    ImageTrainResult r = new ImageTrainWorkflow().run(cfg);
    assertEquals(600, r.images());
    assertEquals(2, r.trials().size());
    assertEquals(600, r.splitSizes().values().stream().mapToInt(i -> i).sum());
    assertEquals("digit0", r.classNames().get(0));
    // 8x8 cannot be halved and keep 7 pixels a side: the search ran at full resolution
    assertEquals(8, r.searchShape().get(1));
    MetricValue acc = r.metric("accuracy");
    assertTrue(acc.value() > 0.6, "accuracy " + acc.value() + " (chance is 0.1)");
    assertTrue(acc.ciLower() <= acc.value() && acc.value() <= acc.ciUpper());
    JsonNode metrics = Json.mapper().readTree(out.resolve("metrics.json").toFile());
    assertEquals(600, metrics.get("images").asInt());
    assertTrue(Files.readString(out.resolve("report.html")).contains("accuracy"));
    checkRobustness(metrics.get("robustness"), r, Files.readString(out.resolve("report.html")));
    // the saved model reloads with the cnn learner and predicts what was evaluated
    try (Model m = Learners.byName("cnn").load(out.resolve("model"))) {
      var p = m.predict(small.toFeatureMatrix());
      assertEquals(600, p.size());
      int ok = 0;
      for (int i = 0; i < small.n(); i++) {
        ok += p.predictedClasses()[i] == small.labels()[i] ? 1 : 0;
      }
      assertTrue(ok / 600.0 > 0.6);
      assertArrayEquals(
          Json.mapper().readValue(out.resolve("model/classes.json").toFile(), String[].class),
          r.classNames().toArray(String[]::new));
    }
  }

  /**
   * The robustness section: every one of the 120 test images attacked (fewer than {@link
   * ImageRobustness#ROWS}), so accuracy at ε = 0 must equal the evaluator's test accuracy; PGD is
   * at most FGSM at every ε; FGSM at ε = 0.3 lowers accuracy.
   */
  private static void checkRobustness(JsonNode rob, ImageTrainResult r, String html) {
    assertTrue(rob != null && !rob.isNull(), "metrics.json has no robustness section");
    assertEquals(120, rob.get("rowsAttacked").asInt());
    assertEquals(120, r.robustness().rowsAttacked());
    JsonNode curves = rob.get("curves");
    assertEquals(2, curves.size());
    JsonNode fgsm = curves.get(0).get("points");
    JsonNode pgd = curves.get(1).get("points");
    assertEquals(ImageRobustness.EPS_GRID.length, fgsm.size());
    double clean = r.metric("accuracy").value();
    assertEquals(clean, fgsm.get(0).get("accuracy").asDouble(), 1e-12);
    assertEquals(clean, pgd.get(0).get("accuracy").asDouble(), 1e-12);
    for (int i = 0; i < fgsm.size(); i++) {
      assertTrue(pgd.get(i).get("accuracy").asDouble() <= fgsm.get(i).get("accuracy").asDouble(),
          "PGD weaker than FGSM at eps " + fgsm.get(i).get("eps"));
    }
    assertTrue(fgsm.get(fgsm.size() - 1).get("accuracy").asDouble() < clean - 0.1,
        "FGSM at 0.3 barely changes accuracy: the attack does nothing");
    assertTrue(html.contains("pgd") && html.contains("fgsm"), "report.html lacks the attacks");
  }

  /**
   * The acceptance run of bench/RESULTS.md: MNIST's 10,000 test images split 70/10/20, 3 trials of
   * 1 epoch at 14x14, refit for up to 3 epochs; at least 97% test accuracy. Minutes of CPU, so tagged slow (see bench/RESULTS.md for the timing).
   */
  @Test
  @Tag("slow")
  void mnistReaches97Percent(@TempDir Path out) {
    ImageTrainConfig cfg =
        new ImageTrainConfig(datasets().resolve("mnist"), 1, 0, 0, 3, null, 0, out, 2, 1, 3, 2);
    ImageTrainResult r = new ImageTrainWorkflow().run(cfg);
    assertEquals(2000, r.splitSizes().get("test"));
    assertEquals(14, r.searchShape().get(1));
    assertTrue(r.metric("accuracy").value() >= 0.97, "accuracy " + r.metric("accuracy"));
  }
}
