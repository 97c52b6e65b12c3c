package dev.hone.learner.xgboost;

import java.util.Locale;

/** Why boosting stopped; {@link #code()} is the value recorded in fit info and model metadata. */
public enum StopReason {
  /** The validation metric did not improve for {@code early_stopping_rounds} rounds. */
  EARLY_STOPPING,
  /** The {@link dev.hone.core.model.ReportSink} asked to stop (e.g. a pruner). */
  SINK,
  /** All {@code n_estimators} rounds were trained. */
  MAX_ROUNDS;

  /** Lower-case code: {@code early_stopping}, {@code sink} or {@code max_rounds}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@link #code()}. */
  public static StopReason fromCode(String code) {
    return valueOf(code.toUpperCase(Locale.ROOT));
  }
}
