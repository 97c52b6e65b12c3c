package dev.hone.search.study;

import dev.hone.search.space.Distribution;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An immutable snapshot of one trial (Optuna's {@code FrozenTrial}).
 *
 * @param number dense per study: 0, 1, 2, ... in the order trials were asked or enqueued
 * @param state the life-cycle state at the time of the snapshot
 * @param params parameter name &rarr; external value ({@code Double}, {@code Long} or {@code
 *     String}), in the order they were suggested; empty while WAITING
 * @param distributions parameter name &rarr; the distribution it was sampled from (same keys as
 *     {@code params})
 * @param value the (first) objective value, always {@code values.get(0)} or null when {@code
 *     values} is empty: non-null for COMPLETE (finite or infinite, never NaN); for PRUNED the last
 *     reported intermediate value if any (may be NaN), else null; null for WAITING, RUNNING and
 *     FAIL
 * @param intermediateValues step &rarr; reported value, sorted by step; values may be NaN or
 *     infinite
 * @param userAttributes free-form string attributes (Hone itself writes {@value #FAIL_REASON},
 *     {@value #RETRY_OF} and {@value #DUPLICATE_OF})
 * @param startedAt when the trial was asked or claimed; null exactly while WAITING
 * @param finishedAt when it was told; null unless finished
 * @param heartbeatAt the last heartbeat of the worker running the trial, or null if that worker
 *     sent none (heartbeats off); kept as it was when the trial finished
 * @param fixedParams the configuration the trial was enqueued with ({@link Study#enqueue}), name
 *     &rarr; {@code Double}, {@code Long} or {@code String}; empty for sampled trials. Kept after
 *     the trial is claimed, as a record of where its parameters came from
 * @param values all objective values in objective order (one per direction of the study; a
 *     single-objective study has at most one), with the rules of {@code value} for each: non-empty
 *     and NaN-free for COMPLETE, at most one (possibly NaN) for PRUNED, empty otherwise
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
    Instant finishedAt,
    Instant heartbeatAt,
    Map<String, Object> fixedParams,
    List<Double> values) {

  /** User attribute naming why Hone failed a trial (timeout, stale heartbeat, duplicate, ...). */
  public static final String FAIL_REASON = "fail_reason";

  /** User attribute of a re-queued trial: the number of the stale trial it repeats. */
  public static final String RETRY_OF = "retry_of";

  /** User attribute of a trial skipped as a duplicate: the number of the trial it repeats. */
  public static final String DUPLICATE_OF = "duplicate_of";

  /**
   * Copies the maps (unmodifiable) and checks the invariants above.
   *
   * @throws IllegalArgumentException if an invariant is broken
   */
  public TrialRecord {
    Objects.requireNonNull(state, "state");
    if (number < 0) {
      throw new IllegalArgumentException("trial number must be >= 0, got " + number);
    }
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    distributions = Collections.unmodifiableMap(new LinkedHashMap<>(distributions));
    intermediateValues = Collections.unmodifiableMap(new TreeMap<>(intermediateValues));
    userAttributes = Collections.unmodifiableMap(new LinkedHashMap<>(userAttributes));
    fixedParams = Collections.unmodifiableMap(new LinkedHashMap<>(fixedParams));
    if (values == null) {
      values = value == null ? List.of() : Collections.singletonList(value);
    } else {
      values = Collections.unmodifiableList(new ArrayList<>(values));
    }
    for (Double v : values) {
      if (v == null) {
        throw new IllegalArgumentException("trial " + number + ": values must not hold null");
      }
    }
    if (!Objects.equals(value, values.isEmpty() ? null : values.get(0))) {
      throw new IllegalArgumentException(
          "trial " + number + ": value " + value + " is not the first of values " + values);
    }
    if (!params.keySet().equals(distributions.keySet())) {
      throw new IllegalArgumentException(
          "trial " + number + ": params " + params.keySet() + " and distributions "
              + distributions.keySet() + " differ");
    }
    if ((startedAt == null) != (state == TrialState.WAITING)) {
      throw new IllegalArgumentException(
          "trial " + number + ": startedAt must be null exactly when WAITING (state " + state
              + ", startedAt " + startedAt + ")");
    }
    if ((finishedAt == null) == state.isFinished()) {
      throw new IllegalArgumentException(
          "trial " + number + ": finishedAt must be null exactly when not finished (state "
              + state + ", finishedAt " + finishedAt + ")");
    }
    switch (state) {
      case COMPLETE -> {
        if (values.isEmpty() || values.stream().anyMatch(v -> v.isNaN())) {
          throw new IllegalArgumentException(
              "trial " + number + ": a COMPLETE trial needs non-NaN values, got " + values);
        }
      }
      case WAITING, RUNNING, FAIL -> {
        if (!values.isEmpty()) {
          throw new IllegalArgumentException(
              "trial " + number + ": a " + state + " trial has no value, got " + values);
        }
        if (state == TrialState.WAITING && !params.isEmpty()) {
          throw new IllegalArgumentException(
              "trial " + number + ": a WAITING trial has no sampled params, got " + params);
        }
      }
      case PRUNED -> {
        if (values.size() > 1) {
          throw new IllegalArgumentException(
              "trial " + number + ": a PRUNED trial carries at most one value, got " + values);
        }
      }
    }
  }

  /**
   * The snapshot of a sampled trial without heartbeat (the form of earlier versions): no fixed
   * params, {@code values} derived from {@code value}.
   */
  public TrialRecord(
      int number,
      TrialState state,
      Map<String, Object> params,
      Map<String, Distribution> distributions,
      Double value,
      Map<Integer, Double> intermediateValues,
      Map<String, String> userAttributes,
      Instant startedAt,
      Instant finishedAt) {
    this(number, state, params, distributions, value, intermediateValues, userAttributes,
        startedAt, finishedAt, null, Map.of(), null);
  }

  /** Wall-clock time from start to finish, or {@code null} unless finished after a start. */
  public Duration duration() {
    return finishedAt == null || startedAt == null ? null : Duration.between(startedAt, finishedAt);
  }
}
