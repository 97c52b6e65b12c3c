package dev.hone.experiment;

import dev.hone.core.data.Table;
import dev.hone.core.provenance.DataProvenance;
import java.util.List;

/**
 * Tables read for a run, marked with target, sensitive columns and task.
 *
 * @param name dataset name or file name, for titles
 * @param train the labelled training table (to be split)
 * @param test the separate labelled test table, or {@code null}
 * @param trainProvenance source and hash of the training file
 * @param testProvenance source and hash of the test file, or {@code null}
 * @param rawColumns every column name of the file as read, in file order (for header-less input)
 * @param warnings data warnings (dropped columns or rows)
 */
record LoadedData(
    String name,
    Table train,
    Table test,
    DataProvenance trainProvenance,
    DataProvenance testProvenance,
    List<String> rawColumns,
    List<String> warnings) {
  LoadedData {
    rawColumns = List.copyOf(rawColumns);
    warnings = List.copyOf(warnings);
  }
}
