package dev.hone.core.provenance;

import java.util.Map;

/**
 * Everything needed to know where a model came from and to train it again: data hash, split,
 * resolved hyperparameters, study and trial, library versions, machine, and timing. Written as
 * {@code provenance.json} beside every saved model.
 *
 * @param honeVersion version of Hone that trained the model
 * @param learner learner name, e.g. {@code xgboost}
 * @param task learning task
 * @param target target column
 * @param data training data provenance
 * @param testData separate test file provenance, or {@code null} when split from {@code data}
 * @param split split method, seed and sizes
 * @param hyperparameters every hyperparameter after defaults were filled
 * @param fitInfo facts learned in the final fit (e.g. number of boosting rounds)
 * @param study study name
 * @param storage study storage URL
 * @param bestTrial number of the trial whose configuration was refitted
 * @param seed the run's root seed
 * @param environment JVM, OS and library versions
 * @param startedAt run start, ISO-8601 UTC instant
 * @param finishedAt final model saved, ISO-8601 UTC instant
 */
public record ModelProvenance(
    String honeVersion,
    String learner,
    String task,
    String target,
    DataProvenance data,
    DataProvenance testData,
    SplitProvenance split,
    Map<String, Object> hyperparameters,
    Map<String, Object> fitInfo,
    String study,
    String storage,
    int bestTrial,
    long seed,
    EnvironmentInfo environment,
    String startedAt,
    String finishedAt) {}
