package dev.hone.report;

import java.util.List;

/**
 * The "Model families" section: the best feasible trial of each family searched, and the Pareto
 * front of validation score against saved model size and single-row latency, with the chosen
 * model marked. Immutable; computed by the workflow, only rendered here.
 *
 * @param objective validation metric name
 * @param maximize whether higher is better
 * @param limits deployment limits as text ({@code none} without limits)
 * @param latencyMethod how latency was measured
 * @param rows one per family, best first
 * @param front the Pareto front, best validation score first
 * @param finalModel the final (refitted) model's measured size and latency, as text; may be null
 */
public record FamiliesView(
    String objective,
    boolean maximize,
    String limits,
    String latencyMethod,
    List<Row> rows,
    List<Point> front,
    String finalModel) {

  /** Copies the lists. */
  public FamiliesView {
    rows = List.copyOf(rows);
    front = List.copyOf(front);
  }

  /**
   * One family's best feasible trial; numbers as null when the family has none.
   *
   * @param family family name
   * @param learner learner name
   * @param trials trials that chose it
   * @param feasible COMPLETE trials within the limits
   * @param bestTrial best feasible trial number, or null
   * @param value its validation score, or null
   * @param modelBytes its saved size, or null
   * @param latencyMs its p95 single-row latency in ms, or null
   * @param parameterCount its size, or null
   * @param parameterUnit unit of {@code parameterCount}, or null
   * @param chosen whether the final model is from this family
   */
  public record Row(String family, String learner, int trials, int feasible, Integer bestTrial,
      Double value, Long modelBytes, Double latencyMs, Long parameterCount, String parameterUnit,
      boolean chosen) {}

  /**
   * One Pareto-optimal trial.
   *
   * @param trial trial number
   * @param family family name
   * @param value validation score
   * @param modelBytes saved size in bytes
   * @param latencyMs p95 single-row latency in ms
   * @param parameterCount size in {@code parameterUnit}
   * @param parameterUnit nodes, weights, parameters or unknown
   * @param chosen whether it is the final model's trial
   */
  public record Point(int trial, String family, double value, long modelBytes, double latencyMs,
      long parameterCount, String parameterUnit, boolean chosen) {}
}
