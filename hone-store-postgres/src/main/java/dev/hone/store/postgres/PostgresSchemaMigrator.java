package dev.hone.store.postgres;

import dev.hone.core.error.HoneException;
import dev.hone.core.error.UserInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Creates, checks and upgrades the PostgreSQL store's schema, in the database's current schema
 * ({@code currentSchema} in the JDBC URL; {@code public} by default). Schema versions share their
 * numbers with {@code hone-store-sqlite} (a version names one logical schema); PostgreSQL support
 * starts at version 2, created by one script. Later versions add scripts {@code V3__...sql}, ...
 * applied by {@link #upgrade(String)}.
 *
 * <p>Creation and upgrades take a transaction-scoped advisory lock, so several workers opening an
 * empty database at once create the schema once.
 */
public final class PostgresSchemaMigrator {
  private PostgresSchemaMigrator() {}

  /** The schema version this code reads and writes. */
  public static final int CURRENT_VERSION = 2;

  /** The first version that exists on PostgreSQL. */
  static final int FIRST_VERSION = 2;

  /** Scripts by target version: index {@code i} creates version {@code FIRST_VERSION + i}. */
  static final List<String> SCRIPTS = List.of("V2__schema.sql");

  /** Advisory lock key (arbitrary, constant) serialising schema creation and upgrades. */
  static final long LOCK_KEY = 0x486f6e6553746f72L; // "HoneStor"

  /**
   * What {@link #upgrade} did.
   *
   * @param database the URL, without credentials
   * @param fromVersion the schema version before
   * @param toVersion the schema version after
   */
  public record Upgrade(String database, int fromVersion, int toVersion) {}

  /**
   * Upgrades the store at {@code jdbcUrl} ({@code jdbc:postgresql://...}) to {@link
   * #CURRENT_VERSION}, in one transaction (PostgreSQL's DDL is transactional: a failure changes
   * nothing). Back up first with {@code pg_dump}.
   *
   * @throws UserInputException if the URL is not a PostgreSQL URL, the server cannot be reached,
   *     the database holds no Hone store, or a newer one
   */
  public static Upgrade upgrade(String jdbcUrl) {
    String where = PostgresStudyStore.redact(jdbcUrl);
    PostgresStudyStore.checkUrl(jdbcUrl);
    try (Connection c = DriverManager.getConnection(jdbcUrl)) {
      c.setAutoCommit(false);
      try {
        lock(c);
        if (!tables(c).contains("schema_version")) {
          throw new UserInputException("cannot upgrade " + where + ": it holds no Hone study"
              + " store (no schema_version table in its current schema)");
        }
        int from = readVersion(c, where);
        if (from > CURRENT_VERSION) {
          throw versionMismatch(where, from);
        }
        apply(c, from + 1);
        c.commit();
        return new Upgrade(where, from, CURRENT_VERSION);
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new UserInputException(
          "cannot upgrade study database " + where + ": " + e.getMessage(), e);
    }
  }

  /**
   * Creates the schema in an empty database or checks the version of an existing one; runs in
   * the caller's transaction.
   *
   * @throws UserInputException if the database is at another version, or its current schema has
   *     tables of something else
   */
  static void ensure(Connection c, String where) throws SQLException {
    lock(c);
    TreeSet<String> tables = tables(c);
    if (tables.contains("schema_version")) {
      int found = readVersion(c, where);
      if (found != CURRENT_VERSION) {
        throw versionMismatch(where, found);
      }
      return;
    }
    if (tables.contains("studies") || tables.contains("trials")) {
      throw new UserInputException("database " + where + " has tables " + tables + " but no"
          + " schema_version: it is not a Hone study store; use another database or schema"
          + " (currentSchema=... in the URL)");
    }
    apply(c, FIRST_VERSION);
    try (Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO schema_version (version) VALUES (" + CURRENT_VERSION + ")");
    }
  }

  private static void apply(Connection c, int fromTarget) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (int v = fromTarget; v <= CURRENT_VERSION; v++) {
        for (String sql : statements(SCRIPTS.get(v - FIRST_VERSION))) {
          s.execute(sql);
        }
      }
      s.executeUpdate("UPDATE schema_version SET version = " + CURRENT_VERSION);
    }
  }

  private static void lock(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")");
    }
  }

  private static TreeSet<String> tables(Connection c) throws SQLException {
    TreeSet<String> out = new TreeSet<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables"
            + " WHERE table_schema = current_schema()")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private static int readVersion(Connection c, String where) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT version FROM schema_version")) {
      if (!rs.next()) {
        throw new UserInputException("study database " + where + " has an empty schema_version"
            + " table, so its schema version is unknown; restore it from a backup");
      }
      return rs.getInt(1);
    }
  }

  static UserInputException versionMismatch(String where, int found) {
    if (found < CURRENT_VERSION) {
      return new UserInputException(
          "study database " + where + " has schema version " + found + " but this version of"
              + " Hone uses schema version " + CURRENT_VERSION + "; it was left unchanged."
              + " Back it up (pg_dump), then upgrade it with `hone store upgrade --db " + where
              + "`");
    }
    return new UserInputException(
        "study database " + where + " has schema version " + found + ", newer than schema"
            + " version " + CURRENT_VERSION + " used by this version of Hone; it was left"
            + " unchanged. Upgrade Hone to use it");
  }

  /** The statements of a script: split at semicolons ending a line; comment lines dropped. */
  static List<String> statements(String script) {
    String text;
    try (InputStream in = PostgresSchemaMigrator.class.getResourceAsStream(script)) {
      if (in == null) {
        throw new HoneException("schema script " + script + " is missing from the class path");
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new HoneException("cannot read schema script " + script, e);
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
