/**
 * A durable {@link dev.hone.search.store.StudyStore} on PostgreSQL, for workers on several
 * machines sharing one study: {@link dev.hone.store.postgres.PostgresStudyStore} and its schema
 * versioning, {@link dev.hone.store.postgres.PostgresSchemaMigrator}.
 */
package dev.hone.store.postgres;
