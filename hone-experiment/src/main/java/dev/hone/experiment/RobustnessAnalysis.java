package dev.hone.experiment;

import dev.hone.core.data.ColumnType;
import dev.hone.core.data.TaskType;
import dev.hone.core.error.UserInputException;
import dev.hone.core.model.DifferentiableModel;
import dev.hone.core.model.FeatureMatrix;
import dev.hone.core.model.Model;
import dev.hone.core.random.Seeds;
import dev.hone.preprocess.EncodedColumn;
import dev.hone.preprocess.FittedPreprocessor;
import dev.hone.report.RobustnessView;
import dev.hone.robustness.AttackResult;
import dev.hone.robustness.Classifier;
import dev.hone.robustness.FeatureBudget;
import dev.hone.robustness.GradientAttack;
import dev.hone.robustness.HopSkipJump;
import dev.hone.robustness.MinimalEpsilon;
import dev.hone.robustness.NoiseAttack;
import dev.hone.robustness.Norm;
import dev.hone.robustness.PerturbationDomain;
import dev.hone.robustness.RobustAccuracy;
import dev.hone.robustness.RobustnessCurve;
import dev.hone.robustness.RobustnessReport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The adversarial-robustness analysis of {@code hone train} for classifiers, in the model's
 * preprocessed feature space: numeric columns may move (unless named in {@code --immutable}),
 * one-hot columns of categoricals are held. ε is measured in training standard deviations per
 * feature under L∞ (a per-feature budget), within the training [min, max] of each feature (the
 * train + validation rows the final model was fitted on). Rows: up to {@link #ROWS} correctly
 * classified test rows inside those ranges, drawn with the run's seed.
 *
 * <p>Every model gets HopSkipJump (decision-based; {@link #HSJ_ITERATIONS} iterations) and uniform
 * noise ({@link #NOISE_DRAWS} draws per row); a {@link DifferentiableModel} also gets FGSM and
 * PGD-20 with the smallest flipping ε of sample rows by bisection.
 */
final class RobustnessAnalysis {
  private static final Logger LOG = LoggerFactory.getLogger(RobustnessAnalysis.class);

  /** Most test rows attacked. */
  static final int ROWS = 100;

  /** Budgets of the curves, in training standard deviations per feature (L∞). */
  static final double[] EPS_GRID = {0, 0.05, 0.1, 0.25, 0.5, 1.0, 2.0};

  /** The budget at which success rates are stated. */
  static final double STATED_EPS = 1.0;

  static final int HSJ_ITERATIONS = 10;
  static final int NOISE_DRAWS = 20;
  static final int SAMPLE_ROWS = 5;
  static final String UNITS = "training standard deviations per feature";

  private final RobustnessReport report;
  private final List<String> classLabels;

  private RobustnessAnalysis(RobustnessReport report, List<String> classLabels) {
    this.report = report;
    this.classLabels = classLabels;
  }

  /** The record written to {@code metrics.json} under {@code robustness}. */
  RobustnessReport report() {
    return report;
  }

  /**
   * The features held by the domain: one-hot columns of categoricals and the numeric columns
   * named in {@code immutable}.
   *
   * @throws UserInputException if an {@code --immutable} name is not an input column of the model
   */
  static Map<String, String> heldFeatures(FittedPreprocessor prep, List<String> immutable) {
    Set<String> inputs = new LinkedHashSet<>();
    for (EncodedColumn e : prep.encodings()) {
      inputs.add(e.input());
    }
    for (String c : immutable) {
      if (!inputs.contains(c)) {
        throw new UserInputException(
            "--immutable names column '" + c + "', which is not an input column of the model;"
                + " input columns: " + String.join(", ", inputs));
      }
    }
    Map<String, String> held = new LinkedHashMap<>();
    for (EncodedColumn e : prep.encodings()) {
      if (e.type() != ColumnType.NUMERIC) {
        for (String f : e.outputNames()) {
          held.put(f, "one-hot of categorical '" + e.input() + "'");
        }
      } else if (immutable.contains(e.input())) {
        held.put(e.input(), "immutable (--immutable)");
      }
    }
    return held;
  }

  /**
   * @return the analysis, or {@code null} for regression
   */
  static RobustnessAnalysis run(
      TaskType task, Model model, FittedPreprocessor prep, FeatureMatrix xFit,
      FeatureMatrix xTest, double[] yTest, List<String> classLabels, List<String> immutable,
      long seed) {
    if (!task.isClassification()) {
      return null;
    }
    List<String> names = xTest.featureNames();
    PerturbationDomain domain =
        PerturbationDomain.fromTraining(
            dev.hone.explain.Matrices.toRows(xFit), names, heldFeatures(prep, immutable));
    double[][] test = dev.hone.explain.Matrices.toRows(xTest);
    Classifier clf =
        model instanceof DifferentiableModel dm ? Classifier.of(dm) : Classifier.of(model, names);
    int[] clean = clf.predict(test);
    List<Integer> candidates = new ArrayList<>();
    int outside = 0;
    for (int i = 0; i < test.length; i++) {
      if (clean[i] != (int) yTest[i]) {
        continue;
      }
      try {
        domain.checkInside(new double[][] {test[i]});
        candidates.add(i);
      } catch (UserInputException e) {
        outside++;
      }
    }
    int[] idx = candidates.stream().mapToInt(Integer::intValue).toArray();
    SplittableRandom rng = Seeds.rng(seed, "robustness.rows", 0);
    Seeds.shuffle(idx, rng);
    idx = Arrays.copyOf(idx, Math.min(ROWS, idx.length));
    Arrays.sort(idx);
    double[][] x = new double[idx.length][];
    int[] y = new int[idx.length];
    for (int k = 0; k < idx.length; k++) {
      x[k] = test[idx[k]];
      y[k] = (int) yTest[idx[k]];
    }
    List<RobustnessCurve> curves = new ArrayList<>();
    List<RobustnessReport.AttackSummary> summaries = new ArrayList<>();
    List<RobustnessReport.RowFlip> flips = new ArrayList<>();
    boolean[] allCorrect = new boolean[idx.length];
    Arrays.fill(allCorrect, true);

    // decision-based: HopSkipJump (minimal L∞ distance per row)
    long t0 = System.nanoTime();
    HopSkipJump hsj =
        HopSkipJump.defaults(Norm.LINF, Seeds.derive(seed, "robustness.hsj", 0))
            .withMaxIter(HSJ_ITERATIONS);
    AttackResult h = hsj.generate(clf, domain, x, y);
    double hsjRate = idx.length / Math.max(1e-9, (System.nanoTime() - t0) / 1e9);
    RobustnessCurve hCurve =
        RobustAccuracy.fromDistances(
            "hopskipjump", Norm.LINF, UNITS, allCorrect, h.norm(), EPS_GRID, hsjRate);
    curves.add(hCurve);
    summaries.add(
        new RobustnessReport.AttackSummary(
            "hopskipjump", STATED_EPS, hCurve.at(STATED_EPS).successRate(), median(h.norm()),
            h.queries(), hsjRate));
    for (int k = 0; k < Math.min(SAMPLE_ROWS, idx.length); k++) {
      flips.add(
          new RobustnessReport.RowFlip(
              idx[k], "hopskipjump", h.norm()[k], label(classLabels, y[k]),
              h.success()[k] ? label(classLabels, h.predicted()[k]) : label(classLabels, y[k]),
              changes(domain, x[k], h.adversarial()[k])));
    }

    // noise scaled per feature
    t0 = System.nanoTime();
    NoiseAttack noise =
        new NoiseAttack(
            NoiseAttack.Kind.UNIFORM, Norm.LINF, STATED_EPS, NOISE_DRAWS,
            Seeds.derive(seed, "robustness.noise", 0));
    RobustnessCurve nCurve = RobustAccuracy.noise(clf, domain, x, y, noise, EPS_GRID, UNITS);
    curves.add(nCurve);
    summaries.add(
        new RobustnessReport.AttackSummary(
            nCurve.attack(), STATED_EPS, nCurve.at(STATED_EPS).successRate(), Double.NaN,
            (long) idx.length * NOISE_DRAWS * EPS_GRID.length, nCurve.examplesPerSecond()));

    if (model instanceof DifferentiableModel dm) {
      double[] yd = new double[y.length];
      for (int k = 0; k < y.length; k++) {
        yd[k] = y[k];
      }
      GradientAttack fgsm = GradientAttack.fgsm(Norm.LINF, STATED_EPS);
      GradientAttack pgd =
          GradientAttack.pgd(Norm.LINF, STATED_EPS, 20, Seeds.derive(seed, "robustness.pgd", 0));
      for (GradientAttack a : List.of(fgsm, pgd)) {
        RobustnessCurve c = RobustAccuracy.gradient(dm, domain, x, yd, a, EPS_GRID, UNITS);
        curves.add(c);
        summaries.add(
            new RobustnessReport.AttackSummary(
                c.attack(), STATED_EPS, c.at(STATED_EPS).successRate(), Double.NaN,
                (long) idx.length * EPS_GRID.length * (a.maxIter() + 2) * Math.max(1, a.numRandomInit()),
                c.examplesPerSecond()));
      }
      for (int k = 0; k < Math.min(SAMPLE_ROWS, idx.length); k++) {
        double[][] row = {x[k]};
        double[] yr = {yd[k]};
        double eps =
            MinimalEpsilon.bisect(
                e -> pgd.withEps(e).generate(dm, domain, row, yr).success()[0],
                EPS_GRID[EPS_GRID.length - 1], 1e-3);
        AttackResult at =
            pgd.withEps(Double.isFinite(eps) ? eps : 0).generate(dm, domain, row, yr);
        flips.add(
            new RobustnessReport.RowFlip(
                idx[k], pgd.name() + " (bisection)", eps, label(classLabels, y[k]),
                label(classLabels, at.predicted()[0]), changes(domain, x[k], at.adversarial()[0])));
      }
    }

    List<String> notes = new ArrayList<>();
    notes.add(
        "ε is in " + UNITS + " (L∞): at ε = 1 every mutable feature may move by one training"
            + " standard deviation, all at once, staying within its training [min, max].");
    notes.add(
        "Held: one-hot columns of categorical inputs"
            + (immutable.isEmpty() ? "" : ", the --immutable columns " + immutable)
            + ", features constant in training, and missing cells.");
    notes.add(
        "HopSkipJump (Chen, Jordan and Wainwright 2020) needs only predicted classes; its distance"
            + " per row is an upper bound on the smallest flipping budget, and its curve counts a"
            + " row as flipped at ε when that distance is at most ε.");
    if (outside > 0) {
      notes.add(
          outside + " correctly classified test rows lie outside the training range of a mutable"
              + " feature and were not attacked.");
    }
    String selection =
        idx.length + " of " + candidates.size() + " correctly classified test rows (of "
            + test.length + "), drawn with the run's seed";
    RobustnessReport r =
        new RobustnessReport(
            selection, idx.length, Norm.LINF.label(), UNITS, STATED_EPS, domain.budget(), curves,
            summaries, flips, notes);
    LOG.info(
        "robustness: HopSkipJump flips {} of {} rows within ε = {} ({})",
        String.format(Locale.ROOT, "%.1f%%", 100 * hCurve.at(STATED_EPS).successRate()),
        idx.length, STATED_EPS, UNITS);
    return new RobustnessAnalysis(r, classLabels);
  }

  /** The report's accuracy-against-ε curves, one per attack. */
  static List<RobustnessView.Curve> curveViews(RobustnessReport report) {
    List<RobustnessView.Curve> curves = new ArrayList<>();
    for (RobustnessCurve c : report.curves()) {
      double[] e = new double[c.points().size()];
      double[] a = new double[e.length];
      for (int i = 0; i < e.length; i++) {
        e[i] = c.points().get(i).eps();
        a[i] = c.points().get(i).accuracy();
      }
      curves.add(new RobustnessView.Curve(c.attack(), e, a));
    }
    return curves;
  }

  /** The report's attack table, one row per attack. */
  static List<RobustnessView.AttackRow> attackRows(RobustnessReport report) {
    List<RobustnessView.AttackRow> attacks = new ArrayList<>();
    for (RobustnessReport.AttackSummary s : report.attacks()) {
      attacks.add(
          new RobustnessView.AttackRow(
              s.attack(), s.successRate(), s.medianDistance(), s.queries(), s.examplesPerSecond()));
    }
    return attacks;
  }

  /** The report's view: features of one categorical grouped into one held row. */
  RobustnessView view() {
    List<RobustnessView.Curve> curves = RobustnessAnalysis.curveViews(report);
    List<RobustnessView.AttackRow> attacks = RobustnessAnalysis.attackRows(report);
    List<RobustnessView.BudgetRow> budget = new ArrayList<>();
    Map<String, Integer> groupCount = new LinkedHashMap<>();
    for (FeatureBudget b : report.budget()) {
      if (!b.mutable() && b.note().startsWith("one-hot of categorical")) {
        groupCount.merge(b.note(), 1, Integer::sum);
      } else {
        budget.add(
            new RobustnessView.BudgetRow(
                b.feature(), b.mutable(), b.scale(), b.lower(), b.upper(), b.note()));
      }
    }
    groupCount.forEach(
        (note, n) ->
            budget.add(
                new RobustnessView.BudgetRow(
                    note.substring(note.indexOf('\'') + 1, note.lastIndexOf('\'')) + " (" + n
                        + " one-hot columns)",
                    false, Double.NaN, Double.NaN, Double.NaN, "categorical: held")));
    List<RobustnessView.FlipRow> rows = new ArrayList<>();
    for (RobustnessReport.RowFlip f : report.rows()) {
      rows.add(
          new RobustnessView.FlipRow(
              f.row(), f.attack(), f.minimalEps(), f.fromClass(), f.toClass(),
              String.join("; ", f.changes())));
    }
    String summary =
        "Attacks on " + report.rowSelection() + ". Curves show accuracy on these rows (1 at ε = 0)"
            + " as the budget grows.";
    String stated =
        "ε = " + report.statedEps() + " " + report.units() + " (L∞), each feature within its"
            + " training range; categorical and immutable features held.";
    return new RobustnessView(summary, stated, curves, attacks, budget, rows, report.notes());
  }

  private static String label(List<String> labels, int k) {
    return k >= 0 && k < labels.size() ? labels.get(k) : Integer.toString(k);
  }

  /** Changed features, largest scaled change first: {@code name: a → b (+z σ)}. */
  static List<String> changes(PerturbationDomain d, double[] x, double[] adv) {
    double[] z = d.scaledDelta(x, adv);
    Integer[] order = new Integer[z.length];
    for (int j = 0; j < z.length; j++) {
      order[j] = j;
    }
    Arrays.sort(order, (a, b) -> Double.compare(Math.abs(z[b]), Math.abs(z[a])));
    List<String> out = new ArrayList<>();
    for (int j : order) {
      if (z[j] == 0 || out.size() == 6) {
        break;
      }
      out.add(
          String.format(
              Locale.ROOT, "%s: %.4g → %.4g (%+.3f σ)", d.names().get(j), x[j], adv[j], z[j]));
    }
    return out;
  }

  private static double median(double[] v) {
    double[] f = Arrays.stream(v).filter(Double::isFinite).sorted().toArray();
    if (f.length == 0) {
      return Double.NaN;
    }
    return f.length % 2 == 1 ? f[f.length / 2] : (f[f.length / 2 - 1] + f[f.length / 2]) / 2;
  }
}
