package dev.hone.store.sqlite;

import dev.hone.core.error.HoneException;
import dev.hone.core.error.UserInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * Creates, checks and upgrades the store's schema. Migrations are SQL scripts on the class path
 * under {@code dev/hone/store/sqlite/migration/}, {@code V1__...sql}, {@code V2__...sql}, ...; a new
 * database gets all of them in order, an older one the missing ones ({@link #upgrade}); the
 * version reached is recorded in the one-row table {@code schema_version}.
 *
 * <p>Opening a database at another version never touches it: {@link SqliteStudyStore#open}
 * reports both versions and what to do (recommendation: Optuna's {@code
 * check_table_schema_compatibility}); for an older database that is {@code hone store upgrade --db
 * PATH}, which calls {@link #upgrade(String)}.
 *
 * <p>Versions: 1, the first release (trials RUNNING/COMPLETE/PRUNED/FAIL, one value); 2, adds
 * WAITING (enqueued) trials, heartbeats, enqueued configurations, every objective value of a
 * trial and every direction of a study.
 */
public final class SchemaMigrator {
  private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);

  private SchemaMigrator() {}

  /** The schema version this code reads and writes. */
  public static final int CURRENT_VERSION = 2;

  /** Migration scripts, index {@code i} takes the schema from version {@code i} to {@code i+1}. */
  static final List<String> MIGRATIONS =
      List.of("V1__initial_schema.sql", "V2__queue_heartbeats_values.sql");

  /**
   * What {@link #upgrade} did.
   *
   * @param database the database file
   * @param fromVersion its schema version before
   * @param toVersion its schema version after ({@link #CURRENT_VERSION})
   * @param backup the copy taken before migrating ({@code PATH.schema-vN.bak}), or null when the
   *     database was already current
   */
  public record Upgrade(String database, int fromVersion, int toVersion, String backup) {}

  /**
   * Upgrades the study database named by {@code jdbc:sqlite:PATH}, or by a plain file path, to
   * {@link #CURRENT_VERSION}. See {@link #upgrade(Path)}.
   *
   * @throws UserInputException if the argument is another kind of URL (or an in-memory
   *     database), or as {@link #upgrade(Path)}
   */
  public static Upgrade upgrade(String db) {
    String path = db;
    if (db != null && db.startsWith(SqliteStudyStore.URL_PREFIX)) {
      path = db.substring(SqliteStudyStore.URL_PREFIX.length());
    }
    if (path == null || path.isBlank() || path.contains("?") || path.equals(":memory:")
        || path.startsWith("jdbc:") || path.contains("://")) {
      throw new UserInputException(
          "cannot upgrade '" + db + "': expected jdbc:sqlite:PATH or a file path naming a study"
              + " database file, e.g. hone store upgrade --db runs/hone.db");
    }
    return upgrade(Path.of(path));
  }

  /**
   * Upgrades the study database in {@code file} to {@link #CURRENT_VERSION}: first copies it,
   * consistently, to {@code FILE.schema-vN.bak} ({@code VACUUM INTO}; a numbered name if that
   * exists), then applies the missing migrations in one transaction with foreign keys checked
   * before commit. A crash leaves the database at its old version. A database already current is
   * left untouched. Other processes must not use the database meanwhile (they could not open it
   * anyway: its version differs from theirs).
   *
   * @return what was done
   * @throws UserInputException if the file does not exist, is not a Hone study database, or is
   *     newer than this code; the message says what to do
   */
  public static Upgrade upgrade(Path file) {
    Path p = file.toAbsolutePath().normalize();
    if (!Files.isRegularFile(p)) {
      throw new UserInputException(
          "cannot upgrade " + p + ": no such file. Pass the study database with --db"
              + " jdbc:sqlite:PATH");
    }
    String where = p.toString();
    SQLiteConfig cfg = new SQLiteConfig();
    cfg.setBusyTimeout(SqliteStudyStore.BUSY_TIMEOUT_MS);
    cfg.enforceForeignKeys(false); // the table rebuild of a migration needs them off
    try (Connection c = DriverManager.getConnection(SqliteStudyStore.URL_PREFIX + p,
        cfg.toProperties())) {
      int from = versionOf(c, where);
      if (from == CURRENT_VERSION) {
        return new Upgrade(where, from, from, null);
      }
      if (from > CURRENT_VERSION) {
        throw versionMismatch(where, from);
      }
      Path backup = Path.of(where + ".schema-v" + from + ".bak");
      for (int i = 1; Files.exists(backup); i++) {
        backup = Path.of(where + ".schema-v" + from + ".bak." + i);
      }
      try (PreparedStatement ps = c.prepareStatement("VACUUM INTO ?")) {
        ps.setString(1, backup.toString());
        ps.execute();
      }
      try (Statement s = c.createStatement()) {
        s.execute("BEGIN IMMEDIATE");
        try {
          int again = versionOf(c, where);
          if (again != from) {
            throw new UserInputException("study database " + where + " changed version from "
                + from + " to " + again + " while upgrading; run the upgrade again");
          }
          for (int v = from; v < CURRENT_VERSION; v++) {
            for (String sql : statements(MIGRATIONS.get(v))) {
              s.execute(sql);
            }
          }
          try (ResultSet rs = s.executeQuery("PRAGMA foreign_key_check")) {
            if (rs.next()) {
              throw new HoneException("upgrading " + where + " broke a reference in table "
                  + rs.getString(1) + "; nothing was changed");
            }
          }
          s.executeUpdate("UPDATE schema_version SET version = " + CURRENT_VERSION);
          s.execute("COMMIT");
        } catch (SQLException | RuntimeException e) {
          s.execute("ROLLBACK");
          throw e;
        }
      }
      LOG.info("upgraded study database {} from schema version {} to {} (backup: {})",
          where, from, CURRENT_VERSION, backup);
      return new Upgrade(where, from, CURRENT_VERSION, backup.toString());
    } catch (SQLException e) {
      throw new UserInputException(
          "cannot upgrade study database " + where + ": " + e.getMessage()
              + "; it was left at its old version", e);
    }
  }

  /** The schema version of a Hone store; refuses other databases. */
  private static int versionOf(Connection c, String where) throws SQLException {
    TreeSet<String> tables = tables(c);
    if (!tables.contains("schema_version")) {
      throw new UserInputException(
          "cannot upgrade " + where + ": it is not a Hone study database (tables " + tables
              + ", no schema_version); it was left unchanged");
    }
    return readVersion(c, where);
  }

  private static TreeSet<String> tables(Connection c) throws SQLException {
    TreeSet<String> tables = new TreeSet<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")) {
      while (rs.next()) {
        tables.add(rs.getString(1));
      }
    }
    return tables;
  }

  /**
   * Brings an empty database to {@link #CURRENT_VERSION}, or checks that a non-empty one is at it.
   * Runs inside the caller's transaction.
   *
   * @param where the database path, for messages
   * @throws UserInputException if the database is at another version or is not a Hone store
   */
  static void ensure(Connection c, String where) throws SQLException {
    TreeSet<String> tables = tables(c);
    if (tables.contains("schema_version")) {
      int found = readVersion(c, where);
      if (found != CURRENT_VERSION) {
        throw versionMismatch(where, found);
      }
      return;
    }
    if (!tables.isEmpty()) {
      throw new UserInputException(
          "study database " + where + " is a SQLite database but not a Hone study store (it has"
              + " tables " + tables + " and no schema_version table); it was left unchanged."
              + " Choose another file with --storage jdbc:sqlite:OTHER_PATH");
    }
    for (String script : MIGRATIONS) {
      try (Statement s = c.createStatement()) {
        for (String sql : statements(script)) {
          s.execute(sql);
        }
      }
    }
    try (Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO schema_version (version) VALUES (" + CURRENT_VERSION + ")");
    }
  }

  private static int readVersion(Connection c, String where) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT version FROM schema_version")) {
      if (!rs.next()) {
        throw new UserInputException(
            "study database " + where + " has an empty schema_version table, so its schema"
                + " version is unknown; it was left unchanged. Restore it from a backup or choose"
                + " another file with --storage jdbc:sqlite:OTHER_PATH");
      }
      int v = rs.getInt(1);
      if (rs.next()) {
        throw new UserInputException(
            "study database " + where + " has several rows in schema_version, so its schema"
                + " version is unknown; it was left unchanged. Restore it from a backup or choose"
                + " another file with --storage jdbc:sqlite:OTHER_PATH");
      }
      return v;
    }
  }

  /** The message for a database at another version than this code's. */
  static UserInputException versionMismatch(String where, int found) {
    if (found < CURRENT_VERSION) {
      return new UserInputException(
          "study database " + where + " has schema version " + found + " but this version of"
              + " Hone uses schema version " + CURRENT_VERSION + "; it was left unchanged."
              + " Back it up, then upgrade it with `hone store upgrade --db " + where + "`");
    }
    return new UserInputException(
        "study database " + where + " has schema version " + found + ", newer than schema"
            + " version " + CURRENT_VERSION + " used by this version of Hone; it was left"
            + " unchanged. Upgrade Hone to open it, or choose another file with --storage"
            + " jdbc:sqlite:OTHER_PATH");
  }

  /** The statements of a migration script: split at semicolons ending a line; comments dropped. */
  static List<String> statements(String script) {
    String text;
    try (InputStream in = SchemaMigrator.class.getResourceAsStream("migration/" + script)) {
      if (in == null) {
        throw new HoneException("migration script " + script + " is missing from the class path");
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new HoneException("cannot read migration script " + script, e);
    }
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (String line : text.split("\n")) {
      String t = line.strip();
      if (t.startsWith("--") || t.isEmpty()) {
        continue;
      }
      cur.append(line).append('\n');
      if (t.endsWith(";")) {
        out.add(cur.toString().strip());
        cur.setLength(0);
      }
    }
    if (!cur.toString().isBlank()) {
      out.add(cur.toString().strip());
    }
    return out;
  }
}
