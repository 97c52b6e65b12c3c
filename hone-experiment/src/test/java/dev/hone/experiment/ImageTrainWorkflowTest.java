package dev.hone.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.core.json.Json;
import dev.hone.core.model.Model;
import dev.hone.data.image.ImageDataset;
import dev.hone.data.image.ImageReaders;
import dev.hone.eval.MetricValue;
import java.nio.file.Files;
import java.nio.file.Path;
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

  /** Small and quick: 8x8 digits, 2 trials of 1 epoch, final fit of 3 epochs. */
  @Test
  void digitsEndToEnd(@TempDir Path out) throws Exception {
    Path data = datasets().resolve("sklearn_small/digits.csv.gz");
    ImageTrainConfig cfg =
        new ImageTrainConfig(data, 1, 0, 0, 2, null, 3, out, 2, 1, 3, 2);
    ImageTrainResult r = new ImageTrainWorkflow().run(cfg);
    assertEquals(1797, r.images());
    assertEquals(2, r.trials().size());
    assertEquals(1258 + 180 + 359, r.splitSizes().values().stream().mapToInt(i -> i).sum());
    // 8x8 cannot be halved and keep 7 pixels a side: the search ran at full resolution
    assertEquals(8, r.searchShape().get(1));
    MetricValue acc = r.metric("accuracy");
    assertTrue(acc.value() > 0.8, "accuracy " + acc.value());
    assertTrue(acc.ciLower() <= acc.value() && acc.value() <= acc.ciUpper());
    JsonNode metrics = Json.mapper().readTree(out.resolve("metrics.json").toFile());
    assertEquals(acc.value(), metrics.at("/testMetrics").findValue("value").asDouble(), 1.0);
    assertTrue(Files.readString(out.resolve("report.html")).contains("accuracy"));
    // the saved model reloads with the cnn learner and predicts what was evaluated
    ImageDataset all = ImageReaders.readDigitsCsv(data);
    try (Model m = Learners.byName("cnn").load(out.resolve("model"))) {
      var p = m.predict(all.toFeatureMatrix());
      assertEquals(1797, p.size());
      int ok = 0;
      for (int i = 0; i < all.n(); i++) {
        ok += p.predictedClasses()[i] == all.labels()[i] ? 1 : 0;
      }
      assertTrue(ok / 1797.0 > 0.8);
      assertArrayEquals(
          Json.mapper().readValue(out.resolve("model/classes.json").toFile(), String[].class),
          all.classNames().toArray(String[]::new));
    }
  }

  /**
   * The acceptance run: MNIST's 10,000 test images split 70/10/20, default search; at least 97%
   * test accuracy. Minutes of CPU, so tagged slow (see bench/RESULTS.md for the timing).
   */
  @Test
  @Tag("slow")
  void mnistReaches97Percent(@TempDir Path out) {
    ImageTrainConfig cfg =
        new ImageTrainConfig(datasets().resolve("mnist"), 1, 0, 0, 4, null, 0, out, 2, 2, 8, 2);
    ImageTrainResult r = new ImageTrainWorkflow().run(cfg);
    assertEquals(2000, r.splitSizes().get("test"));
    assertEquals(14, r.searchShape().get(1));
    assertTrue(r.metric("accuracy").value() >= 0.97, "accuracy " + r.metric("accuracy"));
  }
}
