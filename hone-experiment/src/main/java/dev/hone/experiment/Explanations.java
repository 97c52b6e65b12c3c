package dev.hone.experiment;

import dev.hone.core.data.TaskType;
import dev.hone.core.model.FeatureMatrix;
import dev.hone.core.model.Model;
import dev.hone.core.model.Predictions;
import dev.hone.core.random.Seeds;
import dev.hone.eval.Metric;
import dev.hone.explain.Explanation;
import dev.hone.explain.ExplanationSummaries;
import dev.hone.explain.HStatistic;
import dev.hone.explain.Matrices;
import dev.hone.explain.OutputSpace;
import dev.hone.explain.PartialDependence;
import dev.hone.explain.PermutationImportance;
import dev.hone.explain.PredictFunction;
import dev.hone.explain.ScoreFunction;
import dev.hone.explain.tree.TreeEnsemble;
import dev.hone.explain.tree.TreeShap;
import dev.hone.explain.tree.XGBoostJson;
import dev.hone.preprocess.FittedPreprocessor;
import dev.hone.report.ExplainabilityView;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The explanations {@code hone train} computes for the final model on the test split: TreeSHAP
 * values (Hone's own path-dependent algorithm over the saved XGBoost JSON model, in the margin
 * space) on up to {@value #SHAP_ROWS} test rows, grouped back to the input columns; permutation
 * importance of the input columns for the run's objective; partial dependence for the top three
 * inputs; and the H-statistic for pairs of the top four. For multiclass models the detailed plots
 * show the first class; importances sum over classes.
 *
 * @param globalImportance mean |SHAP| per input column, descending
 * @param permutation permutation importance of the input columns
 * @param partialDependence partial dependence curves (average only) of the top inputs
 * @param interactions pairwise H² of the top inputs
 */
record Explanations(
    ExplanationSummaries.GlobalImportance globalImportance,
    PermutationImportance.PermutationImportanceResult permutation,
    List<PartialDependence.PartialDependenceCurve> partialDependence,
    List<HStatistic.InteractionStrength> interactions,
    ExplainabilityView view) {

  /** Test rows explained with TreeSHAP. */
  static final int SHAP_ROWS = 1000;

  /** Points drawn per feature in the report's summary and dependence plots (keeps it light). */
  static final int PLOT_POINTS = 300;

  private static double[] head(double[] a, int n) {
    return a.length <= n ? a : Arrays.copyOf(a, n);
  }

  /** The first {@code n} entries of every row (the plots' arrays are [feature][row]). */
  private static double[][] firstColumns(double[][] a, int n) {
    if (a == null) {
      return null;
    }
    double[][] out = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      out[i] = head(a[i], n);
    }
    return out;
  }

  static Explanations compute(
      TaskType task, Path modelJson, int rounds, Model model, FittedPreprocessor prep,
      FeatureMatrix xTrain, FeatureMatrix xTest, double[] yTest, Metric objective, long seed) {
    List<String> names = prep.featureNames();
    Map<String, String> groups = prep.featureToInput();
    TreeEnsemble ensemble = XGBoostJson.parse(modelJson, rounds);
    double[][] test = Matrices.toRows(xTest);
    int n = Math.min(SHAP_ROWS, test.length);
    int[] rows = new int[n];
    if (n == test.length) {
      for (int i = 0; i < n; i++) {
        rows[i] = i;
      }
    } else {
      int[] all = new int[test.length];
      for (int i = 0; i < all.length; i++) {
        all[i] = i;
      }
      Seeds.shuffle(all, Seeds.rng(seed, "explain.rows", 0));
      rows = Arrays.copyOf(all, n);
      Arrays.sort(rows);
    }
    List<Explanation> shap = withNames(new TreeShap(ensemble).explain(test, rows), names);
    Explanation first = shap.get(0);
    Explanation grouped = first.groupBy(groups);
    ExplanationSummaries.GlobalImportance global = ExplanationSummaries.globalImportance(grouped);
    if (shap.size() > 1) { // multiclass: sum mean |SHAP| over classes
      double[] sum = new double[grouped.nFeatures()];
      for (Explanation e : shap) {
        double[] m = e.groupBy(groups).meanAbsolute();
        for (int j = 0; j < sum.length; j++) {
          sum[j] += m[j];
        }
      }
      global = ExplanationSummaries.globalImportance(withMeanAbs(grouped, sum));
    }

    ScoreFunction score =
        ScoreFunction.overFeatureMatrix(objective, yTest, names, model::predict);
    PermutationImportance.PermutationImportanceResult perm =
        PermutationImportance.compute(
            score, test, names, groups,
            PermutationImportance.Options.defaults(Seeds.derive(seed, "explain.permutation", 0)));

    boolean binary = task == TaskType.BINARY;
    int k = task == TaskType.MULTICLASS ? prep.classLabels().size() : 1;
    List<String> outNames =
        task == TaskType.REGRESSION
            ? List.of("value")
            : binary ? List.of("P(" + prep.classLabels().get(1) + ")") : prep.classLabels();
    PredictFunction f =
        PredictFunction.overFeatureMatrix(
            names, k, task == TaskType.REGRESSION ? OutputSpace.VALUE : OutputSpace.PROBABILITY,
            outNames, fm -> output(task, model.predict(fm)));
    double[][] train = Matrices.toRows(xTrain);
    double[][] pdRows = sampleRows(train, 500, Seeds.derive(seed, "explain.pd", 0));
    List<String> top = global.features().subList(0, Math.min(3, global.features().size()));
    List<PartialDependence.PartialDependenceCurve> pd = new ArrayList<>();
    for (String input : top) {
      List<String> cols = prep.featuresOf(input);
      List<PartialDependence.PartialDependenceCurve> curves;
      if (cols.size() == 1 && cols.get(0).equals(input)) {
        double[] grid =
            PartialDependence.quantileGrid(
                Matrices.column(train, names.indexOf(input)), PartialDependence.DEFAULT_GRID_POINTS,
                PartialDependence.DEFAULT_LOW, PartialDependence.DEFAULT_HIGH);
        curves = PartialDependence.compute(f, pdRows, names, input, grid, false);
      } else {
        curves = PartialDependence.computeLevels(f, pdRows, names, input, cols, false);
      }
      pd.add(curves.get(0));
    }
    List<String> top4 = global.features().subList(0, Math.min(4, global.features().size()));
    List<HStatistic.InteractionStrength> h =
        top4.size() < 2
            ? List.of()
            : HStatistic.pairwise(
                f, train, names, groups, top4, 100, Seeds.derive(seed, "explain.h", 0));
    return new Explanations(
        global, perm, pd, h, view(first, grouped, global, perm, pd, h, objective, groups));
  }

  /**
   * The same explanations under the preprocessing's feature names: the model file does not always
   * carry them (XGBoost refuses names with characters such as '<', which category levels can
   * hold), in which case the parsed trees call the columns f0, f1, ... in the same order.
   */
  static List<Explanation> withNames(List<Explanation> es, List<String> names) {
    List<Explanation> out = new ArrayList<>();
    for (Explanation e : es) {
      if (e.featureNames().size() != names.size()) {
        throw new IllegalStateException(
            "the model has " + e.featureNames().size() + " features, the preprocessing "
                + names.size());
      }
      out.add(new Explanation(
          e.method(), e.outputSpace(), e.output(), e.outputName(), names, e.rows(),
          e.featureValues(), e.values(), e.baseValues(), e.predictions(), e.standardErrors(),
          e.parameters()));
    }
    return out;
  }

  private static Explanation withMeanAbs(Explanation grouped, double[] meanAbs) {
    // a one-row explanation whose |values| are the summed mean |SHAP|: globalImportance of it
    double[][] v = {meanAbs.clone()};
    return new Explanation(
        grouped.method(), grouped.outputSpace(), grouped.output(), "all classes",
        grouped.featureNames(), new int[] {0}, new double[][] {new double[meanAbs.length]}, v,
        new double[] {0}, new double[] {Arrays.stream(meanAbs).sum()}, null, grouped.parameters());
  }

  private static double[][] output(TaskType task, Predictions p) {
    if (task == TaskType.REGRESSION) {
      double[][] o = new double[p.size()][];
      for (int i = 0; i < o.length; i++) {
        o[i] = new double[] {p.values()[i]};
      }
      return o;
    }
    if (task == TaskType.BINARY) {
      double[][] o = new double[p.size()][];
      for (int i = 0; i < o.length; i++) {
        o[i] = new double[] {p.probabilities()[i][1]};
      }
      return o;
    }
    return p.probabilities();
  }

  private static double[][] sampleRows(double[][] x, int max, long seed) {
    if (x.length <= max) {
      return x;
    }
    int[] idx = new int[x.length];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    Seeds.shuffle(idx, Seeds.rng(seed, "rows", 0));
    double[][] out = new double[max][];
    for (int i = 0; i < max; i++) {
      out[i] = x[idx[i]];
    }
    return out;
  }

  /** Compact JSON for {@code metrics.json} (the per-row values stay out). */
  Map<String, Object> json() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("global_importance", globalImportance);
    m.put("permutation_importance", permutation);
    m.put("partial_dependence", partialDependence);
    m.put("interactions", interactions);
    return m;
  }

  private static ExplainabilityView view(
      Explanation ungrouped, Explanation grouped, ExplanationSummaries.GlobalImportance global,
      PermutationImportance.PermutationImportanceResult perm,
      List<PartialDependence.PartialDependenceCurve> pd, List<HStatistic.InteractionStrength> h,
      Metric objective, Map<String, String> groups) {
    List<ExplainabilityView.Bar> bars = new ArrayList<>();
    for (int j = 0; j < Math.min(20, global.features().size()); j++) {
      bars.add(new ExplainabilityView.Bar(global.features().get(j), global.meanAbs()[j]));
    }
    ExplanationSummaries.SummaryPlot sp = ExplanationSummaries.summaryPlot(ungrouped, 10);
    ExplainabilityView.Summary summary =
        new ExplainabilityView.Summary(
            sp.features(), firstColumns(sp.values(), PLOT_POINTS),
            firstColumns(sp.colour(), PLOT_POINTS));
    List<ExplainabilityView.Dependence> dep = new ArrayList<>();
    for (String feature : sp.features()) {
      if (dep.size() == 3) {
        break;
      }
      if (!feature.equals(groups.get(feature))) {
        continue; // one-hot columns: the dependence plot is for numeric inputs
      }
      ExplanationSummaries.DependencePlot d = ExplanationSummaries.dependence(ungrouped, feature, null);
      dep.add(new ExplainabilityView.Dependence(
          d.feature(), head(d.featureValues(), PLOT_POINTS), head(d.values(), PLOT_POINTS),
          d.colourFeature(), d.colourValues() == null ? null : head(d.colourValues(), PLOT_POINTS)));
    }
    double[] pred = grouped.predictions();
    Integer[] order = new Integer[pred.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(pred[a], pred[b]));
    List<ExplainabilityView.Waterfall> falls = new ArrayList<>();
    int[] picks = {order[order.length - 1], order[order.length / 2], order[0]};
    String[] what = {"highest", "median", "lowest"};
    for (int i = 0; i < picks.length && order.length > 0; i++) {
      ExplanationSummaries.Waterfall w = ExplanationSummaries.waterfall(grouped, picks[i], 10);
      falls.add(new ExplainabilityView.Waterfall(
          "test row " + w.row() + " (" + what[i] + " prediction)", w.baseValue(), w.prediction(),
          w.labels(), w.contributions()));
    }
    List<ExplainabilityView.PermutationRow> permRows = new ArrayList<>();
    for (PermutationImportance.FeatureImportance fi : perm.features()) {
      permRows.add(new ExplainabilityView.PermutationRow(
          fi.name(), fi.mean(), fi.std(), fi.ciLow(), fi.ciHigh()));
    }
    List<String> corr = new ArrayList<>();
    for (PermutationImportance.CorrelatedPair c : perm.correlatedPairs()) {
      corr.add(c.featureA() + " and " + c.featureB() + " are correlated (ρ = "
          + String.format(java.util.Locale.ROOT, "%.2f", c.correlation())
          + "); permuting one alone understates both");
    }
    List<ExplainabilityView.PdCurve> curves = new ArrayList<>();
    for (PartialDependence.PartialDependenceCurve c : pd) {
      curves.add(new ExplainabilityView.PdCurve(c.feature(), c.grid(), c.gridLabels(), c.average()));
    }
    List<ExplainabilityView.Interaction> inter = new ArrayList<>();
    for (HStatistic.InteractionStrength s : h) {
      inter.add(new ExplainabilityView.Interaction(s.featureA(), s.featureB(), s.h2()));
    }
    return new ExplainabilityView(
        "TreeSHAP (path-dependent), Hone's implementation over the saved model",
        "margin (log-odds for classification)",
        ungrouped.rows().length + " test rows explained; one-hot columns are summed back to their input"
            + " column for the importance and the waterfalls.",
        bars, summary, dep, falls, permRows, objective.metricName(), corr, curves, inter);
  }
}
