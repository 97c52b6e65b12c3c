package dev.hone.experiment;

import dev.hone.core.model.DifferentiableModel;
import dev.hone.core.random.Seeds;
import dev.hone.report.RobustnessView;
import dev.hone.robustness.FeatureBudget;
import dev.hone.robustness.GradientAttack;
import dev.hone.robustness.Norm;
import dev.hone.robustness.PerturbationDomain;
import dev.hone.robustness.RobustAccuracy;
import dev.hone.robustness.RobustnessCurve;
import dev.hone.robustness.RobustnessReport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The adversarial-robustness section of {@code hone train --task image}: white-box FGSM
 * (Goodfellow, Shlens and Szegedy 2015) and PGD-20 with one random start (Madry et al. 2018), both
 * L∞ in pixel intensity ({@link PerturbationDomain#uniform}: every pixel may move by ε and stays in
 * [0, 1]), on up to {@link #ROWS} test images drawn with the run's seed (clean-correct or not: the
 * curve at ε = 0 is the sample's clean accuracy). Every adversarial image passes {@code
 * dev.hone.robustness.Invariants#check} inside the attacks (range, budget). The figures to compare
 * with are the usual MNIST ones: ε = 0.1 … 0.3 of the [0, 1] range.
 */
final class ImageRobustness {
  private static final Logger LOG = LoggerFactory.getLogger(ImageRobustness.class);

  /** Most test images attacked. */
  static final int ROWS = 200;

  /** Budgets of the curves, L∞ in pixel intensity (pixels in [0, 1]). */
  static final double[] EPS_GRID = {0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3};

  /** The budget at which success rates are stated. */
  static final double STATED_EPS = 0.1;

  static final int PGD_ITERATIONS = 20;
  static final String UNITS = "pixel intensity (pixels in [0, 1])";

  private final RobustnessReport report;

  private ImageRobustness(RobustnessReport report) {
    this.report = report;
  }

  /** The record written to {@code metrics.json} under {@code robustness}. */
  RobustnessReport report() {
    return report;
  }

  /**
   * Runs both attacks over {@link #EPS_GRID}.
   *
   * @param model the fitted classifier
   * @param test test images {@code [n][channels*height*width]}, pixels in [0, 1]
   * @param yTest class indices {@code [n]}
   * @param seed the run's robustness seed (row sample {@code robustness.rows}, PGD start {@code
   *     robustness.pgd})
   */
  static ImageRobustness run(DifferentiableModel model, double[][] test, double[] yTest, long seed) {
    int[] idx = new int[test.length];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    Seeds.shuffle(idx, Seeds.rng(seed, "robustness.rows", 0));
    idx = Arrays.copyOf(idx, Math.min(ROWS, idx.length));
    Arrays.sort(idx);
    double[][] x = new double[idx.length][];
    double[] y = new double[idx.length];
    for (int k = 0; k < idx.length; k++) {
      x[k] = test[idx[k]];
      y[k] = yTest[idx[k]];
    }
    int f = test.length == 0 ? 0 : test[0].length;
    PerturbationDomain pixels = PerturbationDomain.uniform(f, 0, 1);
    List<RobustnessCurve> curves = new ArrayList<>();
    List<RobustnessReport.AttackSummary> summaries = new ArrayList<>();
    GradientAttack fgsm = GradientAttack.fgsm(Norm.LINF, STATED_EPS);
    GradientAttack pgd =
        GradientAttack.pgd(
            Norm.LINF, STATED_EPS, PGD_ITERATIONS, Seeds.derive(seed, "robustness.pgd", 0));
    for (GradientAttack a : List.of(fgsm, pgd)) {
      RobustnessCurve c = RobustAccuracy.gradient(model, pixels, x, y, a, EPS_GRID, UNITS);
      curves.add(c);
      summaries.add(
          new RobustnessReport.AttackSummary(
              c.attack(), STATED_EPS, c.at(STATED_EPS).successRate(), Double.NaN,
              (long) idx.length * EPS_GRID.length * (a.maxIter() + 2)
                  * Math.max(1, a.numRandomInit()),
              c.examplesPerSecond()));
    }
    List<String> notes = new ArrayList<>();
    notes.add(
        "ε is L∞ in pixel intensity: at ε = 0.1 every pixel may move by 0.1 of its [0, 1] range,"
            + " all at once, and stays inside [0, 1].");
    notes.add(
        "FGSM is one signed-gradient step; PGD-" + PGD_ITERATIONS + " iterates projected steps"
            + " from a random start and keeps the strongest result, so it should never be weaker"
            + " than FGSM. Accuracy at ε = 0 is the sample's clean accuracy.");
    String selection =
        idx.length + " of " + test.length + " test images, drawn with the run's seed";
    List<FeatureBudget> budget =
        List.of(new FeatureBudget("all " + f + " pixels", true, 1, 0, 1, "pixel intensity"));
    RobustnessReport r =
        new RobustnessReport(
            selection, idx.length, Norm.LINF.label(), UNITS, STATED_EPS, budget, curves,
            summaries, List.of(), notes);
    LOG.info(
        "robustness: accuracy {} clean, {} under FGSM and {} under PGD at ε = {}",
        pct(curves.get(0).points().get(0).accuracy()), pct(curves.get(0).at(STATED_EPS).accuracy()),
        pct(curves.get(1).at(STATED_EPS).accuracy()), STATED_EPS);
    return new ImageRobustness(r);
  }

  /** The report section. */
  RobustnessView view() {
    List<RobustnessView.Curve> curves = RobustnessAnalysis.curveViews(report);
    List<RobustnessView.AttackRow> attacks = RobustnessAnalysis.attackRows(report);
    List<RobustnessView.BudgetRow> budget = new ArrayList<>();
    for (FeatureBudget b : report.budget()) {
      budget.add(
          new RobustnessView.BudgetRow(
              b.feature(), b.mutable(), b.scale(), b.lower(), b.upper(), b.note()));
    }
    String summary =
        "White-box attacks on " + report.rowSelection() + ". Curves show accuracy on these images"
            + " as the budget grows.";
    String stated = "ε = " + report.statedEps() + " in " + report.units() + " (L∞).";
    return new RobustnessView(summary, stated, curves, attacks, budget, List.of(), report.notes());
  }

  private static String pct(double v) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * v);
  }
}
