package dev.hone.store.postgres;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the PostgreSQL server the tests run against, and gives each test its own schema.
 *
 * <p>The URL comes from, in order: the system property {@value #PROPERTY} ({@code mvn
 * -Dhone.test.postgres.url=...}), the environment variable {@value #ENV}, or the file {@value
 * #URL_FILE} written by {@code .ci/postgres-start}. Without one, the tests fail when {@code
 * CI=true} (CI must test the PostgreSQL store) and are skipped otherwise, so a developer build
 * without a server still passes; the message says how to start one.
 */
final class PostgresTestSupport {
  private PostgresTestSupport() {}

  static final String PROPERTY = "hone.test.postgres.url";
  static final String ENV = "HONE_TEST_POSTGRES_URL";
  static final String URL_FILE = "/tmp/hone-ci-postgres.url";

  private static final AtomicLong SEQ = new AtomicLong();

  /** The server's base URL, or the test fails (CI) or is skipped (elsewhere). */
  static String baseUrl() {
    String url = System.getProperty(PROPERTY);
    if (url == null || url.isBlank()) {
      url = System.getenv(ENV);
    }
    if ((url == null || url.isBlank()) && Files.isReadable(Path.of(URL_FILE))) {
      try {
        url = Files.readString(Path.of(URL_FILE)).strip();
      } catch (java.io.IOException e) {
        url = null;
      }
    }
    String how = "start a throwaway server with `bash .ci/postgres-start` (it writes " + URL_FILE
        + "), or pass -D" + PROPERTY + "=jdbc:postgresql://HOST:PORT/DB?user=USER";
    if (url == null || url.isBlank()) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail("no PostgreSQL server for the hone-store-postgres tests (CI=true): " + how);
      }
      Assumptions.abort("no PostgreSQL server configured; " + how);
    }
    try (Connection c = DriverManager.getConnection(url)) {
      c.isValid(5);
    } catch (SQLException e) {
      fail("cannot reach the PostgreSQL server at " + url + " (" + e.getMessage() + "): " + how);
    }
    return url;
  }

  /** A fresh, empty schema on the server; returns a URL whose current schema it is. */
  static String freshSchemaUrl() {
    String base = baseUrl();
    String schema = "t_" + ProcessHandle.current().pid() + "_" + System.nanoTime() + "_"
        + SEQ.incrementAndGet();
    exec(base, "CREATE SCHEMA " + schema);
    return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  /** Drops the schema named in {@code url} and everything in it. */
  static void dropSchema(String url) {
    String schema = url.substring(url.indexOf("currentSchema=") + "currentSchema=".length())
        .replaceAll("&.*", "");
    exec(url, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
  }

  static void exec(String url, String... sql) {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      for (String q : sql) {
        s.execute(q);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(String.join("; ", sql) + ": " + e.getMessage(), e);
    }
  }
}
