package dev.hone.search.space;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * One of a fixed, ordered list of string choices. The internal value is the index of the choice.
 *
 * @param choices the choices, non-empty, distinct, non-null; copied (immutable)
 */
public record CategoricalDistribution(List<String> choices) implements Distribution {

  /**
   * Validates the choices.
   *
   * @throws IllegalArgumentException if {@code choices} is empty or has a null or duplicate entry
   */
  public CategoricalDistribution {
    Objects.requireNonNull(choices, "choices");
    if (choices.isEmpty()) {
      throw new IllegalArgumentException("a categorical distribution needs at least one choice");
    }
    for (String c : choices) {
      if (c == null) {
        throw new IllegalArgumentException("categorical choices must not be null: " + choices);
      }
    }
    if (new HashSet<>(choices).size() != choices.size()) {
      throw new IllegalArgumentException("categorical choices must be distinct: " + choices);
    }
    choices = List.copyOf(choices);
  }

  /** The distribution over {@code choices}. */
  public static CategoricalDistribution of(String... choices) {
    return new CategoricalDistribution(List.of(choices));
  }

  @Override
  public double toInternal(Object external) {
    int i = external instanceof String s ? choices.indexOf(s) : -1;
    if (i < 0) {
      throw new IllegalArgumentException(external + " is not one of " + choices);
    }
    return i;
  }

  @Override
  public Object toExternal(double internal) {
    if (internal != Math.rint(internal) || internal < 0 || internal >= choices.size()) {
      throw new IllegalArgumentException(
          internal + " is not a choice index of " + choices + " (0.." + (choices.size() - 1) + ")");
    }
    return choices.get((int) internal);
  }

  @Override
  public boolean contains(Object external) {
    return external instanceof String s && choices.contains(s);
  }

  @Override
  public boolean isSingle() {
    return choices.size() == 1;
  }

  @Override
  public Object singleValue() {
    if (!isSingle()) {
      throw new IllegalStateException(this + " has more than one value");
    }
    return choices.get(0);
  }
}
