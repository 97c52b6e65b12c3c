/**
 * Search spaces as immutable values: a sealed {@link dev.hone.search.space.Distribution} hierarchy
 * (float, integer, categorical), each validated in its constructor, and an ordered {@link
 * dev.hone.search.space.SearchSpace} of named distributions. Samplers live elsewhere and only read
 * these values (design after {@code optuna/distributions.py}).
 */
package dev.hone.search.space;
