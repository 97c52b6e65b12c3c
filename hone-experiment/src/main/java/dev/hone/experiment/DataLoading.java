package dev.hone.experiment;

import dev.hone.core.data.Table;
import dev.hone.core.provenance.DataProvenance;
import dev.hone.data.FileHashes;
import dev.hone.data.LabelledTableBuilder;
import dev.hone.data.PreparedTable;
import dev.hone.data.csv.CsvOptions;
import dev.hone.data.csv.CsvTableReader;
import dev.hone.data.registry.DatasetRegistry;
import dev.hone.data.registry.ResolvedDataset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads and prepares the tables of a run from {@code --dataset} or {@code --data}. */
final class DataLoading {
  private DataLoading() {}

  static LoadedData load(TrainConfig cfg) {
    if (cfg.dataset() != null) {
      ResolvedDataset ds = DatasetRegistry.standard().resolve(cfg.dataset());
      Table raw = ds.readTrain();
      String target = cfg.target() != null ? cfg.target() : ds.target();
      List<String> sensitive = cfg.sensitive() != null ? cfg.sensitive() : ds.sensitive();
      PreparedTable train =
          LabelledTableBuilder.prepare(
              raw, target, cfg.task() != null ? cfg.task() : ds.task(), sensitive,
              "dataset " + ds.name() + " (" + ds.train().path().getFileName() + ")");
      DataProvenance trainProv =
          new DataProvenance(
              "dataset:" + ds.name() + " " + ds.train().path().getFileName()
                  + (ds.trainTarget() == null ? "" : " + " + ds.trainTarget().path().getFileName()),
              ds.trainTarget() == null
                  ? ds.train().sha256()
                  : ds.train().sha256() + "+" + ds.trainTarget().sha256(),
              raw.rowCount(),
              raw.columnCount());
      PreparedTable test = null;
      DataProvenance testProv = null;
      if (cfg.testData() != null) {
        test = readTestFile(cfg.testData(), cfg.csv().apply(CsvOptions.defaults()), train);
        testProv = fileProvenance(cfg.testData(), test.table());
      } else if (ds.test() != null) {
        test = ds.prepareTest(train).orElseThrow();
        testProv =
            new DataProvenance(
                "dataset:" + ds.name() + " " + ds.test().path().getFileName(), ds.test().sha256(),
                test.table().rowCount() + test.droppedRows(), test.table().columnCount());
      }
      return result(ds.name(), train, test, trainProv, testProv, raw.columnNames());
    }
    Path file = cfg.data();
    Table raw = CsvTableReader.read(file, cfg.csv().apply(CsvOptions.defaults()));
    PreparedTable train =
        LabelledTableBuilder.prepare(
            raw, cfg.target(), cfg.task(), cfg.sensitive(), file.toString());
    DataProvenance trainProv = fileProvenance(file, raw);
    PreparedTable test = null;
    DataProvenance testProv = null;
    if (cfg.testData() != null) {
      test = readTestFile(cfg.testData(), cfg.csv().apply(CsvOptions.defaults()), train);
      testProv = fileProvenance(cfg.testData(), test.table());
    }
    return result(
        file.getFileName().toString(), train, test, trainProv, testProv, raw.columnNames());
  }

  private static PreparedTable readTestFile(Path file, CsvOptions opts, PreparedTable train) {
    Table raw = CsvTableReader.read(file, opts);
    return LabelledTableBuilder.prepareLike(raw, train, file.toString());
  }

  private static DataProvenance fileProvenance(Path file, Table t) {
    return new DataProvenance(
        file.toAbsolutePath().normalize().toString(), FileHashes.sha256(file), t.rowCount(),
        t.columnCount());
  }

  private static LoadedData result(
      String name, PreparedTable train, PreparedTable test, DataProvenance trainProv,
      DataProvenance testProv, List<String> rawColumns) {
    List<String> warnings = new ArrayList<>(train.warnings());
    if (test != null) {
      for (String w : test.warnings()) {
        warnings.add("test data: " + w);
      }
    }
    return new LoadedData(
        name, train.table(), test == null ? null : test.table(), trainProv, testProv, rawColumns,
        warnings);
  }
}
