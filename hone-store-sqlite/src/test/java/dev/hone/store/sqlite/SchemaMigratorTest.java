package dev.hone.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.core.error.UserInputException;
import dev.hone.search.sampler.RandomSampler;
import dev.hone.search.space.FloatDistribution;
import dev.hone.search.store.StudyInfo;
import dev.hone.search.study.Direction;
import dev.hone.search.study.Study;
import dev.hone.search.study.TrialRecord;
import dev.hone.search.study.TrialState;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upgrades {@code v1/hone-v1.db}, a database written by the schema-version-1 code (made by {@code
 * v1/MakeV1Fixture.java} at that commit), and checks every stored fact against the raw rows of
 * the version-1 file, read with plain SQL before the upgrade.
 */
class SchemaMigratorTest {
  @TempDir Path dir;

  Path v1Copy() throws Exception {
    Path db = dir.resolve("hone-v1.db");
    try (InputStream in = getClass().getResourceAsStream("v1/hone-v1.db")) {
      Files.copy(in, db);
    }
    return db;
  }

  @Test
  void versionOneIsRefusedWithTheUpgradeCommandAndLeftUntouched() throws Exception {
    Path db = v1Copy();
    byte[] before = Files.readAllBytes(db);
    UserInputException e = assertThrows(UserInputException.class, () -> SqliteStudyStore.open(db));
    assertTrue(e.getMessage().contains("schema version 1 but this version of Hone uses schema"
        + " version 2"), e.getMessage());
    assertTrue(e.getMessage().contains("hone store upgrade --db " + db), e.getMessage());
    assertArrayEquals(before, Files.readAllBytes(db));
  }

