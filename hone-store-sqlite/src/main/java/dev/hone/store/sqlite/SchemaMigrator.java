package dev.hone.store.sqlite;

import dev.hone.core.error.HoneException;
import dev.hone.core.error.UserInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Creates and checks the store's schema. Migrations are SQL scripts on the class path under
 * {@code dev/hone/store/sqlite/migration/}, {@code V1__...sql}, {@code V2__...sql}, ..., applied
 * in order to an empty database; the version reached is recorded in the one-row table {@code
 * schema_version}.
 *
 * <p>A database at another version is never touched: it is reported to the user with both
 * versions and what to do (recommendation: Optuna's {@code check_table_schema_compatibility}).
 */
final class SchemaMigrator {
  private SchemaMigrator() {}

  /** The schema version this code reads and writes. */
  static final int CURRENT_VERSION = 1;

  /** Migration scripts, index {@code i} takes the schema from version {@code i} to {@code i+1}. */
  static final List<String> MIGRATIONS = List.of("V1__initial_schema.sql");

  /**
   * Brings an empty database to {@link #CURRENT_VERSION}, or checks that a non-empty one is at it.
   * Runs inside the caller's transaction.
   *
   * @param where the database path, for messages
   * @throws UserInputException if the database is at another version or is not a Hone store
   */
  static void ensure(Connection c, String where) throws SQLException {
    TreeSet<String> tables = new TreeSet<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")) {
      while (rs.next()) {
        tables.add(rs.getString(1));
      }
    }
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
