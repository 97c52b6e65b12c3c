package dev.hone.preprocess;

import dev.hone.core.data.Schema;
import dev.hone.core.data.TaskType;
import java.util.List;

/**
 * The JSON document {@code preprocessor.json}. Field meanings as in {@link FittedPreprocessor};
 * {@code kind} is always {@value FittedPreprocessor#KIND} and {@code formatVersion} is {@value
 * FittedPreprocessor#FORMAT_VERSION} for files this version writes.
 */
record PreprocessorFile(
    String kind,
    int formatVersion,
    Preprocessor options,
    String target,
    TaskType task,
    List<String> classLabels,
    Schema inputSchema,
    List<EncodedColumn> encodings,
    int trainRows) {}
