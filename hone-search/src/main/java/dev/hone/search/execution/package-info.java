/**
 * Running a study's trials: the {@link dev.hone.search.execution.TrialExecutor} interface (what a
 * cluster engine implements), {@link dev.hone.search.execution.ThreadPoolTrialExecutor} (N
 * concurrent trials on an {@link java.util.concurrent.ExecutorService}, with heartbeats, per-trial
 * timeouts and exact trial targets across processes sharing a store), and the plan and result
 * records (design after {@code optuna/study/_optimize.py} with Optuna's heartbeat mechanism,
 * {@code optuna/storages/_heartbeat.py}).
 */
package dev.hone.search.execution;
