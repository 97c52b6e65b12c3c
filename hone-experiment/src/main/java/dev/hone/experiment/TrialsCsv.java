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
 * trials_dataframe()}), then {@code pruned_at_step} and {@code last_intermediate_value}. A PRUNED
 * trial has an empty {@code value} (it never computed the objective); its {@code pruned_at_step}
 * is its last reported step (for {@code --pruner}: the 0-based XGBoost round) and {@code
 * last_intermediate_value} the value reported there, in the learner's validation metric (log-loss
 * or RMSE), not the objective. Missing values are empty cells. {@code duration_s} is the trial's
 * start-to-finish time, except for a fidelity pilot's trial (recorded after the pilot fitted it):
 * there it is the fit's own time ({@link #seconds}).
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
            header.add("pruned_at_step");
            header.add("last_intermediate_value");
            w.writeRecord(header);
            for (TrialRecord t : trials) {
              List<String> row = new ArrayList<>();
              row.add(Integer.toString(t.number()));
              row.add(t.state().name());
              boolean pruned = t.state() == dev.hone.search.study.TrialState.PRUNED;
              row.add(t.value() == null || pruned ? "" : repr(t.value()));
              double sec = seconds(t);
              row.add(Double.isNaN(sec) ? "" : String.format(Locale.ROOT, "%.3f", sec));
              for (String p : paramNames) {
                Object v = t.params().get(p);
                row.add(v == null ? "" : v instanceof Double d ? repr(d) : String.valueOf(v));
              }
              int step = pruned ? dev.hone.search.pruner.Pruners.lastStep(t) : -1;
              row.add(step < 0 ? "" : Integer.toString(step));
              row.add(step < 0 ? "" : repr(t.intermediateValues().get(step)));
              w.writeRecord(row);
            }
          }
        });
  }

  /**
   * A trial's time in seconds: the fit time a fidelity pilot recorded ({@link
   * LowFidelitySearch#FIT_SECONDS_ATTRIBUTE}) when present, else start to finish; NaN while the
   * trial has not finished.
   */
  static double seconds(TrialRecord t) {
    String fit = t.userAttributes().get(LowFidelitySearch.FIT_SECONDS_ATTRIBUTE);
    if (fit != null) {
      try {
        return Double.parseDouble(fit);
      } catch (NumberFormatException e) {
        // a value written by something else: fall back to the recorded duration
      }
    }
    return t.finishedAt() == null ? Double.NaN : t.duration().toMillis() / 1000.0;
  }

  /** Shortest round-trip representation, as Java's {@link Double#toString}. */
  private static String repr(double d) {
    return Double.toString(d);
  }
}
