package dev.hone.experiment;

import dev.hone.core.data.TaskType;
import dev.hone.core.model.FeatureMatrix;
import dev.hone.core.model.Model;
import dev.hone.core.model.Predictions;
import dev.hone.core.random.Seeds;
import dev.hone.eval.diagnostics.BreuschPaganResult;
import dev.hone.eval.diagnostics.Calibration;
import dev.hone.eval.diagnostics.CalibrationReport;
import dev.hone.eval.diagnostics.ResidualAnalysis;
import dev.hone.eval.diagnostics.ResidualReport;
import dev.hone.eval.diagnostics.ThresholdTable;
import dev.hone.eval.sensitivity.IceCurves;
import dev.hone.eval.sensitivity.IceResult;
import dev.hone.eval.sensitivity.Marginals;
import dev.hone.eval.sensitivity.ModelFunction;
import dev.hone.eval.sensitivity.SobolAnalysis;
import dev.hone.eval.sensitivity.SobolIndex;
import dev.hone.eval.sensitivity.SobolResult;
import dev.hone.report.DiagnosticsView;
import dev.hone.report.ReportModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Runs the diagnostics of the final model on the test split — residual analysis (regression) or
 * calibration and the threshold table (classification), Sobol' indices and ICE curves (regression
 * and binary) — and maps them onto the report's {@link DiagnosticsView}. Each analysis runs at its
 * defaults with a seed derived from the run's seed ({@code "diagnostics"} stream).
 */
final class Diagnostics {
  /** Stream name under which the analyses' seed is derived from the run's seed. */
  static final String STREAM = "diagnostics";

  private Diagnostics() {}

  /**
   * Everything computed, JSON-serialisable (e.g. as {@code diagnostics.json}); parts that do not
   * apply to the task are {@code null}.
   *
   * @param residuals regression only
   * @param calibration classification only
   * @param thresholds binary only
   * @param sobol regression and binary (probability of class 1); {@code null} for multiclass
   * @param ice as {@code sobol}
   */
  record Result(
      ResidualReport residuals,
      CalibrationReport calibration,
      ThresholdTable thresholds,
      SobolResult sobol,
      IceResult ice) {}

  /**
   * Computes the diagnostics.
   *
   * @param task the task
   * @param yTest test targets (class indices for classification)
   * @param testPred the final model's test predictions
   * @param xTrain the training features (input distribution of Sobol', ICE grids)
   * @param xTest the test features (residuals by feature, ICE rows)
   * @param model the final model (evaluated {@code N·(d + 2)} + ICE rows times)
   * @param seed the run's seed
   */
  static Result compute(
      TaskType task,
      double[] yTest,
      Predictions testPred,
      FeatureMatrix xTrain,
      FeatureMatrix xTest,
      Model model,
      long seed) {
    long s = Seeds.derive(seed, STREAM, 0);
    ResidualReport residuals = null;
    CalibrationReport calibration = null;
    ThresholdTable thresholds = null;
    if (task == TaskType.REGRESSION) {
      residuals =
          ResidualAnalysis.analyze(yTest, testPred, xTest, null, null,
              ResidualAnalysis.Options.defaults(s));
    } else {
      calibration = Calibration.of(yTest, testPred, Calibration.Options.defaults(s));
      if (task == TaskType.BINARY) {
        thresholds = ThresholdTable.of(yTest, testPred.positiveScores());
      }
    }
    SobolResult sobol = null;
    IceResult ice = null;
    if (task != TaskType.MULTICLASS) {
      ModelFunction f =
          ModelFunction.of(model, xTrain.featureNames(),
              task == TaskType.REGRESSION ? ModelFunction.REGRESSION_VALUE : 1);
      sobol = SobolAnalysis.analyze(f, Marginals.empirical(xTrain), SobolAnalysis.Options.defaults(s));
      ice = IceCurves.compute(f, xTrain, xTest, IceCurves.Options.defaults(s));
    }
    return new Result(residuals, calibration, thresholds, sobol, ice);
  }

  /** The report's view of the diagnostics. */
  static DiagnosticsView view(Result r) {
    return new DiagnosticsView(
        r.calibration() == null ? null : calibration(r.calibration(), r.thresholds()),
        r.residuals() == null ? null : residuals(r.residuals()),
        r.sobol() == null ? null : sensitivity(r.sobol()));
  }

