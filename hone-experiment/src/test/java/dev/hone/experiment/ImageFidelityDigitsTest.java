package dev.hone.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.core.data.TaskType;
import dev.hone.core.json.Json;
import dev.hone.core.model.Learner;
import dev.hone.core.random.Seeds;
import dev.hone.data.image.ImageDataset;
import dev.hone.data.image.ImageOps;
import dev.hone.data.image.ImageReaders;
import dev.hone.data.split.SplitIndices;
import dev.hone.search.fidelity.CalibrationResult;
import dev.hone.search.fidelity.CalibrationRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Image resolution as a calibrated fidelity on scikit-learn's digits (8x8): the pilot calibrates
 * resolution 1/2 (4x4; 1/4 would leave 2 pixels, below {@link ImageFidelitySearch#AUTO_MIN_SIDE})
 * and epochs 1/2 against full resolution, then ASHA runs the search.
 *
 * <p>Oracles: which pilot configurations can be trained on 4x4 images is worked out independently
 * from the architecture (three 2x2 poolings take 4 pixels to 0: {@code 4 >> 3 == 0}); the trust
 * rule (ρ ≥ 0.6 over ≥ 5 configurations, cheapest trusted chosen) is re-applied to the reported
 * rows; ρ and τ themselves are {@code RankCorrelation}'s, checked against scipy in hone-search.
 * Rung counts must add up (reached = pruned + promoted; a trial reaching a rung above the lowest
 * was promoted past the rung below or skipped it).
 */
class ImageFidelityDigitsTest {
  /** The pilot alone, on all 1,797 digits split 70/10/20 (seed 0), 2 epochs per fit, 1 thread. */
  @Test
  void pilotCalibratesHalfResolutionAndEpochsOnDigits() {
    ImageDataset all =
        ImageReaders.readDigitsCsv(
            ImageTrainWorkflowTest.datasets().resolve("sklearn_small/digits.csv.gz"));
    SplitIndices split = ImageOps.stratifiedSplit(all, 0.7, 0.1, 0.2, 0);
    ImageDataset train = all.select(split.train());
    ImageDataset valid = all.select(split.validation());
    Learner cnn = Learners.byName("cnn");
    ImageSearchSpace space = ImageSearchSpace.of("nas", cnn.paramSpecs());
    ImageFidelitySearch.Fitter fits =
        ImageFidelitySearch.forImages(cnn, space, train, valid, TaskType.MULTICLASS, 0, 1, 2);
    ImageFidelitySearch plan =
        ImageFidelitySearch.plan(ImageFidelitySearch.parse("auto"), fits, space, 2, train.n(), 8,
            0, ImageFidelitySearch.DEFAULT_PILOT_CONFIGS);
    CalibrationResult cal = plan.summary(List.of()).calibration();
    assertEquals(ImageFidelitySearch.DEFAULT_PILOT_CONFIGS, cal.nConfigs());
    assertEquals(train.n(), plan.pilotImages()); // 1257 < 2000: all of them
    Map<String, CalibrationRow> rows = new HashMap<>();
    for (CalibrationRow row : cal.rows()) {
      rows.put(row.fidelity(), row);
    }
    assertEquals(Set.of("resolution:0.5", "epochs:0.5", "resolution:0.5+epochs:0.5"),
        rows.keySet());
    assertEquals(0.25, rows.get("resolution:0.5").nominalCost(), 1e-12);
    assertEquals(0.125, rows.get("resolution:0.5+epochs:0.5").nominalCost(), 1e-12);

    // which configurations fit 4x4 images, from the seeded pilot draws
    int fit4 = 0;
    for (int i = 0; i < cal.nConfigs(); i++) {
      Map<String, Object> c = space.sample(Seeds.rng(0, "fidelity.pilot", i));
      long blocks = ((Number) c.get("conv_blocks")).longValue();
      boolean pools = !"none".equals(c.get("pooling"));
      fit4 += pools && (4 >> blocks) < 1 ? 0 : 1;
    }
    assertTrue(fit4 < cal.nConfigs(), "the seeded draws include an architecture too deep for 4x4");
    assertEquals(fit4, rows.get("resolution:0.5").nConfigs());
    assertEquals(fit4, rows.get("resolution:0.5+epochs:0.5").nConfigs());
    assertEquals(cal.nConfigs(), rows.get("epochs:0.5").nConfigs());

    // the trust rule, re-applied; the chosen row is the cheapest trusted one
    String expected = "full";
    double cheapest = Double.POSITIVE_INFINITY;
    for (CalibrationRow row : cal.rows()) {
      boolean trusted = row.nConfigs() >= 5 && row.spearman() >= 0.6;
      assertEquals(trusted, row.trusted(), row.toString());
      assertTrue(row.spearmanLow() <= row.spearman() && row.spearman() <= row.spearmanHigh());
      if (trusted && row.costFraction() < cheapest) {
        cheapest = row.costFraction();
        expected = row.fidelity();
      }
    }
    assertEquals(expected, cal.chosen());
    assertEquals(expected, ImageFidelitySearch.epochsLabel(plan.chosen().toString()));
    // half resolution ranks these configurations like full resolution
    assertTrue(rows.get("resolution:0.5").spearman() >= 0.6, rows.get("resolution:0.5").toString());
  }

  /**
   * The whole command with the defaults ({@code --fidelity auto}, {@code --space nas}) on the
   * first 600 digits: the {@code fidelity} section reaches metrics.json and the report, and the
   * counts add up.
   */
  @Test
  void trainWithAutoFidelityAndNasSpaceOnDigits(@TempDir Path tmp) throws Exception {
    Path data = tmp.resolve("digits600.csv.gz");
    try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(
            new java.util.zip.GZIPInputStream(Files.newInputStream(
                ImageTrainWorkflowTest.datasets().resolve("sklearn_small/digits.csv.gz")))));
        var w = new java.io.PrintWriter(new java.util.zip.GZIPOutputStream(
            Files.newOutputStream(data)))) {
      for (int i = 0; i < 600; i++) {
        w.println(in.readLine());
      }
    }
    Path out = tmp.resolve("out");
    ImageTrainConfig cfg =
        new ImageTrainConfig(data, 1, 0, 0, 5, null, 0, out, 1, 1, 2, 2, null, null);
    assertEquals("auto", cfg.fidelity());
    assertEquals("nas", cfg.space());
    ImageTrainResult r = new ImageTrainWorkflow().run(cfg);
    assertEquals("nas", r.space());
    FidelitySummary f = r.fidelity();
    assertNotNull(f);
    assertEquals("auto", f.setting());
    // one search epoch: no epoch candidate, only resolution 0.5
    assertEquals(1, f.calibration().rows().size());
    assertEquals("resolution:0.5", f.calibration().rows().get(0).fidelity());
    assertEquals(5, r.trials().size());
    long pruned = r.trials().stream().filter(t -> t.state().equals("PRUNED")).count();
    long complete = r.trials().stream().filter(t -> t.state().equals("COMPLETE")).count();
    assertEquals(pruned, f.prunedTrials());
    assertEquals(complete, f.completeTrials());
    assertEquals(5, pruned + complete);
    int promotions = 0;
    for (FidelitySummary.Rung rung : f.rungs()) {
      assertEquals(rung.reached(), rung.pruned() + rung.promoted());
      promotions += rung.promoted();
    }
    assertEquals(promotions, f.promotions());
    assertEquals(f.chosen().equals("full") ? 0 : 1, f.rungs().size());
    // trial 0 is the learner's defaults: first at its rung, so never pruned
    assertEquals("COMPLETE", r.trials().get(0).state());
    for (ImageTrainResult.TrialSummary t : r.trials()) {
      if ("none".equals(t.params().get("head"))) {
        assertFalse(t.params().containsKey("dense_width"), t.params().toString());
      }
    }
    assertTrue(r.metric("accuracy").value() > 0.5, "accuracy " + r.metric("accuracy").value());
    JsonNode metrics = Json.mapper().readTree(out.resolve("metrics.json").toFile());
    assertEquals(f.chosen(), metrics.get("fidelity").get("chosen").asText());
    assertEquals("resolution:0.5",
        metrics.get("fidelity").get("calibration").get("rows").get(0).get("fidelity").asText());
    assertEquals("nas", metrics.get("space").asText());
    String html = Files.readString(out.resolve("report.html"));
    assertTrue(html.contains("Low-fidelity search") && html.contains("resolution:0.5"),
        "report.html lacks the calibration table");
  }
}
