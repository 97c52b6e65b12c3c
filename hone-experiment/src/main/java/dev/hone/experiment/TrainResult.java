package dev.hone.experiment;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a finished {@code hone train} produced.
 *
 * @param out output directory
 * @param study study name
 * @param storage storage URL
 * @param bestTrial number of the refitted trial
 * @param objective objective metric name
 * @param bestValidationValue best trial's validation objective
 * @param testMetrics test metric name to value
 * @param warnings warnings raised during the run
 */
public record TrainResult(
    Path out,
    String study,
    String storage,
    int bestTrial,
    String objective,
    double bestValidationValue,
    Map<String, Double> testMetrics,
    List<String> warnings) {

  /** A short human summary for the terminal. */
  public String summary() {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "study %s: best trial %d, validation %s %.5f%n",
            study, bestTrial, objective, bestValidationValue));
    sb.append("test:");
    testMetrics.forEach((k, v) -> sb.append(String.format(Locale.ROOT, " %s=%.4f", k, v)));
    sb.append(System.lineSeparator());
    for (String w : warnings) {
      sb.append("warning: ").append(w).append(System.lineSeparator());
    }
    sb.append("wrote ").append(out.resolve("model")).append(", metrics.json, trials.csv, report.html");
    return sb.toString();
  }
}
