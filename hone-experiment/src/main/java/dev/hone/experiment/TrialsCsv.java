package dev.hone.experiment;

import de.siegmar.fastcsv.writer.CsvWriter;
import dev.hone.search.study.TrialRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes {@code trials.csv}: one row per trial with {@code number, state, value, duration_s} and
 * one {@code params_NAME} column per hyperparameter (the layout of Optuna's {@code
 * trials_dataframe()}). Missing values are empty cells.
 */
final class TrialsCsv {
  private TrialsCsv() {}

  static void write(Path file, List<TrialRecord> trials, List<String> paramNames) {
    AtomicFiles.writeFile(
        file,
        tmp -> {
          try (CsvWriter w = CsvWriter.builder().build(tmp)) {
            List<String> header = new ArrayList<>(List.of("number", "state", "value", "duration_s"));
            for (String p : paramNames) {
              header.add("params_" + p);
            }
            w.writeRecord(header);
            for (TrialRecord t : trials) {
              List<String> row = new ArrayList<>();
              row.add(Integer.toString(t.number()));
              row.add(t.state().name());
              row.add(t.value() == null ? "" : repr(t.value()));
              row.add(
                  t.finishedAt() == null
                      ? ""
                      : String.format(Locale.ROOT, "%.3f", t.duration().toMillis() / 1000.0));
              for (String p : paramNames) {
                Object v = t.params().get(p);
                row.add(v == null ? "" : v instanceof Double d ? repr(d) : String.valueOf(v));
              }
              w.writeRecord(row);
            }
          }
        });
  }

  /** Shortest round-trip representation, as Java's {@link Double#toString}. */
  private static String repr(double d) {
    return Double.toString(d);
  }
}
