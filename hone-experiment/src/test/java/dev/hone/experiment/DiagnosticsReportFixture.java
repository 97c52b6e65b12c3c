package dev.hone.experiment;

import dev.hone.report.ReportModel;
import java.util.List;

/** A minimal report model for rendering checks. */
final class DiagnosticsReportFixture {
  private DiagnosticsReportFixture() {}

  static ReportModel model() {
    return new ReportModel(
        "hone train: test", List.of(), List.of(), List.of(), List.of(), "rmse", false,
        List.of(), List.of(), 3, -1, List.of(), 0, null, List.of(), List.of());
  }
}
