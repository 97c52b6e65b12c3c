package dev.hone.search.study;

import dev.hone.core.error.UserInputException;
import dev.hone.core.json.Json;
import dev.hone.search.store.StudyInfo;
import dev.hone.search.store.StudyStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What {@code hone study list|show|export} print: summaries of the studies in a store, one
 * study's trials, and trials as CSV or JSON rows (the layout of Optuna's {@code
 * trials_dataframe}). Results are immutable, JSON-serialisable records; rendering them as text is
 * the caller's job, except the CSV and JSON writers here.
 */
public final class StudySummaries {
  private StudySummaries() {}

  /**
   * One study at a glance.
   *
   * @param name the study name
   * @param directions one per objective
   * @param seed the root seed
   * @param createdAt creation time, ISO-8601 UTC
   * @param trials all trials
   * @param trialsByState state name &rarr; count, every state present, in life-cycle order
   * @param bestTrial number of the best COMPLETE trial (ties: lower number), or null when none is
   *     COMPLETE or the study has several objectives (its best trials form a Pareto front)
   * @param bestValue that trial's value, or null
   * @param userAttributes the study's user attributes
   */
  public record StudySummary(
      String name,
      List<Direction> directions,
      long seed,
      String createdAt,
      int trials,
      Map<String, Integer> trialsByState,
      Integer bestTrial,
      Double bestValue,
      Map<String, String> userAttributes) {}

  /**
   * One trial as a flat row.
   *
   * @param number the trial number
   * @param state its state name
   * @param values its objective values (empty unless COMPLETE, or PRUNED with a value)
   * @param datetimeStart start, ISO-8601 UTC, or null while WAITING
   * @param datetimeComplete finish, or null unless finished
   * @param durationSeconds finish minus start in seconds, or null
   * @param params name &rarr; value ({@code Double}, {@code Long}, {@code String})
   * @param fixedParams the configuration the trial was enqueued with (empty if sampled)
   * @param userAttributes the trial's user attributes
   */
  public record TrialRow(
      int number,
      String state,
      List<Double> values,
      String datetimeStart,
      String datetimeComplete,
      Double durationSeconds,
      Map<String, Object> params,
      Map<String, Object> fixedParams,
      Map<String, String> userAttributes) {}

  /**
   * A study and its trials.
   *
   * @param summary the study at a glance
   * @param trials every trial, ordered by number
   */
  public record StudyDetail(StudySummary summary, List<TrialRow> trials) {}

  /** Summaries of every study in {@code store}, ordered by creation (id). */
  public static List<StudySummary> list(StudyStore store) {
    List<StudySummary> out = new ArrayList<>();
    for (StudyInfo info : store.studies()) {
      out.add(summarise(info, store.trials(info.id())));
    }
    return List.copyOf(out);
  }

  /**
   * One study and all its trials.
   *
   * @throws UserInputException if the store has no study called {@code name}; the message lists
   *     the names it has
   */
  public static StudyDetail show(StudyStore store, String name) {
    StudyInfo info = find(store, name);
    List<TrialRecord> trials = store.trials(info.id());
    return new StudyDetail(summarise(info, trials), rows(trials));
  }

  private static StudyInfo find(StudyStore store, String name) {
    return store.findStudy(name).orElseThrow(() -> new UserInputException(
        "no study '" + name + "' in " + store + "; it has "
            + store.studies().stream().map(StudyInfo::name).toList()
            + " (see hone study list)"));
  }

  static StudySummary summarise(StudyInfo info, List<TrialRecord> trials) {
    Map<String, Integer> byState = new LinkedHashMap<>();
    for (TrialState s : TrialState.values()) {
      byState.put(s.name(), 0);
    }
    for (TrialRecord t : trials) {
      byState.merge(t.state().name(), 1, Integer::sum);
    }
    TrialRecord best = info.directions().size() == 1
        ? Study.best(trials, info.directions()).orElse(null) : null;
    return new StudySummary(info.name(), info.directions(), info.seed(),
        info.createdAt().toString(), trials.size(), byState,
        best == null ? null : best.number(), best == null ? null : best.value(),
        info.userAttributes());
  }

  /** The trials as rows, in the given order. */
  public static List<TrialRow> rows(List<TrialRecord> trials) {
    List<TrialRow> out = new ArrayList<>(trials.size());
    for (TrialRecord t : trials) {
      out.add(new TrialRow(t.number(), t.state().name(), t.values(),
          t.startedAt() == null ? null : t.startedAt().toString(),
          t.finishedAt() == null ? null : t.finishedAt().toString(),
          t.duration() == null ? null : t.duration().toNanos() / 1e9,
          t.params(), t.fixedParams(), t.userAttributes()));
    }
    return List.copyOf(out);
  }

  /**
   * Writes rows as CSV (RFC 4180: fields with a comma, quote or line break are quoted, quotes
   * doubled), one header line then one line per row. Columns: {@code number, state}, then {@code
   * value} (one objective) or {@code values_0 .. values_{k-1}}, {@code datetime_start,
   * datetime_complete, duration_s}, one {@code params_NAME} per parameter and one {@code
   * user_attrs_KEY} per attribute, each in order of first appearance. Doubles are written as
   * {@link Double#toString} (shortest exact form, {@code NaN}, {@code Infinity}); missing cells are
   * empty.
   *
   * @param objectives the number of objectives of the study ({@code >= 1})
   */
  public static void writeCsv(List<TrialRow> rows, int objectives, Appendable out) {
    Set<String> params = new LinkedHashSet<>();
    Set<String> attrs = new LinkedHashSet<>();
    for (TrialRow r : rows) {
      params.addAll(r.params().keySet());
      attrs.addAll(r.userAttributes().keySet());
    }
    List<String> header = new ArrayList<>(List.of("number", "state"));
    if (objectives == 1) {
      header.add("value");
    } else {
      for (int i = 0; i < objectives; i++) {
        header.add("values_" + i);
      }
    }
    header.addAll(List.of("datetime_start", "datetime_complete", "duration_s"));
    params.forEach(p -> header.add("params_" + p));
    attrs.forEach(a -> header.add("user_attrs_" + a));
    try {
      line(out, header);
      for (TrialRow r : rows) {
        List<String> cells = new ArrayList<>();
        cells.add(Integer.toString(r.number()));
        cells.add(r.state());
        for (int i = 0; i < objectives; i++) {
          cells.add(i < r.values().size() ? Double.toString(r.values().get(i)) : "");
        }
        cells.add(r.datetimeStart() == null ? "" : r.datetimeStart());
        cells.add(r.datetimeComplete() == null ? "" : r.datetimeComplete());
        cells.add(r.durationSeconds() == null ? ""
            : String.format(Locale.ROOT, "%.3f", r.durationSeconds()));
        for (String p : params) {
          Object v = r.params().get(p);
          cells.add(v == null ? "" : v.toString());
        }
        for (String a : attrs) {
          String v = r.userAttributes().get(a);
          cells.add(v == null ? "" : v);
        }
        line(out, cells);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The rows as a JSON array (Hone's JSON codec: NaN and infinities as such). */
  public static String toJson(List<TrialRow> rows) {
    return Json.write(rows);
  }

  private static void line(Appendable out, List<String> cells) throws IOException {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      String c = cells.get(i);
      if (c.contains(",") || c.contains("\"") || c.contains("\n") || c.contains("\r")) {
        out.append('"').append(c.replace("\"", "\"\"")).append('"');
      } else {
        out.append(c);
      }
    }
    out.append('\n');
  }
}
