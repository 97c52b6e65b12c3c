package dev.hone.core.data;

import dev.hone.core.error.UserInputException;
import java.util.Locale;

/** The supervised learning task, inferred from the target column and overridable by the user. */
public enum TaskType {
  /** Two classes; class index 1 is the positive class. */
  BINARY,
  /** Three or more classes. */
  MULTICLASS,
  /** A real-valued target. */
  REGRESSION;

  public boolean isClassification() {
    return this != REGRESSION;
  }

  /** Parses {@code binary|multiclass|regression} (case-insensitive). */
  public static TaskType parse(String s) {
    try {
      return valueOf(s.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UserInputException(
          "task '" + s + "' is not known: use one of binary, multiclass, regression");
    }
  }
}