  @Test
  void upgradeKeepsEveryFactOfTheVersionOneFile() throws Exception {
    Path db = v1Copy();
    List<String> trials = SqliteStudyStoreTest.query(db,
        "SELECT s.name, t.number, t.state, t.value, t.value_kind, t.started_at, t.finished_at"
            + " FROM trials t JOIN studies s USING (study_id) ORDER BY s.study_id, t.number");
    List<String> params = SqliteStudyStoreTest.query(db,
        "SELECT t.number, p.name, p.internal, p.distribution FROM trial_params p"
            + " JOIN trials t USING (trial_id) ORDER BY t.trial_id, p.ordinal");
    List<String> inter = SqliteStudyStoreTest.query(db,
        "SELECT t.number, v.step, v.value, v.value_kind FROM trial_intermediate_values v"
            + " JOIN trials t USING (trial_id) ORDER BY t.trial_id, v.step");
    List<String> attrs = SqliteStudyStoreTest.query(db,
        "SELECT t.number, a.key, a.value FROM trial_user_attributes a"
            + " JOIN trials t USING (trial_id) ORDER BY t.trial_id, a.key");
    assertEquals(10, trials.size());

    SchemaMigrator.Upgrade up = SchemaMigrator.upgrade("jdbc:sqlite:" + db);
    assertEquals(1, up.fromVersion());
    assertEquals(2, up.toVersion());
    assertEquals(db + ".schema-v1.bak", up.backup());
    assertEquals(List.of("1"),
        SqliteStudyStoreTest.query(Path.of(up.backup()), "SELECT version FROM schema_version"));
    assertEquals(List.of("2"), SqliteStudyStoreTest.query(db, "SELECT version FROM schema_version"));
    assertEquals(List.of("ok"), SqliteStudyStoreTest.query(db, "PRAGMA integrity_check"));
    // the raw rows are unchanged by the table rebuild
    assertEquals(trials, SqliteStudyStoreTest.query(db,
        "SELECT s.name, t.number, t.state, t.value, t.value_kind, t.started_at, t.finished_at"
            + " FROM trials t JOIN studies s USING (study_id) ORDER BY s.study_id, t.number"));
    assertEquals(params, SqliteStudyStoreTest.query(db,
        "SELECT t.number, p.name, p.internal, p.distribution FROM trial_params p"
            + " JOIN trials t USING (trial_id) ORDER BY t.trial_id, p.ordinal"));

    try (SqliteStudyStore s = SqliteStudyStore.open(db)) {
      StudyInfo info = s.findStudy("v1-study").orElseThrow();
      assertEquals(List.of(Direction.MAXIMIZE), info.directions());
      assertEquals(42, info.seed());
      assertEquals(Map.of("dataset", "adult.csv"), info.userAttributes());
      List<TrialRecord> rs = s.trials(info.id());
      assertEquals(9, rs.size());
      for (int i = 0; i < 9; i++) {
        String[] raw = trials.get(i).split("\\|", -1);
        TrialRecord r = rs.get(i);
        assertEquals(Integer.parseInt(raw[1]), r.number());
        assertEquals(raw[2], r.state().name());
        assertEquals(Instant.parse(raw[5]), r.startedAt());
        assertEquals("null".equals(raw[6]) ? null : Instant.parse(raw[6]), r.finishedAt());
        assertNull(r.heartbeatAt());
        assertTrue(r.fixedParams().isEmpty());
        switch (raw[4]) {
          case "FINITE" -> assertEquals(Double.parseDouble(raw[3]), r.value(), 0.0);
          case "NAN" -> assertTrue(r.value().isNaN());
          case "POS_INF" -> assertEquals(Double.POSITIVE_INFINITY, r.value());
          case "null" -> assertNull(r.value());
          default -> throw new AssertionError(raw[4]);
        }
        assertEquals(r.value() == null ? List.of() : List.of(r.value()), r.values());
      }
      int nParams = rs.stream().mapToInt(t -> t.params().size()).sum();
      assertEquals(params.size(), nParams);
      for (String p : params) {
        String[] raw = p.split("\\|", -1);
        TrialRecord r = rs.get(Integer.parseInt(raw[0]));
        Object v = r.params().get(raw[1]);
        if (v instanceof Double d) {
          assertEquals(Double.parseDouble(raw[2]), d, 0.0);
        } else if (v instanceof Long l) {
          assertEquals((long) Double.parseDouble(raw[2]), l);
        } else {
          assertEquals(List.of("gbtree", "dart").get((int) Double.parseDouble(raw[2])), v);
        }
      }
      assertEquals(inter.size(), rs.stream().mapToInt(t -> t.intermediateValues().size()).sum());
      assertEquals(attrs.size(), rs.stream().mapToInt(t -> t.userAttributes().size()).sum());
      assertTrue(rs.get(0).intermediateValues().get(0).isNaN());
      assertEquals(Double.NEGATIVE_INFINITY, rs.get(5).intermediateValues().get(3));
      StudyInfo other = s.findStudy("v1-other").orElseThrow();
      assertEquals(Direction.MINIMIZE, other.direction());
      assertEquals(Double.doubleToRawLongBits(-0.0),
          Double.doubleToRawLongBits(s.trial(other.id(), 0).value()));

      // the trial a killed version-1 process left RUNNING has no heartbeat: failed on load
      assertEquals(TrialState.RUNNING, rs.get(8).state());
      Study study = Study.createOrLoad(s, "v1-study", Direction.MAXIMIZE, new RandomSampler(), 42);
      assertEquals(TrialState.FAIL, study.trial(8).state());
      // version-2 features work on the upgraded file
      int q = study.enqueue(Map.of("lr", 0.5));
      assertEquals(9, q);
      TrialRecord claimed = s.startTrial(info.id(), Instant.now(), true, 100).orElseThrow();
      assertEquals(9, claimed.number());
      s.setTrialParam(info.id(), 9, "lr", 0.5, FloatDistribution.logOf(1e-3, 1));
      s.finishTrialValues(info.id(), 9, TrialState.COMPLETE, List.of(1.0, 2.0), Instant.now());
      assertEquals(List.of(1.0, 2.0), s.trial(info.id(), 9).values());
    }
    SchemaMigrator.Upgrade again = SchemaMigrator.upgrade(db.toString()); // a plain path
    assertEquals(2, again.fromVersion());
    assertNull(again.backup());
  }

  @Test
  void upgradeRefusesWhatItCannotUpgrade() throws Exception {
    assertThrows(UserInputException.class,
        () -> SchemaMigrator.upgrade(dir.resolve("missing.db")));
    assertThrows(UserInputException.class, () -> SchemaMigrator.upgrade("jdbc:sqlite::memory:"));
    assertThrows(UserInputException.class, () -> SchemaMigrator.upgrade("postgres://x"));
    assertThrows(UserInputException.class,
        () -> SchemaMigrator.upgrade("jdbc:postgresql://h/db"));
    Path foreign = dir.resolve("foreign.db");
    SqliteStudyStoreTest.sql(foreign, "CREATE TABLE customers (id INTEGER)");
    UserInputException e =
        assertThrows(UserInputException.class, () -> SchemaMigrator.upgrade(foreign));
    assertTrue(e.getMessage().contains("not a Hone study database"), e.getMessage());
    Path newer = dir.resolve("newer.db");
    SqliteStudyStore.open(newer).close();
    SqliteStudyStoreTest.sql(newer, "UPDATE schema_version SET version = 9");
    UserInputException n = assertThrows(UserInputException.class,
        () -> SchemaMigrator.upgrade(newer));
    assertTrue(n.getMessage().contains("Upgrade Hone"), n.getMessage());
  }
}
