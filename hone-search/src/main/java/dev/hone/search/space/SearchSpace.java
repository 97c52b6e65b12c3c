package dev.hone.search.space;

import dev.hone.core.params.ParamSpec;
import dev.hone.core.params.SearchHint;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An ordered, immutable set of named distributions: the parameters a trial suggests, in the order
 * they are suggested by {@code Trial.suggestAll}.
 */
public final class SearchSpace {
  private final Map<String, Distribution> distributions;

  private SearchSpace(Map<String, Distribution> distributions) {
    this.distributions = Collections.unmodifiableMap(new LinkedHashMap<>(distributions));
  }

  /** A new, empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The default search space of a learner: one distribution for each spec with a non-null {@link
   * ParamSpec#search()} hint, in the specs' order; specs without a hint are left out.
   *
   * <ul>
   *   <li>{@code FLOAT} &rarr; {@code FloatDistribution(low, high, log, null)}
   *   <li>{@code INT} &rarr; {@code IntDistribution(ceil(low), floor(high), log, 1)}
   *   <li>{@code CHOICE} &rarr; {@code CategoricalDistribution(hint.choices())}
   * </ul>
   *
   * @throws IllegalArgumentException if a hint does not make a valid distribution (e.g. an INT
   *     hint with no integer in its range, or a CHOICE hint without choices)
   */
  public static SearchSpace fromHints(List<ParamSpec> specs) {
    Builder b = builder();
    for (ParamSpec s : specs) {
      SearchHint h = s.search();
      if (h == null) {
        continue;
      }
      try {
        Distribution d =
            switch (s.type()) {
              case FLOAT -> new FloatDistribution(h.low(), h.high(), h.log(), null);
              case INT -> new IntDistribution(
                  (long) Math.ceil(h.low()), (long) Math.floor(h.high()), h.log(), 1);
              case CHOICE -> new CategoricalDistribution(h.choices());
            };
        b.add(s.name(), d);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "search hint of parameter '" + s.name() + "' is invalid: " + e.getMessage(), e);
      }
    }
    return b.build();
  }

  /** Name &rarr; distribution, in insertion order; unmodifiable. */
  public Map<String, Distribution> distributions() {
    return distributions;
  }

  /** Number of parameters. */
  public int size() {
    return distributions.size();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SearchSpace s && s.distributions.equals(distributions);
  }

  @Override
  public int hashCode() {
    return distributions.hashCode();
  }

  @Override
  public String toString() {
    return "SearchSpace" + distributions;
  }

  /** Collects named distributions; names must be unique and non-blank. */
  public static final class Builder {
    private final Map<String, Distribution> map = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Adds a parameter.
     *
     * @throws IllegalArgumentException if {@code name} is blank or already added
     */
    public Builder add(String name, Distribution d) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(d, "distribution");
      if (name.isBlank()) {
        throw new IllegalArgumentException("parameter name must not be blank");
      }
      if (map.containsKey(name)) {
        throw new IllegalArgumentException("parameter '" + name + "' is already in the space");
      }
      map.put(name, d);
      return this;
    }

    /** The immutable space. */
    public SearchSpace build() {
      return new SearchSpace(map);
    }
  }
}
