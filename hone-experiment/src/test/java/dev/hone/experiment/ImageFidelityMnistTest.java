package dev.hone.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.search.fidelity.CalibrationRow;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MNIST acceptance run with the defaults ({@code --fidelity auto --space nas}) of
 * bench/RESULTS.md: 3 trials of 1 epoch, refit for up to 3 epochs, at least 97% test accuracy; the
 * pilot calibrates 14x14 and 7x7 against 28x28. Minutes of CPU, so tagged slow.
 */
class ImageFidelityMnistTest {
  @Test
  @Tag("slow")
  void mnistWithTheDefaultsReaches97Percent(@TempDir Path out) {
    ImageTrainConfig cfg =
        new ImageTrainConfig(ImageTrainWorkflowTest.datasets().resolve("mnist"), 1, 0, 0, 3, null,
            0, out, 2, 1, 3, 2, null, null);
    ImageTrainResult r = new ImageTrainWorkflow().run(cfg);
    assertEquals(2000, r.splitSizes().get("test"));
    assertEquals(2000, r.pilotImages());
    assertEquals(2, r.fidelity().calibration().rows().size());
    for (CalibrationRow row : r.fidelity().calibration().rows()) {
      assertTrue(row.fidelity().equals("resolution:0.25") || row.fidelity().equals("resolution:0.5"),
          row.fidelity());
    }
    assertEquals(3, r.fidelity().completeTrials() + r.fidelity().prunedTrials());
    assertTrue(r.metric("accuracy").value() >= 0.97, "accuracy " + r.metric("accuracy"));
  }
}
