package dev.hone.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.core.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hone train --fidelity auto} end to end on breast_cancer: the first run's pilot trials are
 * in the study, a resumed run takes the calibration recorded in the study (no new pilot, no trial
 * re-added), and a run of another study and seed on the same data reuses the cached calibration.
 * Slow (three whole runs with their analyses, 17 s here under load).
 */
@Tag("slow")
class TrainWorkflowFidelityTest {
  private static JsonNode fidelity(Path run) throws Exception {
    return Json.mapper().readTree(Files.readString(run.resolve("metrics.json"))).get("fidelity");
  }

  private static TrainConfig cfg(Path dir, String study, long seed, int trials) {
    return new TrainConfig(
        "breast_cancer", null, null, null, null, null, trials, null, seed,
        dir.resolve("run-" + study + "-" + trials), "jdbc:sqlite:" + dir.resolve("hone.db"), study,
        false, null, "tpe", 1, null, 1, null).withFidelity("auto");
  }

  @Test
  void pilotTrialsResumeAndCachedCalibration(@TempDir Path dir) throws Exception {
    String data = System.getProperty("hone.shared.datasets");
    if (data == null || !Files.isDirectory(Path.of(data))) {
      fail("the shared datasets folder is missing: set -Dhone.shared.datasets (or HONE_DATA_MIRROR)"
          + " to the folder with breast_cancer; was " + data);
    }
    String before = System.getProperty(CalibrationCache.PROPERTY);
    System.setProperty(CalibrationCache.PROPERTY, dir.resolve("cal").toString());
    try {
      new TrainWorkflow().run(cfg(dir, "a", 1, 12), TrainListener.NONE);
      JsonNode first = fidelity(dir.resolve("run-a-12"));
      int pilot = first.get("pilotConfigs").asInt();
      assertTrue(pilot >= 6 && pilot <= 10, "pilot size " + pilot);
      assertTrue(first.get("calibrationSource").asText().startsWith("pilot of this run"));
      try (var files = Files.list(dir.resolve("cal"))) {
        assertEquals(1, files.count(), "one cached calibration");
      }
      // the pilot's configurations are the study's first trials
      String csv = Files.readString(dir.resolve("run-a-12").resolve("trials.csv"));
      assertTrue(csv.lines().count() >= 13, "12 trials and a header:\n" + csv);

      new TrainWorkflow().run(cfg(dir, "a", 1, 14), TrainListener.NONE);
      JsonNode resumed = fidelity(dir.resolve("run-a-14"));
      assertEquals(0, resumed.get("pilotConfigs").asInt());
      assertTrue(resumed.get("calibrationSource").asText().startsWith("recorded in the study"),
          resumed.get("calibrationSource").asText());
      assertEquals(first.get("chosen").asText(), resumed.get("chosen").asText());
      assertEquals(first.get("calibration"), resumed.get("calibration"));
      String csv2 = Files.readString(dir.resolve("run-a-14").resolve("trials.csv"));
      assertEquals(15, csv2.lines().count(), "14 trials in all, pilot not re-added:\n" + csv2);

      new TrainWorkflow().run(cfg(dir, "b", 2, 8), TrainListener.NONE);
      JsonNode other = fidelity(dir.resolve("run-b-8"));
      assertEquals(0, other.get("pilotConfigs").asInt());
      assertTrue(other.get("calibrationSource").asText().startsWith("calibration reused from"),
          other.get("calibrationSource").asText());
      assertTrue(other.get("calibrationSource").asText().contains("study a, seed 1"));
      assertEquals(first.get("calibration"), other.get("calibration"));
    } finally {
      if (before == null) {
        System.clearProperty(CalibrationCache.PROPERTY);
      } else {
        System.setProperty(CalibrationCache.PROPERTY, before);
      }
    }
  }
}
