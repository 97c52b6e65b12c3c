package dev.hone.search.store;

import dev.hone.search.space.Distribution;
import dev.hone.search.study.TrialState;
import java.util.Objects;

/**
 * The argument rules of the {@link StudyStore} contract, in one place so that every implementation
 * enforces them identically. Each method throws {@link IllegalArgumentException} with a message
 * naming the study, trial and offending argument.
 */
public final class StoreRules {
  private StoreRules() {}

  /** Checks a study name: non-null and non-blank. */
  public static void checkStudyName(String name) {
    Objects.requireNonNull(name, "study name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("study name must not be blank");
    }
  }

  /** Checks a parameter write: non-blank name, non-null distribution containing {@code value}. */
  public static void checkParam(int number, String name, Object value, Distribution d) {
    Objects.requireNonNull(name, "param name");
    Objects.requireNonNull(d, "distribution");
    if (name.isBlank()) {
      throw new IllegalArgumentException("trial " + number + ": param name must not be blank");
    }
    if (!d.contains(value)) {
      throw new IllegalArgumentException(
          "trial " + number + ": param '" + name + "' value " + value + " is not in " + d);
    }
  }

  /** Checks an intermediate-value write: {@code step >= 0}. */
  public static void checkStep(int number, int step) {
    if (step < 0) {
      throw new IllegalArgumentException(
          "trial " + number + ": intermediate step must be >= 0, got " + step);
    }
  }

  /** Checks a user attribute: non-null key and value. */
  public static void checkAttribute(String key, String value) {
    Objects.requireNonNull(key, "attribute key");
    Objects.requireNonNull(value, "attribute value");
  }

  /** Checks a finish: a finished state and a value allowed for it. */
  public static void checkFinish(int number, TrialState state, Double value) {
    Objects.requireNonNull(state, "state");
    switch (state) {
      case RUNNING -> throw new IllegalArgumentException(
          "trial " + number + ": cannot finish a trial as RUNNING");
      case COMPLETE -> {
        if (value == null || value.isNaN()) {
          throw new IllegalArgumentException(
              "trial " + number + ": COMPLETE needs a non-NaN value, got " + value);
        }
      }
      case FAIL -> {
        if (value != null) {
          throw new IllegalArgumentException(
              "trial " + number + ": FAIL carries no value, got " + value);
        }
      }
      case PRUNED -> { }
    }
  }

  /** The message of the {@link TrialFinishedException} for a write to a finished trial. */
  public static String finishedMessage(String study, int number, TrialState state, String what) {
    return "trial " + number + " of study '" + study + "' is already " + state
        + " and cannot change (attempted: " + what + ")";
  }
}
