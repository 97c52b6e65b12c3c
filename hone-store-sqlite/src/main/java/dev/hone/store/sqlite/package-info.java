/**
 * A durable {@link dev.hone.search.store.StudyStore} in a single SQLite file: versioned schema,
 * WAL journal, one writer connection, every write in one transaction, and non-finite numbers
 * stored explicitly.
 */
package dev.hone.store.sqlite;
