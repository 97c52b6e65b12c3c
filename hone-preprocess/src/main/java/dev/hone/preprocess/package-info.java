/**
 * Preprocessing fitted on the training split only: turns a marked {@link dev.hone.core.data.Table}
 * into a {@link dev.hone.core.model.FeatureMatrix} plus labels, is saved with the model, and is
 * applied unchanged at prediction time.
 *
 * <p>Entry points: {@link dev.hone.preprocess.Preprocessor} (the unfitted options) and {@link
 * dev.hone.preprocess.FittedPreprocessor} (the fitted, serialisable state). {@link
 * dev.hone.preprocess.SchemaCoercion} converts freshly read columns to the saved types.
 */
package dev.hone.preprocess;
