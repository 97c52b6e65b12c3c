package dev.hone.experiment;

import dev.hone.core.data.TaskType;
import dev.hone.core.error.InvalidParameterException;
import dev.hone.core.json.Json;
import dev.hone.core.random.Seeds;
import dev.hone.eval.Metrics;
import dev.hone.fairness.AttributeAudit;
import dev.hone.fairness.AuditOptions;
import dev.hone.fairness.FairnessAudit;
import dev.hone.fairness.FairnessObjectives;
import dev.hone.fairness.FairnessReport;
import dev.hone.fairness.FittedThresholds;
import dev.hone.fairness.GroupRule;
import dev.hone.fairness.Groups;
import dev.hone.fairness.Reweighing;
import dev.hone.fairness.ReweighingResult;
import dev.hone.fairness.Summary;
import dev.hone.fairness.ThresholdOptimizer;
import dev.hone.report.FairnessMitigationView;
import dev.hone.report.FairnessTradeoffView;
import dev.hone.report.FairnessView;
import dev.hone.search.multiobjective.Constraints;
import dev.hone.search.multiobjective.Evaluation;
import dev.hone.search.study.Direction;
import dev.hone.search.study.Trial;
import dev.hone.search.study.TrialRecord;
import dev.hone.search.study.TrialState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fairness inside {@code hone train}: per-trial fairness values on the validation split, the
 * constrained choice of the best trial, reweighing weights and the per-group threshold optimizer,
 * and the before/after comparison on the test split. Everything is about one attribute: the first
 * sensitive column, or with {@code --fairness-attribute intersection} the intersection of all
 * sensitive columns.
 *
 * <p><b>Per trial.</b> For binary tasks with a sensitive column, every trial's model is scored on
 * the validation split with the fairness summary {@link #metric()} (the constrained one, or {@code
 * equalized_odds_difference} at threshold 0.5); the value is stored as the trial user attribute
 * {@code fairness.<metric>}. With {@code --fairness-constraint METRIC<=B} the trial also gets
 * {@link Evaluation#CONSTRAINTS_ATTRIBUTE} = {@code [value − B]} (feasible when {@code <= 0}, an
 * undefined value is infeasible), so {@link Constraints#bestFeasible} picks the best feasible
 * trial; when none is feasible, the trial with the smallest violation (ties: the better objective)
 * is reported and flagged.
 *
 * <p><b>Reweighing.</b> Kamiran and Calders (2012) weights {@code n_g·n_y / (n·n_gy)} fitted on
 * the training split only; the trials fit with them, and the refit on train + validation applies
 * the same cell weights to the validation rows (weight 1 for a (group, label) cell absent from
 * training, with a warning). The unmitigated comparison model is the same configuration refit
 * without weights.
 *
 * <p><b>Threshold optimizer.</b> Hardt, Price and Srebro (2016), maximising accuracy under {@code
 * --threshold-constraint}. The delivered model is then the best configuration fitted on the
 * training split only (the best trial's rounds and seed, no refit on train + validation), and the
 * thresholds are fitted on its validation scores, so they belong to the model they are applied to
 * (on test here, and by {@code hone predict}).
 */
final class FairnessPlan {
  private static final Logger LOG = LoggerFactory.getLogger(FairnessPlan.class);

  /** Prefix of the trial user attribute holding the validation fairness value. */
  static final String VALUE_PREFIX = "fairness.";

  /** File of the fitted thresholds inside the model folder. */
  static final String THRESHOLDS_FILE = "fairness_thresholds.json";

  /** Default tracked summary when no constraint is given. */
  static final String DEFAULT_METRIC = "equalized_odds_difference";

  private static final int BOOTSTRAP_ROUNDS = 1000;

  private final FairnessSettings settings;
  private final String metric;
  private final String column;
  private final Groups trainGroups;
  private final Groups validGroups;
  private final Groups testGroups;
  private final int[] yTrain;
  private final int[] yValid;
  private final int[] yTest;
  private final ReweighingResult reweighing;
  private final double[] trainWeights;
  private final double[] refitWeights;
  private final List<String> warnings = new ArrayList<>();
  private final long seed;
  private FittedThresholds thresholds;
  private Selection selection;

  private FairnessPlan(
      FairnessSettings settings, Splits splits, double[] yTrain, double[] yValid, double[] yTest,
      long seed) {
    this.settings = settings;
    this.metric = settings.constrained() ? settings.constraintMetric() : DEFAULT_METRIC;
    List<String> cols = "intersection".equals(settings.attribute())
        ? splits.test().sensitive() : List.of(splits.test().sensitive().get(0));
    this.trainGroups = groups(splits.train(), cols);
    this.validGroups = groups(splits.validation(), cols);
    this.testGroups = groups(splits.test(), cols);
    this.column = testGroups.name();
    this.yTrain = FairnessAudit.binaryLabels(yTrain);
    this.yValid = FairnessAudit.binaryLabels(yValid);
    this.yTest = FairnessAudit.binaryLabels(yTest);
    this.seed = seed;
    if ("reweighing".equals(settings.mitigation())) {
      reweighing = Reweighing.fit(this.yTrain, trainGroups);
      warnings.addAll(reweighing.warnings());
      trainWeights = reweighing.rowWeights(this.yTrain, trainGroups);
      double[] validWeights = cellWeights(reweighing, this.yValid, validGroups, warnings);
      refitWeights = TrainWorkflow.concat(trainWeights, validWeights);
    } else {
      reweighing = null;
      trainWeights = null;
      refitWeights = null;
    }
  }

  /** One column's groups, or the intersection of several columns' groups. */
  static Groups groups(dev.hone.core.data.Table table, List<String> columns) {
    List<Groups> parts = new ArrayList<>();
    for (String c : columns) {
      parts.add(Groups.fromTable(table, c));
    }
    return parts.size() == 1 ? parts.get(0) : Groups.intersection(parts);
  }

  /**
   * The plan of a run, or {@code null} when the task is not binary or no column is sensitive (then
   * no fairness option may be set).
   *
   * @throws InvalidParameterException if a mitigation or constraint is set without a binary task
   *     and a sensitive column
   */
  static FairnessPlan prepare(
      FairnessSettings settings, TaskType task, Splits splits, double[] yTrain, double[] yValid,
      double[] yTest, long seed) {
    boolean applicable = task == TaskType.BINARY && !splits.test().sensitive().isEmpty();
    if (!applicable) {
      if (settings.active()) {
        throw new InvalidParameterException(
            "--mitigation and --fairness-constraint need a binary task and a --sensitive column;"
                + " this run has task " + task + " and sensitive columns "
                + splits.test().sensitive() + ". Name a sensitive column or drop the option");
      }
      return null;
    }
    return new FairnessPlan(settings, splits, yTrain, yValid, yTest, seed);
  }

  /** The summary tracked per trial (and constrained, with a constraint). */
  String metric() {
    return metric;
  }

  /**
   * Whether per-group thresholds are fitted: then the delivered model is fitted on the training
   * split only, so that the thresholds fitted on its validation scores belong to it.
   */
  boolean fitsThresholds() {
    return "threshold".equals(settings.mitigation());
  }

  /** Training-row weights for every trial, or {@code null} without reweighing. */
  double[] trainWeights() {
    return trainWeights;
  }

  /** Weights of the train + validation refit (in that order), or {@code null}. */
  double[] refitWeights() {
    return refitWeights;
  }

  /** Warnings raised so far (absent reweighing cells, infeasible search). */
  List<String> warnings() {
    return List.copyOf(warnings);
  }

  /**
   * Stores the trial's validation fairness value (and its constraint value when constrained).
   *
   * @param validScores the trial model's P(class 1) on the validation split
   */
  void recordTrial(Trial trial, double[] validScores) {
    double v = FairnessObjectives.of(metric, 0.5).value(yValid, validScores, validGroups);
    recordValue(trial, settings, metric, v);
  }

  /**
   * Stores a fairness value on a trial: {@code fairness.<metric>} = value and, with a constraint,
   * {@link Evaluation#CONSTRAINTS_ATTRIBUTE} = {@code [value − bound]} (NaN, i.e. infeasible,
   * when the value is undefined).
   */
  static void recordValue(Trial trial, FairnessSettings settings, String metric, double v) {
    trial.setUserAttribute(VALUE_PREFIX + metric, Double.toString(v));
    if (settings.constrained()) {
      trial.addConstraints(Double.isNaN(v) ? Double.NaN : v - settings.constraintBound());
    }
  }

  /**
   * The trial to refit: {@code studyBest} without a constraint; with one, the best feasible trial,
   * or (none feasible) the least-violating one, flagged in the warnings.
   */
  Optional<TrialRecord> selectBest(
      List<TrialRecord> trials, Direction direction, Optional<TrialRecord> studyBest) {
    Choice c = choose(trials, direction, studyBest, settings, metric);
    selection = c.selection();
    if (!c.warning().isEmpty()) {
      warnings.add(c.warning());
      LOG.warn(c.warning());
    }
    return c.trial();
  }

  /**
   * The selection rule of {@link #selectBest}, without side effects.
   *
   * @param trials the study's trials
   * @param direction the objective's direction
   * @param studyBest the study's own best trial (used without a constraint)
   * @param settings the fairness settings
   * @param metric the summary stored per trial
   * @return the chosen trial (empty when no trial completed), how, and a warning (empty unless
   *     the chosen trial is infeasible)
   */
  static Choice choose(
      List<TrialRecord> trials, Direction direction, Optional<TrialRecord> studyBest,
      FairnessSettings settings, String metric) {
    int complete = 0;
    int feasible = 0;
    for (TrialRecord t : trials) {
      if (t.state() == TrialState.COMPLETE && t.value() != null && !Double.isNaN(t.value())) {
        complete++;
        if (Evaluation.of(t).feasible()) {
          feasible++;
        }
      }
    }
    if (!settings.constrained()) {
      return new Choice(studyBest, studyBest.isEmpty() ? null
          : new Selection(studyBest.get().number(), true, complete, complete, ""), "");
    }
    Optional<TrialRecord> best = Constraints.bestFeasible(trials, direction);
    if (best.isPresent()) {
      return new Choice(best, new Selection(best.get().number(), true, feasible, complete,
          feasible + " of " + complete + " complete trials meet " + settings.constraintText()
              + " on the validation split; the best feasible one, trial " + best.get().number()
              + ", is reported"), "");
    }
    TrialRecord least = null;
    double leastViolation = Double.POSITIVE_INFINITY;
    for (TrialRecord t : trials) {
      if (t.state() != TrialState.COMPLETE || t.value() == null || Double.isNaN(t.value())) {
        continue;
      }
      double v = Evaluation.of(t).violation();
      if (least == null || v < leastViolation
          || (v == leastViolation && direction.isBetter(t.value(), least.value()))) {
        least = t;
        leastViolation = v;
      }
    }
    if (least == null) {
      return new Choice(Optional.empty(), null, "");
    }
    String w = String.format(Locale.ROOT,
        "no trial met the fairness constraint %s on the validation split (0 of %d complete"
            + " trials feasible); reporting the least-violating trial %d (%s %.4f, violation"
            + " %.4f), which is INFEASIBLE. Loosen the bound, run more trials, or add"
            + " --mitigation", settings.constraintText(), complete, least.number(), metric,
        trialValue(least, metric), leastViolation);
    return new Choice(Optional.of(least), new Selection(least.number(), false, 0, complete, w), w);
  }

  /**
   * Applies the mitigation and compares the unmitigated with the mitigated model on the test
   * split.
   *
   * @param finalTestScores the delivered model's P(class 1) on test (for reweighing: fitted with
   *     the weights)
   * @param unweightedTestScores fits the same configuration on train + validation without weights
   *     and scores test (called only for reweighing)
   * @param validationScores the delivered model's P(class 1) on the validation split (called only
   *     for the threshold optimizer; that model is then fitted on the training split only)
   * @return the comparison, or {@code null} without mitigation
   */
  MitigationResult mitigate(
      double[] finalTestScores, Supplier<double[]> unweightedTestScores,
      Supplier<double[]> validationScores) {
    switch (settings.mitigation()) {
      case "reweighing" -> {
        double[] before = unweightedTestScores.get();
        return compare("reweighing", before, threshold(before), finalTestScores,
            threshold(finalTestScores), yTest, testGroups, reweighing, null,
            settings.thresholdConstraint(), seed);
      }
      case "threshold" -> {
        double[] valid = validationScores.get();
        thresholds =
            ThresholdOptimizer.fit(yValid, valid, validGroups,
                settings.thresholdOptimizerConstraint(), ThresholdOptimizer.Objective.ACCURACY,
                Seeds.derive(seed, "fairness-threshold", 0));
        int[] after = thresholds.apply(finalTestScores, testGroups);
        return compare("threshold", finalTestScores, threshold(finalTestScores), finalTestScores,
            after, yTest, testGroups, null, thresholds, settings.thresholdConstraint(), seed);
      }
      default -> {
        return null;
      }
    }
  }

  /** Writes the fitted thresholds into the model folder (nothing without them). */
  void saveInto(Path modelDir) {
    if (thresholds != null) {
      AtomicFiles.writeFile(modelDir.resolve(THRESHOLDS_FILE), tmp -> Json.write(tmp, thresholds));
    }
  }

  /**
   * The thresholds saved in a model folder by {@link #saveInto}, or {@code null} when it has none.
   */
  static FittedThresholds loadThresholds(Path modelDir) {
    Path f = modelDir.resolve(THRESHOLDS_FILE);
    return java.nio.file.Files.isRegularFile(f) ? Json.read(f, FittedThresholds.class) : null;
  }

  /**
   * Applies saved per-group thresholds to new rows (seeded coin flips, so the same rows give the
   * same decisions).
   *
   * @param table the rows, holding the thresholds' sensitive columns
   * @param scores P(class 1) of the same rows
   * @param source the data's name for messages
   * @return decisions in {0, 1}, shape {@code [n]}
   * @throws dev.hone.core.error.DataValidationException if a sensitive column is missing or a
   *     row's group was not seen when the thresholds were fitted (naming group and column)
   */
  static int[] applyThresholds(
      FittedThresholds thresholds, dev.hone.core.data.Table table, double[] scores,
      String source) {
    for (String c : thresholds.columns()) {
      if (!table.hasColumn(c)) {
        throw new dev.hone.core.error.DataValidationException(
            source + " has no column '" + c + "', but the model applies per-group decision"
                + " thresholds (--mitigation threshold) by that column; add the column");
      }
    }
    return thresholds.apply(scores, groups(table, thresholds.columns()));
  }

  /**
   * {@code hone evaluate} of a model with saved thresholds: the model at 0.5 against its
   * thresholded decisions on the labelled rows.
   *
   * @param table the labelled rows (with the thresholds' sensitive columns)
   * @param labels their class indices (0/1)
   * @param scores the model's P(class 1)
   * @param source the data's name for messages
   */
  static MitigationResult evaluateThresholds(
      FittedThresholds thresholds, dev.hone.core.data.Table table, double[] labels,
      double[] scores, String source, long seed) {
    int[] after = applyThresholds(thresholds, table, scores, source);
    Groups g = groups(table, thresholds.columns());
    return compare("threshold", scores, threshold(scores), scores, after,
        FairnessAudit.binaryLabels(labels), g, null, thresholds,
        thresholds.constraint().name().toLowerCase(Locale.ROOT), seed);
  }

  private static MitigationResult compare(
      String method, double[] scoresBefore, int[] predBefore, double[] scoresAfter,
      int[] predAfter, int[] yTest, Groups testGroups, ReweighingResult reweighing,
      FittedThresholds thresholds, String thresholdConstraint, long seed) {
    String column = testGroups.name();
    AuditOptions opts = AuditOptions.defaults(Seeds.derive(seed, "fairness-mitigation", 0));
    FairnessReport before = FairnessAudit.audit(yTest, scoresBefore, predBefore,
        List.of(testGroups), opts);
    FairnessReport after = FairnessAudit.audit(yTest, scoresAfter, predAfter,
        List.of(testGroups), opts);
    List<Comparison> rows = new ArrayList<>();
    long bs = Seeds.derive(seed, "fairness-mitigation-bootstrap", 0);
    boolean hardAfter = "threshold".equals(method);
    rows.add(bootstrapRow("accuracy", yTest, predBefore, predAfter, null, null, bs));
    rows.add(bootstrapRow("balanced_accuracy", yTest, predBefore, predAfter, null, null, bs));
    rows.add(bootstrapRow("roc_auc", yTest, null, null, scoresBefore,
        hardAfter ? null : scoresAfter, bs));
    AttributeAudit ab = before.attributes().get(0);
    AttributeAudit aa = after.attributes().get(0);
    for (String s : List.of("demographic_parity_difference", "equalized_odds_difference",
        "equal_opportunity_difference", "disparate_impact_ratio")) {
      Summary x = summary(ab, s);
      Summary y = summary(aa, s);
      if (x != null && y != null) {
        rows.add(new Comparison(s, x.value(), x.ciLower(), x.ciUpper(), y.value(), y.ciLower(),
            y.ciUpper()));
      }
    }
    String note =
        switch (method) {
          case "reweighing" -> "Reweighing (Kamiran & Calders 2012) on '" + column
              + "', weights fitted on the training split. Before: the same configuration refit"
              + " without weights; after: the delivered model (weighted). Test split, threshold"
              + " 0.5.";
          default -> "Per-group randomised thresholds (Hardt, Price & Srebro 2016) on '" + column
              + "' under " + thresholdConstraint + ", maximising accuracy, fitted on"
              + " the validation split. Before: the delivered model at threshold 0.5; after: the"
              + " same scores through the thresholds (saved with the model and applied by hone"
              + " predict). ROC AUC is not defined for the randomised decisions.";
        };
    return new MitigationResult(method, column, note + " 95% bootstrap intervals ("
        + BOOTSTRAP_ROUNDS + " resamples).", reweighing, thresholds, rows, before, after);
  }

  private static Summary summary(AttributeAudit a, String name) {
    for (Summary s : a.summaries()) {
      if (s.name().equals(name)) {
        return s;
      }
    }
    return null;
  }

  private static Comparison bootstrapRow(
      String name, int[] yTest, int[] predBefore, int[] predAfter, double[] scoreBefore,
      double[] scoreAfter, long bs) {
    double[] b = statWithInterval(name, yTest, predBefore, scoreBefore, bs);
    double[] a = statWithInterval(name, yTest, predAfter, scoreAfter, bs);
    return new Comparison(name, b[0], b[1], b[2], a[0], a[1], a[2]);
  }

  /** Point value and percentile bootstrap interval (rows resampled with replacement). */
  private static double[] statWithInterval(
      String name, int[] yTest, int[] pred, double[] score, long bs) {
    if (pred == null && score == null) {
      return new double[] {Double.NaN, Double.NaN, Double.NaN};
    }
    int n = yTest.length;
    double point = stat(name, yTest, pred, score);
    SplittableRandom rng = Seeds.rng(bs, name, 0);
    double[] reps = new double[BOOTSTRAP_ROUNDS];
    int valid = 0;
    int[] y = new int[n];
    int[] p = pred == null ? null : new int[n];
    double[] s = score == null ? null : new double[n];
    for (int r = 0; r < BOOTSTRAP_ROUNDS; r++) {
      for (int i = 0; i < n; i++) {
        int k = rng.nextInt(n);
        y[i] = yTest[k];
        if (p != null) {
          p[i] = pred[k];
        }
        if (s != null) {
          s[i] = score[k];
        }
      }
      double v = stat(name, y, p, s);
      if (!Double.isNaN(v)) {
        reps[valid++] = v;
      }
    }
    if (valid == 0) {
      return new double[] {point, Double.NaN, Double.NaN};
    }
    double[] sorted = Arrays.copyOf(reps, valid);
    Arrays.sort(sorted);
    return new double[] {point, quantile(sorted, 0.025), quantile(sorted, 0.975)};
  }

  private static double quantile(double[] sorted, double q) {
    double h = (sorted.length - 1) * q;
    int lo = (int) Math.floor(h);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }

  static double stat(String name, int[] y, int[] pred, double[] score) {
    switch (name) {
      case "accuracy" -> {
        return Metrics.accuracy(y, pred);
      }
      case "balanced_accuracy" -> {
        long tp = 0;
        long pos = 0;
        long tn = 0;
        long neg = 0;
        for (int i = 0; i < y.length; i++) {
          if (y[i] == 1) {
            pos++;
            tp += pred[i];
          } else {
            neg++;
            tn += 1 - pred[i];
          }
        }
        return pos == 0 || neg == 0 ? Double.NaN : 0.5 * ((double) tp / pos + (double) tn / neg);
      }
      case "roc_auc" -> {
        return Metrics.rocAuc(y, score);
      }
      default -> throw new IllegalArgumentException(name);
    }
  }

  private static int[] threshold(double[] scores) {
    int[] p = new int[scores.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = scores[i] > 0.5 ? 1 : 0;
    }
    return p;
  }

  /** The per-trial fairness values and the Pareto front (objective vs fairness metric). */
  TradeoffResult tradeoff(List<TrialRecord> trials, String objective, Direction direction) {
    List<TradeoffPoint> pts = new ArrayList<>();
    for (TrialRecord t : trials) {
      if (t.state() != TrialState.COMPLETE || t.value() == null || Double.isNaN(t.value())) {
        continue;
      }
      double f = trialValue(t, metric);
      pts.add(new TradeoffPoint(t.number(), t.value(), f,
          !settings.constrained() || Evaluation.of(t).feasible(), false,
          selection != null && selection.trial() == t.number()));
    }
    List<TradeoffPoint> out = new ArrayList<>();
    for (TradeoffPoint p : pts) {
      boolean dominated = Double.isNaN(p.fairness());
      for (TradeoffPoint q : pts) {
        if (dominated) {
          break;
        }
        if (q == p || Double.isNaN(q.fairness())) {
          continue;
        }
        boolean noWorse = !direction.isBetter(p.objective(), q.objective())
            && q.fairness() <= p.fairness();
        boolean better = direction.isBetter(q.objective(), p.objective())
            || q.fairness() < p.fairness();
        dominated = noWorse && better;
      }
      out.add(new TradeoffPoint(p.trial(), p.objective(), p.fairness(), p.feasible(), !dominated,
          p.chosen()));
    }
    return new TradeoffResult(metric, objective, column, settings.constraintText(),
        settings.constrained() ? settings.constraintBound() : Double.NaN,
        selection == null || selection.feasible(), selection == null ? "" : selection.note(), out);
  }

  private static double trialValue(TrialRecord t, String metric) {
    String s = t.userAttributes().get(VALUE_PREFIX + metric);
    return s == null ? Double.NaN : Double.parseDouble(s);
  }

  /** The report section: the audit view with the mitigation and trade-off parts added. */
  static FairnessView view(FairnessView base, MitigationResult m, TradeoffResult t) {
    FairnessMitigationView mv = null;
    if (m != null) {
      List<FairnessMitigationView.Row> rows = new ArrayList<>();
      for (Comparison c : m.comparison()) {
        rows.add(new FairnessMitigationView.Row(c.metric(), c.before(), c.beforeLower(),
            c.beforeUpper(), c.after(), c.afterLower(), c.afterUpper()));
      }
      List<String> details = new ArrayList<>();
      if (m.reweighing() != null) {
        for (ReweighingResult.Cell c : m.reweighing().cells()) {
          details.add(String.format(Locale.ROOT,
              "group %s, label %d: %d rows, expected %.1f, weight %.4f", c.group(), c.label(),
              c.count(), c.expectedCount(), c.weight()));
        }
      }
      if (m.thresholds() != null) {
        for (GroupRule r : m.thresholds().rules()) {
          details.add(String.format(Locale.ROOT,
              "group %s: P(predict 1) = %.3f·%.3f + %.3f·((1−%.3f)·[s ≥ %s] + %.3f·[s ≥ %s]);"
                  + " validation selection rate %.3f, TPR %.3f, FPR %.3f",
              r.group(), r.constantShare(), r.constantRate(), 1 - r.constantShare(), r.mix(),
              thr(r.thresholdA()), r.mix(), thr(r.thresholdB()), r.validationSelectionRate(),
              r.validationTruePositiveRate(), r.validationFalsePositiveRate()));
        }
      }
      mv = new FairnessMitigationView(m.method(), m.attribute(), m.note(), rows, details);
    }
    FairnessTradeoffView tv = null;
    if (t != null && !t.points().isEmpty()) {
      List<FairnessTradeoffView.Point> pts = new ArrayList<>();
      for (TradeoffPoint p : t.points()) {
        pts.add(new FairnessTradeoffView.Point(p.trial(), p.objective(), p.fairness(),
            p.feasible(), p.pareto(), p.chosen()));
      }
      String note = "Validation split, one point per complete trial: " + t.objective()
          + " against " + t.metric() + " on '" + t.attribute() + "' (threshold 0.5)."
          + (t.constraint().isEmpty() ? "" : " Constraint " + t.constraint() + ". " + t.note());
      tv = new FairnessTradeoffView(t.objective(), t.metric(), t.constraint(), t.bound(),
          !t.feasible(),
          note, pts);
    }
    return base.withMitigation(mv, tv);
  }

  private static String thr(double t) {
    return Double.isInfinite(t) ? (t > 0 ? "+∞" : "−∞") : String.format(Locale.ROOT, "%.4f", t);
  }

  /** metrics.json entries to add under {@code fairness}. */
  static void addJson(Map<String, Object> fairnessJson, MitigationResult m, TradeoffResult t) {
    if (m != null) {
      fairnessJson.put("mitigation", m);
    }
    if (t != null) {
      fairnessJson.put("search", t);
    }
  }

  private static double[] cellWeights(
      ReweighingResult r, int[] labels, Groups groups, List<String> warnings) {
    Map<String, double[]> byGroup = new HashMap<>();
    for (ReweighingResult.Cell c : r.cells()) {
      byGroup.computeIfAbsent(c.group(), k -> new double[] {Double.NaN, Double.NaN})[c.label()] =
          c.weight();
    }
    double[] w = new double[labels.length];
    int missing = 0;
    for (int i = 0; i < w.length; i++) {
      double[] gw = byGroup.get(groups.key(i));
      double v = gw == null ? Double.NaN : gw[labels[i]];
      if (Double.isNaN(v)) {
        missing++;
        v = 1.0;
      }
      w[i] = v;
    }
    if (missing > 0) {
      warnings.add(missing + " validation rows fall in a (" + r.attribute() + ", label) cell"
          + " absent from the training split; they get weight 1 in the refit");
    }
    return w;
  }

  private static String encode(double v) {
    return Double.isFinite(v) ? Double.toString(v) : "\"" + v + "\"";
  }

  /** The result of {@link #choose}. */
  record Choice(Optional<TrialRecord> trial, Selection selection, String warning) {}

  /** How the reported trial was chosen. */
  record Selection(int trial, boolean feasible, int feasibleCount, int completeCount, String note) {}

  /**
   * One metric of the unmitigated ({@code before}) and mitigated ({@code after}) model on the test
   * split, with 95% percentile bootstrap intervals; NaN when undefined.
   */
  record Comparison(
      String metric, double before, double beforeLower, double beforeUpper, double after,
      double afterLower, double afterUpper) {}

  /**
   * The mitigation and its effect.
   *
   * @param method {@code reweighing} or {@code threshold}
   * @param attribute the sensitive column
   * @param note how before and after were obtained
   * @param reweighing the weights (reweighing), else {@code null}
   * @param thresholds the fitted thresholds (threshold), else {@code null}
   * @param comparison accuracy, balanced accuracy, ROC AUC and the fairness summaries
   * @param before the audit of the unmitigated model
   * @param after the audit of the mitigated model
   */
  record MitigationResult(
      String method, String attribute, String note, ReweighingResult reweighing,
      FittedThresholds thresholds, List<Comparison> comparison, FairnessReport before,
      FairnessReport after) {}

  /**
   * One trial on the accuracy–fairness plane.
   *
   * @param trial trial number
   * @param objective its validation objective value
   * @param fairness its validation fairness value, NaN when undefined
   * @param feasible whether it meets the constraint (true without one)
   * @param pareto whether no other trial is at least as good on both and better on one
   * @param chosen whether it is the reported trial
   */
  record TradeoffPoint(
      int trial, double objective, double fairness, boolean feasible, boolean pareto,
      boolean chosen) {}

  /**
   * The per-trial fairness values of the search.
   *
   * @param metric the fairness summary (lower is fairer)
   * @param objective the search objective
   * @param attribute the sensitive column
   * @param constraint the constraint, empty when none
   * @param bound its upper bound, NaN when none
   * @param feasible whether the reported trial is feasible
   * @param note how the trial was chosen
   * @param points one per complete trial
   */
  record TradeoffResult(
      String metric, String objective, String attribute, String constraint, double bound,
      boolean feasible, String note, List<TradeoffPoint> points) {}
}
