package dev.hone.search.study;

import dev.hone.search.space.Distribution;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An immutable snapshot of one trial (Optuna's {@code FrozenTrial}).
 *
 * @param number dense per study: 0, 1, 2, ... in the order trials were asked
 * @param state the life-cycle state at the time of the snapshot
 * @param params parameter name &rarr; external value ({@code Double}, {@code Long} or {@code
 *     String}), in the order they were suggested
 * @param distributions parameter name &rarr; the distribution it was sampled from (same keys as
 *     {@code params})
 * @param value the objective value: non-null for COMPLETE (finite or infinite, never NaN); for
 *     PRUNED the last reported intermediate value if any (may be NaN), else null; null for RUNNING
 *     and FAIL
 * @param intermediateValues step &rarr; reported value, sorted by step; values may be NaN or
 *     infinite
 * @param userAttributes free-form string attributes
 * @param startedAt when the trial was asked
 * @param finishedAt when it was told; null while RUNNING
 */
public record TrialRecord(
    int number,
    TrialState state,
    Map<String, Object> params,
    Map<String, Distribution> distributions,
    Double value,
    Map<Integer, Double> intermediateValues,
    Map<String, String> userAttributes,
    Instant startedAt,
    Instant finishedAt) {

  /**
   * Copies the maps (unmodifiable) and checks the invariants above.
   *
   * @throws IllegalArgumentException if an invariant is broken
   */
  public TrialRecord {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(startedAt, "startedAt");
    if (number < 0) {
      throw new IllegalArgumentException("trial number must be >= 0, got " + number);
    }
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    distributions = Collections.unmodifiableMap(new LinkedHashMap<>(distributions));
    intermediateValues = Collections.unmodifiableMap(new TreeMap<>(intermediateValues));
    userAttributes = Collections.unmodifiableMap(new LinkedHashMap<>(userAttributes));
    if (!params.keySet().equals(distributions.keySet())) {
      throw new IllegalArgumentException(
          "trial " + number + ": params " + params.keySet() + " and distributions "
              + distributions.keySet() + " differ");
    }
    if ((finishedAt == null) != (state == TrialState.RUNNING)) {
      throw new IllegalArgumentException(
          "trial " + number + ": finishedAt must be null exactly when RUNNING (state " + state
              + ", finishedAt " + finishedAt + ")");
    }
    switch (state) {
      case COMPLETE -> {
        if (value == null || value.isNaN()) {
          throw new IllegalArgumentException(
              "trial " + number + ": a COMPLETE trial needs a non-NaN value, got " + value);
        }
      }
      case RUNNING, FAIL -> {
        if (value != null) {
          throw new IllegalArgumentException(
              "trial " + number + ": a " + state + " trial has no value, got " + value);
        }
      }
      case PRUNED -> { }
    }
  }

  /** Wall-clock time from start to finish, or {@code null} while RUNNING. */
  public Duration duration() {
    return finishedAt == null ? null : Duration.between(startedAt, finishedAt);
  }
}
