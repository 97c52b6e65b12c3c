package dev.hone.core.params;

import java.util.List;

/**
 * The default search range a learner proposes for one of its hyperparameters. The search module
 * turns each hint into a distribution; learners never depend on the search module.
 *
 * @param low lower bound of the search range (inclusive); unused for choices
 * @param high upper bound (inclusive); unused for choices
 * @param log sample on a log scale (requires {@code low > 0})
 * @param choices for {@link ParamType#CHOICE}: the choices searched; empty otherwise
 */
public record SearchHint(double low, double high, boolean log, List<String> choices) {
  public SearchHint {
    choices = choices == null ? List.of() : List.copyOf(choices);
    if (choices.isEmpty()) {
      if (!(low <= high)) {
        throw new IllegalArgumentException("search range low " + low + " > high " + high);
      }
      if (log && low <= 0) {
        throw new IllegalArgumentException("log search range needs low > 0, got " + low);
      }
    }
  }

  public static SearchHint range(double low, double high) {
    return new SearchHint(low, high, false, List.of());
  }

  public static SearchHint logRange(double low, double high) {
    return new SearchHint(low, high, true, List.of());
  }

  public static SearchHint choices(List<String> choices) {
    return new SearchHint(0, 0, false, choices);
  }
}
