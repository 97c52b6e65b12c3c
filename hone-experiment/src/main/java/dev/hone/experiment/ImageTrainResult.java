package dev.hone.experiment;

import dev.hone.eval.MetricValue;
import dev.hone.robustness.RobustnessReport;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code hone train --task image} produced; also the content of its {@code metrics.json}.
 *
 * @param out output directory
 * @param data the input path
 * @param images number of images read
 * @param shape {@code [channels, height, width]} of the images
 * @param classNames class names by index
 * @param splitSizes rows per split: train, validation, test
 * @param searchShape image shape the search trials saw: with {@code --fidelity none} the
 *     downscaled shape, under ASHA the lowest rung's shape (trials climb to full size), else the
 *     full shape
 * @param trials every search trial: number, state, validation log loss, params
 * @param bestTrial number of the refitted trial
 * @param bestParams hyperparameters of the final model
 * @param testMetrics test-split metrics with 95% bootstrap intervals
 * @param confusion test confusion matrix {@code [true][predicted]}
 * @param fitInfo the final model's provenance facts (parameter count, bytes, epochs)
 * @param seconds wall time of the run: load, search, refit, evaluate, robustness, total
 * @param robustness FGSM and PGD robust-accuracy curves on a sample of test images ({@code
 *     ImageRobustness}), or {@code null} when not run
 * @param space the search space ({@code nas} or {@code default}, see {@link ImageSearchSpace})
 * @param fidelity the {@code fidelity} section: the pilot's calibration table (Spearman/Kendall
 *     with intervals per candidate), the chosen fidelity, the ASHA rungs with the trials that
 *     reached, were pruned at and were promoted past each; {@code null} with {@code --fidelity
 *     none}
 * @param pilotImages training images each pilot fit used (0 without a pilot)
 */
public record ImageTrainResult(
    String out,
    String data,
    int images,
    List<Integer> shape,
    List<String> classNames,
    Map<String, Integer> splitSizes,
    List<Integer> searchShape,
    List<TrialSummary> trials,
    int bestTrial,
    Map<String, Object> bestParams,
    List<MetricValue> testMetrics,
    long[][] confusion,
    Map<String, Object> fitInfo,
    Map<String, Double> seconds,
    RobustnessReport robustness,
    String space,
    FidelitySummary fidelity,
    int pilotImages) {

  /** Without the search-space and fidelity sections. */
  public ImageTrainResult(
      String out, String data, int images, List<Integer> shape, List<String> classNames,
      Map<String, Integer> splitSizes, List<Integer> searchShape, List<TrialSummary> trials,
      int bestTrial, Map<String, Object> bestParams, List<MetricValue> testMetrics,
      long[][] confusion, Map<String, Object> fitInfo, Map<String, Double> seconds,
      RobustnessReport robustness) {
    this(out, data, images, shape, classNames, splitSizes, searchShape, trials, bestTrial,
        bestParams, testMetrics, confusion, fitInfo, seconds, robustness, "default", null, 0);
  }

  /** Without a robustness section. */
  public ImageTrainResult(
      String out, String data, int images, List<Integer> shape, List<String> classNames,
      Map<String, Integer> splitSizes, List<Integer> searchShape, List<TrialSummary> trials,
      int bestTrial, Map<String, Object> bestParams, List<MetricValue> testMetrics,
      long[][] confusion, Map<String, Object> fitInfo, Map<String, Double> seconds) {
    this(out, data, images, shape, classNames, splitSizes, searchShape, trials, bestTrial,
        bestParams, testMetrics, confusion, fitInfo, seconds, null);
  }

  /**
   * One search trial.
   *
   * @param number trial number
   * @param state COMPLETE, PRUNED or FAIL
   * @param value validation log loss at the best epoch (NaN when none)
   * @param params the trial's hyperparameters
   */
  public record TrialSummary(int number, String state, double value, Map<String, Object> params) {}

  /** The test metric of that name, e.g. {@code accuracy}. */
  public MetricValue metric(String name) {
    return testMetrics.stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
  }

  /** A short human summary for the terminal. */
  public String summary() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "image study: %d trials, best trial %d%n",
        trials.size(), bestTrial));
    if (fidelity != null) {
      sb.append(String.format(Locale.ROOT,
          "fidelity %s: chosen %s, %d trials at full resolution, %d pruned, %d promotions%n",
          fidelity.setting(), fidelity.chosen(), fidelity.completeTrials(),
          fidelity.prunedTrials(), fidelity.promotions()));
    }
    sb.append("test:");
    for (MetricValue m : testMetrics) {
      sb.append(String.format(Locale.ROOT, " %s=%.4f [%.4f, %.4f]", m.name(), m.value(),
          m.ciLower(), m.ciUpper()));
    }
    sb.append(System.lineSeparator());
    sb.append(String.format(Locale.ROOT, "%.1f s in total%n", seconds.getOrDefault("total", 0.0)));
    sb.append("wrote ").append(Path.of(out).resolve("model")).append(", metrics.json, report.html");
    return sb.toString();
  }
}
