package dev.hone.experiment;

import dev.hone.search.multiobjective.Constraints;
import dev.hone.search.multiobjective.Evaluation;
import dev.hone.search.multiobjective.Pareto;
import dev.hone.search.study.Direction;
import dev.hone.search.study.TrialRecord;
import dev.hone.search.study.TrialState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The result of a search over model families: the best feasible trial of each family, and the
 * Pareto front of validation score against saved model size and single-row latency, with the
 * chosen model marked. Written to {@code metrics.json} under {@code "families"} and shown in the
 * report.
 *
 * @param objective the validation metric, e.g. {@code roc_auc}
 * @param direction {@code MAXIMIZE} or {@code MINIMIZE}
 * @param limits the deployment limits, as text ({@code "none"} without limits)
 * @param latencyMethod how latency was measured
 * @param families one row per family searched, best validation score first (families without a
 *     feasible trial last)
 * @param paretoFront the feasible COMPLETE trials that no other one beats in all three of
 *     validation score, model bytes and p95 latency (Deb et al. 2002 dominance; identical
 *     vectors all kept), best validation score first
 * @param chosenTrial the trial refitted as the final model (the best feasible validation score)
 * @param chosenFinal the final model's own metrics (refitted on train + validation), or null
 */
public record Leaderboard(
    String objective,
    String direction,
    String limits,
    String latencyMethod,
    List<FamilyRow> families,
    List<FrontPoint> paretoFront,
    int chosenTrial,
    DeploymentMetrics chosenFinal) {

  /** Copies the lists. */
  public Leaderboard {
    families = List.copyOf(families);
    paretoFront = List.copyOf(paretoFront);
  }

  /**
   * One family's line.
   *
   * @param family family name
   * @param learner learner name
   * @param trials trials that chose this family (every state)
   * @param complete of those, COMPLETE
   * @param feasible of those, COMPLETE and within the limits
   * @param bestTrial the best feasible trial, or null
   * @param validationValue its validation score, or null
   * @param modelBytes its saved size, or null
   * @param latencyP95Ms its p95 single-row latency, or null
   * @param parameterCount its size in {@code parameterUnit}, or null
   * @param parameterUnit nodes, weights, parameters or unknown; null without a best trial
   * @param chosen whether the final model comes from this family
   */
  public record FamilyRow(
      String family, String learner, int trials, int complete, int feasible, Integer bestTrial,
      Double validationValue, Long modelBytes, Double latencyP95Ms, Long parameterCount,
      String parameterUnit, boolean chosen) {}

  /**
   * One member of the Pareto front.
   *
   * @param trial trial number
   * @param family its family
   * @param validationValue validation score
   * @param modelBytes saved size in bytes
   * @param latencyP95Ms p95 single-row latency in ms
   * @param parameterCount size in {@code parameterUnit}
   * @param parameterUnit nodes, weights, parameters or unknown
   * @param chosen whether this is the final model's trial
   */
  public record FrontPoint(
      int trial, String family, double validationValue, long modelBytes, double latencyP95Ms,
      long parameterCount, String parameterUnit, boolean chosen) {}

  /** The deployment metrics stored on a trial, if any. */
  static Optional<DeploymentMetrics> metrics(TrialRecord t) {
    String a = t.userAttributes().get(DeploymentMetrics.ATTRIBUTE);
    return a == null ? Optional.empty() : Optional.of(DeploymentMetrics.fromJson(a));
  }

  /**
   * Builds the leaderboard from the study's trials.
   *
   * @param trials every trial of the study
   * @param space the families searched
   * @param direction the objective's direction
   * @param objective the objective's name
   * @param limits the deployment limits
   * @param latencyMethod how latency was measured, for the record
   * @param chosenTrial the trial the final model was refitted from
   * @param chosenFinal the final model's metrics, or null
   */
  static Leaderboard of(List<TrialRecord> trials, FamilySpace space, Direction direction,
      String objective, DeploymentMetrics.Limits limits, String latencyMethod, int chosenTrial,
      DeploymentMetrics chosenFinal) {
    Map<String, List<TrialRecord>> byFamily = new HashMap<>();
    for (TrialRecord t : trials) {
      Object f = t.params().get(FamilySpace.FAMILY);
      if (f instanceof String s) {
        byFamily.computeIfAbsent(s, k -> new ArrayList<>()).add(t);
      }
    }
    String chosenFamily = null;
    for (TrialRecord t : trials) {
      if (t.number() == chosenTrial) {
        chosenFamily = (String) t.params().get(FamilySpace.FAMILY);
      }
    }
    List<FamilyRow> rows = new ArrayList<>();
    for (FamilySpace.Family f : space.families()) {
      List<TrialRecord> mine = byFamily.getOrDefault(f.name(), List.of());
      int complete = 0;
      int feasible = 0;
      for (TrialRecord t : mine) {
        if (t.state() == TrialState.COMPLETE) {
          complete++;
          if (Evaluation.of(t).feasible()) {
            feasible++;
          }
        }
      }
      Optional<TrialRecord> best = Constraints.bestFeasible(mine, direction);
      Optional<DeploymentMetrics> m = best.flatMap(Leaderboard::metrics);
      rows.add(new FamilyRow(f.name(), f.learner().name(), mine.size(), complete, feasible,
          best.map(TrialRecord::number).orElse(null), best.map(TrialRecord::value).orElse(null),
          m.map(DeploymentMetrics::modelBytes).orElse(null),
          m.map(DeploymentMetrics::latencyP95Ms).orElse(null),
          m.map(DeploymentMetrics::parameterCount).orElse(null),
          m.map(DeploymentMetrics::parameterUnit).orElse(null),
          f.name().equals(chosenFamily)));
    }
    rows.sort(Comparator.comparing((FamilyRow r) -> r.validationValue() == null)
        .thenComparingDouble(r -> r.validationValue() == null
            ? 0 : direction.toLoss(r.validationValue()))
        .thenComparing(FamilyRow::family));

    List<Direction> dirs = List.of(direction, Direction.MINIMIZE, Direction.MINIMIZE);
    List<Evaluation> evals = new ArrayList<>();
    Map<Integer, TrialRecord> byNumber = new HashMap<>();
    for (TrialRecord t : trials) {
      Optional<DeploymentMetrics> m = metrics(t);
      if (t.state() != TrialState.COMPLETE || m.isEmpty()) {
        continue;
      }
      Evaluation stored = Evaluation.of(t);
      evals.add(new Evaluation(t.number(), TrialState.COMPLETE,
          List.of(t.value(), (double) m.get().modelBytes(), m.get().latencyP95Ms()),
          stored.constraints()));
      byNumber.put(t.number(), t);
    }
    List<FrontPoint> front = new ArrayList<>();
    for (Evaluation e : Pareto.front(evals, dirs)) {
      TrialRecord t = byNumber.get(e.number());
      DeploymentMetrics m = metrics(t).orElseThrow();
      front.add(new FrontPoint(t.number(), (String) t.params().get(FamilySpace.FAMILY), t.value(),
          m.modelBytes(), m.latencyP95Ms(), m.parameterCount(), m.parameterUnit(),
          t.number() == chosenTrial));
    }
    front.sort(Comparator.comparingDouble((FrontPoint p) -> direction.toLoss(p.validationValue()))
        .thenComparingInt(FrontPoint::trial));
    return new Leaderboard(objective, direction.name(), limits.describe(), latencyMethod, rows,
        front, chosenTrial, chosenFinal);
  }
}
