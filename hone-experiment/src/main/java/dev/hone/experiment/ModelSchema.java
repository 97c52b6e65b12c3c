package dev.hone.experiment;

import dev.hone.core.data.Schema;
import java.util.List;

/**
 * {@code schema.json} in a model directory: what a prediction table must look like.
 *
 * @param formatVersion format version of this file, currently {@value #FORMAT}
 * @param learner learner name (to find the loader)
 * @param task task name
 * @param target target column
 * @param classLabels class labels in class-index order; empty for regression
 * @param input schema of the training table as read (target included)
 * @param rawColumns column names in file order, used to name header-less prediction files
 */
public record ModelSchema(
    int formatVersion,
    String learner,
    String task,
    String target,
    List<String> classLabels,
    Schema input,
    List<String> rawColumns) {
  /** Current format version. */
  public static final int FORMAT = 1;
}
