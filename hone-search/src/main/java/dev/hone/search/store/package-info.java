/**
 * Persistence of studies and trials behind the {@link dev.hone.search.store.StudyStore} contract,
 * with an in-memory implementation; durable stores live in their own modules and pass the same
 * contract test suite (design after {@code optuna/storages/_base.py}).
 */
package dev.hone.search.store;
