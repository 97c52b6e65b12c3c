package dev.hone.search.store;

import dev.hone.search.study.Direction;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Immutable snapshot of a stored study.
 *
 * @param id the store's key for the study, stable for the life of the store
 * @param name unique name, non-blank
 * @param direction optimisation direction, fixed at creation
 * @param seed root seed of the study's samplers, fixed at creation
 * @param userAttributes free-form attributes (unmodifiable copy)
 * @param createdAt creation time
 */
public record StudyInfo(
    long id,
    String name,
    Direction direction,
    long seed,
    Map<String, String> userAttributes,
    Instant createdAt) {
  public StudyInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(createdAt, "createdAt");
    userAttributes = Collections.unmodifiableMap(new LinkedHashMap<>(userAttributes));
  }
}
