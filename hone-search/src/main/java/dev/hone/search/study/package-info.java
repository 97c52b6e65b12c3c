/**
 * The ask/tell optimisation engine: a {@link dev.hone.search.study.Study} hands out live {@link
 * dev.hone.search.study.Trial}s, finalises them into immutable {@link
 * dev.hone.search.study.TrialRecord}s, and {@link
 * dev.hone.search.study.Study#optimize(Objective, StopCondition, StudyListener)} is only a loop over
 * ask and tell (design after {@code optuna/study/study.py} and {@code optuna/study/_optimize.py}).
 */
package dev.hone.search.study;
