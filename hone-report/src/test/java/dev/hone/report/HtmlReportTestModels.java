package dev.hone.report;

import java.util.List;

/** A small report model for tests. */
final class HtmlReportTestModels {
  private HtmlReportTestModels() {}

  static ReportModel minimal() {
    return new ReportModel(
        "hone train: test",
        List.of(new ReportModel.Fact("dataset", "adult")),
        List.of(),
        List.of(),
        List.of(new ReportModel.SplitRow("train", 100, "")),
        "roc_auc",
        true,
        List.of(),
        List.of(),
        3,
        -1,
        List.of(),
        0,
        null,
        List.of(),
        List.of());
  }
}
