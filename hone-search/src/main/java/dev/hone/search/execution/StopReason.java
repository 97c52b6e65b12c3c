package dev.hone.search.execution;

/** Why an executor stopped starting new trials. */
public enum StopReason {
  /** The study holds {@link ExecutionPlan#targetTrials()} COMPLETE or PRUNED trials. */
  TARGET_REACHED,
  /** The wall-clock budget ({@link ExecutionPlan#timeBudget()}) ran out. */
  TIME_BUDGET,
  /** {@link ExecutionPlan#patience()} finished trials in a row brought no improvement. */
  NO_IMPROVEMENT,
  /**
   * The sampler has nothing new to propose ({@link dev.hone.search.sampler.Sampler#isExhausted},
   * e.g. every point of a grid was evaluated); or, with de-duplication on: every configuration of the discrete space was evaluated, or {@link
   * ExecutionPlan#MAX_CONSECUTIVE_DUPLICATES} sampled configurations in a row were duplicates.
   */
  SPACE_EXHAUSTED
}
