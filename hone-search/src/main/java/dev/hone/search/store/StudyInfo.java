package dev.hone.search.store;

import dev.hone.search.study.Direction;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Immutable snapshot of a stored study.
 *
 * @param id the store's key for the study, stable for the life of the store
 * @param name unique name, non-blank
 * @param direction optimisation direction of the first objective, fixed at creation
 * @param seed root seed of the study's samplers, fixed at creation
 * @param userAttributes free-form attributes (unmodifiable copy)
 * @param createdAt creation time
 * @param directions the direction of every objective, fixed at creation; non-empty, first element
 *     {@code direction}; one element for a single-objective study
 */
public record StudyInfo(
    long id,
    String name,
    Direction direction,
    long seed,
    Map<String, String> userAttributes,
    Instant createdAt,
    List<Direction> directions) {

  /**
   * Copies the collections and checks that {@code directions} starts with {@code direction}.
   *
   * @throws IllegalArgumentException if {@code directions} is empty or disagrees with {@code
   *     direction}
   */
  public StudyInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(createdAt, "createdAt");
    userAttributes = Collections.unmodifiableMap(new LinkedHashMap<>(userAttributes));
    directions = directions == null ? List.of(direction) : List.copyOf(directions);
    if (directions.isEmpty() || directions.get(0) != direction) {
      throw new IllegalArgumentException(
          "study '" + name + "': directions " + directions + " must start with " + direction);
    }
  }

  /** A single-objective study. */
  public StudyInfo(
      long id,
      String name,
      Direction direction,
      long seed,
      Map<String, String> userAttributes,
      Instant createdAt) {
    this(id, name, direction, seed, userAttributes, createdAt, List.of(direction));
  }
}
