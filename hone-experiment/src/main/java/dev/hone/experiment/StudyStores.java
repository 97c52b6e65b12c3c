package dev.hone.experiment;

import dev.hone.core.error.UserInputException;
import dev.hone.search.store.StudyStore;
import dev.hone.search.study.StudySummaries;
import dev.hone.store.postgres.PostgresSchemaMigrator;
import dev.hone.store.postgres.PostgresStudyStore;
import dev.hone.store.sqlite.SchemaMigrator;
import dev.hone.store.sqlite.SqliteStudyStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/**
 * Opens study storage by URL ({@code jdbc:sqlite:PATH} for one machine, {@code
 * jdbc:postgresql://HOST/DB} for workers on several machines) and serves the {@code hone study}
 * and {@code hone store} commands.
 */
public final class StudyStores {
  private StudyStores() {}

  /**
   * @throws UserInputException for an unsupported URL or unreachable storage
   */
  public static StudyStore open(String url) {
    checkScheme(url);
    if (url.startsWith("jdbc:sqlite:")) {
      return SqliteStudyStore.open(url);
    }
    return PostgresStudyStore.open(url);
  }

  /**
   * Checks that {@code url} names a supported kind of storage, without opening it, so that a
   * command can refuse a mistyped {@code --storage} before any long work.
   *
   * @throws UserInputException for a URL that is neither {@code jdbc:sqlite:} nor {@code
   *     jdbc:postgresql:}
   */
  public static void checkScheme(String url) {
    if (!url.startsWith("jdbc:sqlite:") && !url.startsWith(PostgresStudyStore.URL_PREFIX)) {
      throw new UserInputException(
          "--storage '" + url + "' is not supported: use jdbc:sqlite:PATH or"
              + " jdbc:postgresql://HOST:PORT/DATABASE?user=...");
    }
  }

  /** {@code hone study list}: one summary per study. */
  public static List<StudySummaries.StudySummary> list(String url) {
    try (StudyStore store = open(url)) {
      return StudySummaries.list(store);
    }
  }

  /** {@code hone study list} as text: one line per study. */
  public static String listText(String url) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(java.util.Locale.ROOT, "%-24s %8s %8s %8s %8s  %s%n",
        "study", "trials", "complete", "failed", "best", "value"));
    for (StudySummaries.StudySummary s : list(url)) {
      sb.append(String.format(java.util.Locale.ROOT, "%-24s %8d %8d %8d %8s  %s%n",
          s.name(), s.trials(), s.trialsByState().getOrDefault("COMPLETE", 0),
          s.trialsByState().getOrDefault("FAIL", 0),
          s.bestTrial() == null ? "-" : s.bestTrial().toString(),
          s.bestValue() == null ? "-" : s.bestValue().toString()));
    }
    return sb.toString();
  }

  /** {@code hone study show} as text: the study's summary (JSON) and its trials (CSV). */
  public static String showText(String url, String study) {
    StudySummaries.StudyDetail d = show(url, study);
    StringBuilder sb = new StringBuilder(dev.hone.core.json.Json.write(d.summary()));
    sb.append(System.lineSeparator());
    StudySummaries.writeCsv(d.trials(), d.summary().directions().size(), sb);
    return sb.toString();
  }

  /** {@code hone study show}: one study and its trials. */
  public static StudySummaries.StudyDetail show(String url, String study) {
    try (StudyStore store = open(url)) {
      return StudySummaries.show(store, study);
    }
  }

  /** {@code hone study export}: the trials as CSV ({@code csv}) or JSON ({@code json}). */
  public static void export(String url, String study, String format, Writer out) {
    StudySummaries.StudyDetail d = show(url, study);
    try {
      if (format.equals("json")) {
        out.write(StudySummaries.toJson(d.trials()));
      } else if (format.equals("csv")) {
        StudySummaries.writeCsv(d.trials(), d.summary().directions().size(), out);
      } else {
        throw new UserInputException("--format was '" + format + "' but must be csv or json");
      }
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code hone store upgrade}: migrates the storage's schema to the current version. */
  public static String upgrade(String url) {
    if (url.startsWith(PostgresStudyStore.URL_PREFIX)) {
      var u = PostgresSchemaMigrator.upgrade(url);
      return u.toString();
    }
    SchemaMigrator.Upgrade u = SchemaMigrator.upgrade(url);
    if (u.fromVersion() == u.toVersion()) {
      return u.database() + " is already at schema version " + u.toVersion();
    }
    return "upgraded " + u.database() + " from schema version " + u.fromVersion() + " to "
        + u.toVersion() + (u.backup() == null ? "" : "; backup in " + u.backup());
  }
}