  private static DiagnosticsView.CalibrationView calibration(
      CalibrationReport c, ThresholdTable t) {
    List<DiagnosticsView.ReliabilityBin> bins = new ArrayList<>();
    for (CalibrationReport.ReliabilityBin b : c.bins()) {
      bins.add(new DiagnosticsView.ReliabilityBin(b.lower(), b.upper(), b.n(), b.meanPredicted(),
          b.observed(), b.observedLower(), b.observedUpper()));
    }
    List<DiagnosticsView.ThresholdRow> rows = new ArrayList<>();
    DiagnosticsView.ThresholdRow best = null;
    if (t != null) {
      for (ThresholdTable.Row row : t.rows()) {
        rows.add(threshold(row));
      }
      best = t.f1Optimal() == null ? null : threshold(t.f1Optimal());
    }
    return new DiagnosticsView.CalibrationView(
        c.kind(), c.bins().size() + " " + c.strategy() + " bins", c.ece(), c.eceLower(),
        c.eceUpper(), c.mce(), bins, rows, best);
  }

  private static DiagnosticsView.ThresholdRow threshold(ThresholdTable.Row r) {
    return new DiagnosticsView.ThresholdRow(
        r.threshold(), r.precision(), r.recall(), r.f1(), r.fpr(), r.predictedPositiveRate());
  }

  private static DiagnosticsView.ResidualsView residuals(ResidualReport r) {
    List<DiagnosticsView.ResidualBin> bins = new ArrayList<>();
    for (ResidualReport.Bin b : r.vsPredicted()) {
      bins.add(new DiagnosticsView.ResidualBin(
          b.meanX(), b.n(), b.q05(), b.q25(), b.median(), b.q75(), b.q95()));
    }
    List<DiagnosticsView.ResidualPoint> points = new ArrayList<>();
    for (ResidualReport.Point p : r.sample()) {
      points.add(new DiagnosticsView.ResidualPoint(p.predicted(), p.residual()));
    }
    List<DiagnosticsView.LargeResidual> largest = new ArrayList<>();
    for (ResidualReport.LargeResidual l : r.largest()) {
      largest.add(new DiagnosticsView.LargeResidual(l.row(), l.y(), l.predicted(), l.residual()));
    }
    List<ReportModel.Fact> bp = new ArrayList<>();
    BreuschPaganResult t = r.breuschPagan();
    if (t != null) {
      if (!t.note().isEmpty()) {
        bp.add(new ReportModel.Fact("not computed", t.note()));
      } else {
        bp.add(new ReportModel.Fact("LM statistic n·R²",
            String.format(Locale.ROOT, "%.4g (chi-square, %d df)", t.lm(), t.df())));
        bp.add(new ReportModel.Fact("p-value", String.format(Locale.ROOT, "%.3g", t.pValue())));
        bp.add(new ReportModel.Fact("rows", Integer.toString(t.rows())));
      }
      List<String> left = new ArrayList<>();
      left.addAll(t.droppedMissing());
      left.addAll(t.droppedConstant());
      left.addAll(t.droppedCollinear());
      if (!left.isEmpty()) {
        bp.add(new ReportModel.Fact("features left out (missing, constant, collinear)",
            String.join(", ", left)));
      }
    }
    List<DiagnosticsView.SliceRow> slices = new ArrayList<>();
    for (ResidualReport.SliceResiduals s : r.slices()) {
      slices.add(new DiagnosticsView.SliceRow(s.slice(), s.n(), s.mean(), s.std(), s.rmse()));
    }
    return new DiagnosticsView.ResidualsView(bins, points, largest, bp, slices);
  }

  private static DiagnosticsView.SensitivityView sensitivity(SobolResult s) {
    List<SobolIndex> sorted = new ArrayList<>(s.indices());
    sorted.sort(Comparator.comparingDouble((SobolIndex i) -> Double.isNaN(i.total()) ? -1 : i.total())
        .reversed());
    List<DiagnosticsView.SobolRow> rows = new ArrayList<>();
    for (SobolIndex i : sorted) {
      rows.add(new DiagnosticsView.SobolRow(i.feature(), i.firstOrder(), i.firstOrderLower(),
          i.firstOrderUpper(), i.total(), i.totalLower(), i.totalUpper()));
    }
    String method =
        String.format(Locale.ROOT,
            "Saltelli (first order) and Jansen (total effect) estimators, %s sampling, N = %d,"
                + " %d model evaluations%s",
            s.sampling().replace('_', '-'), s.baseSamples(), s.modelEvaluations(),
            s.note().isEmpty() ? "" : "; " + s.note());
    return new DiagnosticsView.SensitivityView(method, rows);
  }
}
