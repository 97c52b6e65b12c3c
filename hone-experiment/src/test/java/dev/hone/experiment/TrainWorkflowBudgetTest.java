package dev.hone.experiment;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hone train --time-budget} bounds the whole run, not just the search: with far more trials
 * than the budget allows, the workflow (loading, search, refit, test evaluation, the analyses that
 * fit, writing) must return within the budget plus 5%. A behaviour check, not a speed benchmark:
 * the budget (30 s) is large against one trial on breast_cancer (569 rows), so a loaded machine
 * slows the run but the deadline arithmetic still has to hold. Slow (about 30 s).
 */
@Tag("slow")
class TrainWorkflowBudgetTest {
  static final Duration BUDGET = Duration.ofSeconds(30);

  @Test
  void theWholeRunEndsWithinTheBudgetPlusFivePercent(@TempDir Path dir) throws Exception {
    String data = System.getProperty("hone.shared.datasets");
    if (data == null || !Files.isDirectory(Path.of(data))) {
      fail("the shared datasets folder is missing: set -Dhone.shared.datasets (or HONE_DATA_MIRROR)"
          + " to the folder with breast_cancer; was " + data);
    }
    TrainConfig cfg = new TrainConfig(
        "breast_cancer", null, null, null, null, null, 100_000, BUDGET, 3, dir.resolve("run"),
        "jdbc:sqlite:" + dir.resolve("hone.db"), null, false, null, "tpe", 1, null, 1, null);
    long t0 = System.nanoTime();
    TrainResult r = new TrainWorkflow().run(cfg, TrainListener.NONE);
    double wall = (System.nanoTime() - t0) / 1e9;
    assertTrue(wall <= BUDGET.toSeconds() * 1.05,
        "the run took " + wall + " s against a budget of " + BUDGET.toSeconds() + " s + 5%;"
            + " warnings: " + r.warnings());
    assertTrue(r.warnings().stream().anyMatch(w -> w.startsWith("the search stopped early")),
        r.warnings().toString());
    String metrics = Files.readString(dir.resolve("run").resolve("metrics.json"));
    assertTrue(metrics.contains("the search stopped early"), "warnings reach metrics.json");
    // the refit either ran or gave way to the best trial's own model, and metrics.json says which
    assertTrue(metrics.matches("(?s).*\"refit\" *: *\\{.*\"status\" *: *\"(done|skipped: budget"
        + "|cancelled: budget)\".*"), "metrics.json has the refit's status");
    assertTrue(Files.exists(dir.resolve("run").resolve("report.html")));
  }
}
