package dev.hone.experiment;

import dev.hone.report.FidelityView;
import dev.hone.report.ReportModel;
import dev.hone.search.fidelity.CalibrationRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Maps a {@link FidelitySummary} onto the report's {@link FidelityView}. Computes nothing. */
final class FidelityViews {
  private FidelityViews() {}

  /** The view, or {@code null} for {@code null} (no {@code --fidelity}). */
  static FidelityView view(FidelitySummary s) {
    if (s == null) {
      return null;
    }
    List<FidelityView.Row> rows = new ArrayList<>();
    if (s.calibration() != null) {
      for (CalibrationRow r : s.calibration().rows()) {
        rows.add(new FidelityView.Row(
            r.fidelity(), f(r.costFraction()), f(r.spearman()),
            "[" + f(r.spearmanLow()) + ", " + f(r.spearmanHigh()) + "]", f(r.kendall()),
            "[" + f(r.kendallLow()) + ", " + f(r.kendallHigh()) + "]", r.nConfigs(),
            r.trusted() ? "yes" : "no", r.chosen()));
      }
    }
    List<FidelityView.Rung> rungs = new ArrayList<>();
    for (FidelitySummary.Rung r : s.rungs()) {
      rungs.add(new FidelityView.Rung(r.fidelity(), r.reached(), r.pruned(), r.promoted()));
    }
    List<ReportModel.Fact> counts = new ArrayList<>();
    counts.add(new ReportModel.Fact("trials at full fidelity", Integer.toString(s.completeTrials())));
    counts.add(new ReportModel.Fact("trials pruned at a lower rung", Integer.toString(s.prunedTrials())));
    counts.add(new ReportModel.Fact("promotions (all rungs)", Integer.toString(s.promotions())));
    if (s.calibration() != null) {
      counts.add(new ReportModel.Fact("calibration", s.calibrationSource()));
      counts.add(new ReportModel.Fact(
          "pilot", s.pilotConfigs() == 0
              ? "none in this run (table of " + s.calibration().nConfigs() + " configurations)"
              : s.pilotConfigs() + " configurations ("
                  + (s.pilotTrialsInStudy() ? "the study's first trials"
                      : "for the calibration only; the trials train afresh") + "), "
                  + s.pilotLowFits() + " low-fidelity fits of their own; "
                  + String.format(Locale.ROOT, "%.1f s wall, %.1f s of fits", s.pilotWallSeconds(),
                      s.pilotFitSeconds())));
    }
    counts.add(new ReportModel.Fact(
        "trial time", String.format(Locale.ROOT, "%.1f s (sum of trial durations)", s.trialSeconds())));
    String summary =
        "--fidelity " + s.setting() + ": "
            + (s.chosen().equals("full")
                ? "no low fidelity was trusted, so every trial ran at full fidelity without a"
                    + " scheduler."
                : "trials start at " + s.chosen() + " and climb to full fidelity; scheduler "
                    + s.scheduler() + ".");
    return new FidelityView(summary, rows, rungs, counts);
  }

  private static String f(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
  }
}
