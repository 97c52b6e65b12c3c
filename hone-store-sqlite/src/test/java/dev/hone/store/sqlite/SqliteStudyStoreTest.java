package dev.hone.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.hone.core.error.UserInputException;
import dev.hone.search.study.Direction;
import dev.hone.search.study.TrialState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStudyStoreTest {
  @TempDir Path dir;

  static void sql(Path db, String... statements) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement()) {
      for (String q : statements) {
        s.execute(q);
      }
    }
  }

  static List<String> query(Path db, String q) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(q)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          b.append(i > 1 ? "|" : "").append(rs.getString(i));
        }
        out.add(b.toString());
      }
    }
    return out;
  }

  @Test
  void newFileGetsTheCurrentSchemaVersionAndWal() throws Exception {
    Path db = dir.resolve("a/b/c.db");
    try (SqliteStudyStore s = SqliteStudyStore.open("jdbc:sqlite:" + db)) {
      assertEquals("wal", s.journalMode());
      assertEquals(db, s.path());
    }
    assertEquals(List.of("2"), query(db, "SELECT version FROM schema_version"));
  }

  @Test
  void nonFiniteValuesAreStoredExplicitly() throws Exception {
    Path db = dir.resolve("v.db");
    try (SqliteStudyStore s = SqliteStudyStore.open(db)) {
      long id = s.createStudyIfAbsent("s", Direction.MINIMIZE, 0).id();
      int n = s.createTrial(id, Instant.EPOCH).number();
      s.setTrialIntermediateValue(id, n, 0, Double.NaN);
      s.setTrialIntermediateValue(id, n, 1, Double.NEGATIVE_INFINITY);
      s.setTrialIntermediateValue(id, n, 2, -0.0);
      s.setTrialIntermediateValue(id, n, 3, 2.5);
      s.finishTrial(id, n, TrialState.COMPLETE, Double.POSITIVE_INFINITY, Instant.EPOCH);
    }
    assertEquals(List.of("0|null|NAN", "1|null|NEG_INF", "2|null|NEG_ZERO", "3|2.5|FINITE"),
        query(db, "SELECT step, value, value_kind FROM trial_intermediate_values ORDER BY step"));
    assertEquals(List.of("COMPLETE|null|POS_INF"),
        query(db, "SELECT state, value, value_kind FROM trials"));
  }

  @Test
  void otherSchemaVersionIsRefusedAndLeftUntouched() throws Exception {
    Path db = dir.resolve("old.db");
    SqliteStudyStore.open(db).close();
    for (int version : new int[] {3, 1}) {
      sql(db, "UPDATE schema_version SET version = " + version);
      byte[] before = Files.readAllBytes(db);
      UserInputException e =
          assertThrows(UserInputException.class, () -> SqliteStudyStore.open(db));
      String m = e.getMessage();
      assertTrue(m.contains(db.toString()), m);
      assertTrue(m.contains("schema version " + version), m);
      assertTrue(m.contains("schema version 2"), m);
      assertTrue(version == 1 ? m.contains("hone store upgrade --db " + db)
          : m.contains("Upgrade Hone"), m);
      assertArrayEquals(before, Files.readAllBytes(db));
    }
  }

  @Test
  void foreignSqliteDatabaseIsRefusedAndLeftUntouched() throws Exception {
    Path db = dir.resolve("foreign.db");
    sql(db, "CREATE TABLE customers (id INTEGER)", "INSERT INTO customers VALUES (7)");
    byte[] before = Files.readAllBytes(db);
    UserInputException e = assertThrows(UserInputException.class, () -> SqliteStudyStore.open(db));
    assertTrue(e.getMessage().contains("not a Hone study store"), e.getMessage());
    assertTrue(e.getMessage().contains("[customers]"), e.getMessage());
    assertArrayEquals(before, Files.readAllBytes(db));
  }

  @Test
  void nonDatabaseFileIsRefusedAndLeftUntouched() throws Exception {
    Path f = dir.resolve("notes.txt");
    String text = "these are my notes, not a database\n".repeat(200);
    Files.writeString(f, text);
    UserInputException e = assertThrows(UserInputException.class, () -> SqliteStudyStore.open(f));
    assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("--storage jdbc:sqlite:"), e.getMessage());
    assertEquals(text, Files.readString(f));
  }

  @Test
  void pathUnderARegularFileIsAUserError() throws Exception {
    Path file = dir.resolve("plain");
    Files.writeString(file, "x");
    Path db = file.resolve("sub/study.db");
    UserInputException e = assertThrows(UserInputException.class,
        () -> SqliteStudyStore.open("jdbc:sqlite:" + db));
    assertTrue(e.getMessage().contains(db.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("--storage jdbc:sqlite:OTHER_PATH"), e.getMessage());
  }

  @Test
  void directoryInPlaceOfTheFileIsAUserError() {
    UserInputException e =
        assertThrows(UserInputException.class, () -> SqliteStudyStore.open(dir));
    assertTrue(e.getMessage().contains("is a directory"), e.getMessage());
  }

  @Test
  void readOnlyDirectoryIsAUserError() throws Exception {
    assumeFalse("root".equals(System.getProperty("user.name")),
        "root may write into read-only directories");
    Path ro = Files.createDirectory(dir.resolve("ro"));
    Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      UserInputException e = assertThrows(UserInputException.class,
          () -> SqliteStudyStore.open(ro.resolve("s.db")));
      assertTrue(e.getMessage().contains("not writable"), e.getMessage());
      assertTrue(e.getMessage().contains("--storage jdbc:sqlite:OTHER_PATH"), e.getMessage());
    } finally {
      Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  @Test
  void urlsOtherThanSqliteFilesAreRefused() {
    for (String url : new String[] {null, "postgres://db/hone", "jdbc:sqlite:", "sqlite:x.db",
        "jdbc:sqlite:file:x.db?mode=ro", "jdbc:sqlite:x.db?journal_mode=delete"}) {
      UserInputException e =
          assertThrows(UserInputException.class, () -> SqliteStudyStore.open(url), url);
      assertTrue(e.getMessage().contains("jdbc:sqlite:"), e.getMessage());
    }
  }

  @Test
  void inMemoryUrlWorks() {
    try (SqliteStudyStore s = SqliteStudyStore.open("jdbc:sqlite::memory:")) {
      assertNull(s.path());
      long id = s.createStudyIfAbsent("m", Direction.MAXIMIZE, 1).id();
      assertEquals(0, s.createTrial(id, Instant.EPOCH).number());
    }
  }

  @Test
  void twoStoresOnOneFileShareDenseNumbering() {
    Path db = dir.resolve("shared.db");
    try (SqliteStudyStore a = SqliteStudyStore.open(db);
        SqliteStudyStore b = SqliteStudyStore.open(db)) {
      long id = a.createStudyIfAbsent("s", Direction.MINIMIZE, 0).id();
      assertEquals(id, b.createStudyIfAbsent("s", Direction.MINIMIZE, 0).id());
      assertEquals(0, a.createTrial(id, Instant.EPOCH).number());
      assertEquals(1, b.createTrial(id, Instant.EPOCH).number());
      assertEquals(2, a.createTrial(id, Instant.EPOCH).number());
      assertEquals(3, b.trials(id).size());
    }
  }
}
