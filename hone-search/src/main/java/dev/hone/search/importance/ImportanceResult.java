package dev.hone.search.importance;

import java.util.List;

/**
 * Hyperparameter importances of a study (immutable, JSON-serialisable).
 *
 * @param method the estimator, e.g. {@code "ped-anova"}
 * @param quantile the fraction of best trials that defines "good" (PED-ANOVA's gamma)
 * @param nTrials COMPLETE trials used
 * @param nTop trials in the top set
 * @param normalized whether importances sum to 1
 * @param importances one per parameter, most important first (ties by name)
 */
public record ImportanceResult(
    String method,
    double quantile,
    int nTrials,
    int nTop,
    boolean normalized,
    List<ParamImportance> importances) {

  /** Copies the list. */
  public ImportanceResult {
    importances = List.copyOf(importances);
  }
}
