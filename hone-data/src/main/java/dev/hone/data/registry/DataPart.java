package dev.hone.data.registry;

import dev.hone.data.csv.CsvOptions;
import java.util.Objects;

/**
 * A file of a dataset together with how to read it.
 *
 * @param file the file and its pinned hashes
 * @param options how {@link dev.hone.data.csv.CsvTableReader} reads it
 */
public record DataPart(DatasetFile file, CsvOptions options) {
  public DataPart {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(options, "options");
  }
}
