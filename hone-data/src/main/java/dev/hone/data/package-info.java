/**
 * Loading data for learning: {@link dev.hone.data.LabelledTableBuilder} marks target, task and
 * sensitive columns on a table read by {@link dev.hone.data.csv.CsvTableReader} or resolved
 * through {@link dev.hone.data.registry.DatasetRegistry}; {@link dev.hone.data.split.Splitter}
 * splits it and {@link dev.hone.data.quality.DuplicateCheck} finds leaking duplicate rows.
 */
package dev.hone.data;
