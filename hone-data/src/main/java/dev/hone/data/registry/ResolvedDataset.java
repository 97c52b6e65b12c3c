package dev.hone.data.registry;

import dev.hone.core.data.Column;
import dev.hone.core.data.Table;
import dev.hone.core.data.TaskType;
import dev.hone.core.error.DataValidationException;
import dev.hone.data.LabelledTableBuilder;
import dev.hone.data.PreparedTable;
import dev.hone.data.csv.CsvOptions;
import dev.hone.data.csv.CsvTableReader;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A registered dataset whose files are present and verified: the paths, how to read them, and the
 * learning setup (target, task, sensitive columns).
 *
 * @param descriptor the registry entry
 * @param train the training file
 * @param test the separate test file, or {@code null}
 * @param trainTarget the separate target file joined to {@code train}, or {@code null}
 */
public record ResolvedDataset(
    DatasetDescriptor descriptor, ResolvedFile train, ResolvedFile test, ResolvedFile trainTarget) {
  public ResolvedDataset {
    Objects.requireNonNull(descriptor, "descriptor");
    Objects.requireNonNull(train, "train");
    if ((test == null) != (descriptor.test() == null)
        || (trainTarget == null) != (descriptor.trainTarget() == null)) {
      throw new IllegalArgumentException("resolved files do not match " + descriptor.name());
    }
  }

  public String name() {
    return descriptor.name();
  }

  public String target() {
    return descriptor.target();
  }

  public TaskType task() {
    return descriptor.task();
  }

  public List<String> sensitive() {
    return descriptor.sensitive();
  }

  public String description() {
    return descriptor.description();
  }

  public String citation() {
    return descriptor.citation();
  }

  public CsvOptions trainOptions() {
    return descriptor.train().options();
  }

  /** Options for the test file; empty when there is none. */
  public Optional<CsvOptions> testOptions() {
    return Optional.ofNullable(descriptor.test()).map(DataPart::options);
  }

  /**
   * Reads the training table, with the target file joined column-wise when the dataset has one.
   *
   * @throws DataValidationException if a file is malformed or the target file's row count differs
   */
  public Table readTrain() {
    Table data = CsvTableReader.read(train.path(), descriptor.train().options());
    if (trainTarget == null) {
      return data;
    }
    Table t = CsvTableReader.read(trainTarget.path(), descriptor.trainTarget().options());
    if (t.columnCount() != 1 || t.rowCount() != data.rowCount()) {
      throw new DataValidationException(
          "target file " + trainTarget.path() + " has " + t.rowCount() + " rows and "
              + t.columnCount() + " columns, but " + train.path() + " has " + data.rowCount()
              + " rows; expected one column with one value per row. The files do not belong"
              + " together");
    }
    Column target = t.columns().get(0).rename(descriptor.target());
    return data.with(target);
  }

  /** Reads the separate test table; empty when the dataset has none. */
  public Optional<Table> readTest() {
    if (test == null) {
      return Optional.empty();
    }
    return Optional.of(CsvTableReader.read(test.path(), descriptor.test().options()));
  }

  /** {@link #readTrain()} prepared with the registered target, task and sensitive columns. */
  public PreparedTable prepareTrain() {
    return LabelledTableBuilder.prepare(
        readTrain(), descriptor.target(), descriptor.task(), descriptor.sensitive(),
        descriptor.sourceName() + " (" + train.path().getFileName() + ")");
  }

  /** {@link #readTest()} aligned with a prepared training table; empty when there is none. */
  public Optional<PreparedTable> prepareTest(PreparedTable preparedTrain) {
    return readTest()
        .map(t -> LabelledTableBuilder.prepareLike(
            t, preparedTrain, descriptor.sourceName() + " (" + test.path().getFileName() + ")"));
  }
}
