package dev.hone.eval.diagnostics;

import java.util.List;

/**
 * The studentized Breusch–Pagan test for heteroscedasticity (Koenker's variant), see {@link
 * BreuschPagan}. Immutable and JSON-serialisable.
 *
 * <p>When the test cannot be computed (no usable regressor, or no more rows than regressors + 1),
 * the statistics and p-values are NaN and {@code note} says why.
 *
 * @param lm the Lagrange-multiplier statistic {@code n·R²} of the auxiliary regression
 * @param df degrees of freedom of the chi-square reference: the number of regressors kept (the
 *     intercept not counted)
 * @param pValue upper-tail chi-square probability of {@code lm}; small values reject constant
 *     residual variance
 * @param fStatistic the F statistic of the auxiliary regression ({@code (R²/df) / ((1 − R²)/(n −
 *     df − 1))})
 * @param fPValue upper-tail F({@code df}, {@code n − df − 1}) probability of {@code fStatistic}
 * @param rSquared R² of the squared residuals on the regressors (with intercept)
 * @param rows rows used ({@code n})
 * @param regressors features used as regressors, in input order
 * @param droppedMissing features left out because they have a missing value (NaN)
 * @param droppedConstant features left out because they are constant
 * @param droppedCollinear features left out because they are (numerically) linear combinations of
 *     the intercept and earlier regressors, e.g. the last level of a one-hot encoding
 * @param note empty, or why the test could not be computed
 */
public record BreuschPaganResult(
    double lm,
    int df,
    double pValue,
    double fStatistic,
    double fPValue,
    double rSquared,
    int rows,
    List<String> regressors,
    List<String> droppedMissing,
    List<String> droppedConstant,
    List<String> droppedCollinear,
    String note) {

  /** Copies the lists. */
  public BreuschPaganResult {
    regressors = List.copyOf(regressors);
    droppedMissing = List.copyOf(droppedMissing);
    droppedConstant = List.copyOf(droppedConstant);
    droppedCollinear = List.copyOf(droppedCollinear);
  }
}
