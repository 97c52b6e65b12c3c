package dev.hone.search.space;

/**
 * The set of values one hyperparameter may take, as an immutable value.
 *
 * <p>Every distribution maps between its <em>external</em> values (what the objective sees: {@code
 * Double} for {@link FloatDistribution}, {@code Long} for {@link IntDistribution}, {@code String}
 * for {@link CategoricalDistribution}) and an <em>internal</em> {@code double} used for storage and
 * modelling: the number itself for numeric distributions (never log-transformed; samplers apply the
 * log transform themselves) and the index of the choice for categorical ones. The mapping follows
 * Optuna's {@code to_internal_repr}/{@code to_external_repr}.
 *
 * <p>Distributions are compared by value ({@code equals}); two trials that suggested the same name
 * with equal distributions sampled from the same space.
 */
public sealed interface Distribution
    permits FloatDistribution, IntDistribution, CategoricalDistribution {

  /**
   * Maps an external value to its internal {@code double}.
   *
   * @param external a value for which {@link #contains(Object)} is true
   * @return the internal representation
   * @throws IllegalArgumentException if {@code external} is not a value of this distribution
   */
  double toInternal(Object external);

  /**
   * Maps an internal {@code double} back to the external value ({@code Double}, {@code Long} or
   * {@code String}).
   *
   * @throws IllegalArgumentException if {@code internal} does not denote a value of this
   *     distribution (e.g. a categorical index out of range)
   */
  Object toExternal(double internal);

  /**
   * Whether {@code external} is a value of this distribution: of the right Java type, inside the
   * bounds and, for stepped distributions, on the grid.
   */
  boolean contains(Object external);

  /** Whether the distribution holds exactly one value (a sampler then has nothing to choose). */
  boolean isSingle();

  /** The only value of a distribution for which {@link #isSingle()} is true. */
  Object singleValue();
}
