package dev.hone.eval.sensitivity;

import java.util.List;

/**
 * The result of {@link SobolAnalysis}. Immutable and JSON-serialisable.
 *
 * @param baseSamples {@code N}, rows of each of the base matrices A and B
 * @param modelEvaluations rows the model was evaluated on: {@code N·(d + 2)} for {@code d}
 *     non-constant features
 * @param sampling {@code "quasi_random"} or {@code "random"}
 * @param bootstrapRounds resamples behind the intervals (0: intervals are NaN)
 * @param outputMean mean model output over A and B
 * @param outputVariance variance of the model output over A and B (population, {@code ddof=0})
 * @param indices one entry per feature, in input order
 * @param note empty, or why the indices are undefined (a model output that does not vary)
 */
public record SobolResult(
    int baseSamples,
    long modelEvaluations,
    String sampling,
    int bootstrapRounds,
    double outputMean,
    double outputVariance,
    List<SobolIndex> indices,
    String note) {

  /** Copies the list. */
  public SobolResult {
    indices = List.copyOf(indices);
  }
}
