package dev.hone.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.core.error.UserInputException;
import dev.hone.search.study.Direction;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PostgresStudyStoreTest {
  private final List<String> schemas = new ArrayList<>();

  String fresh() {
    String url = PostgresTestSupport.freshSchemaUrl();
    schemas.add(url);
    return url;
  }

  @AfterEach
  void drop() {
    schemas.forEach(PostgresTestSupport::dropSchema);
  }

  @Test
  void otherSchemaVersionIsRefusedWithWhatToDo() {
    String url = fresh();
    PostgresStudyStore.open(url).close();
    PostgresTestSupport.exec(url, "UPDATE schema_version SET version = 1");
    UserInputException old = assertThrows(UserInputException.class,
        () -> PostgresStudyStore.open(url));
    assertTrue(old.getMessage().contains("schema version 1 but this version of Hone uses schema"
        + " version 2"), old.getMessage());
    assertTrue(old.getMessage().contains("hone store upgrade --db"), old.getMessage());
    PostgresTestSupport.exec(url, "UPDATE schema_version SET version = 7");
    UserInputException newer = assertThrows(UserInputException.class,
        () -> PostgresStudyStore.open(url));
    assertTrue(newer.getMessage().contains("Upgrade Hone"), newer.getMessage());
    assertThrows(UserInputException.class, () -> PostgresSchemaMigrator.upgrade(url));
    PostgresTestSupport.exec(url, "UPDATE schema_version SET version = 2");
    PostgresSchemaMigrator.Upgrade up = PostgresSchemaMigrator.upgrade(url);
    assertEquals(2, up.fromVersion());
    assertEquals(2, up.toVersion());
  }

  @Test
  void foreignTablesAreRefused() {
    String url = fresh();
    PostgresTestSupport.exec(url, "CREATE TABLE studies (id INTEGER)");
    UserInputException e = assertThrows(UserInputException.class,
        () -> PostgresStudyStore.open(url));
    assertTrue(e.getMessage().contains("not a Hone study store"), e.getMessage());
    assertThrows(UserInputException.class, () -> PostgresSchemaMigrator.upgrade(url));
  }

  @Test
  void badUrlsAreUserErrorsWithoutThePassword() {
    UserInputException e = assertThrows(UserInputException.class,
        () -> PostgresStudyStore.open("jdbc:sqlite:x.db"));
    assertTrue(e.getMessage().contains("jdbc:postgresql://"), e.getMessage());
    UserInputException down = assertThrows(UserInputException.class, () -> PostgresStudyStore
        .open("jdbc:postgresql://127.0.0.1:1/none?user=u&password=s3cret&connectTimeout=2"));
    assertFalse(down.getMessage().contains("s3cret"), down.getMessage());
    assertTrue(down.getMessage().contains("password=***"), down.getMessage());
  }

  /** Four workers opening one empty database at once create the schema once. */
  @Test
  void concurrentOpensCreateTheSchemaOnce() throws Exception {
    String url = fresh();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Long>> fs = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        fs.add(pool.submit(() -> {
          try (PostgresStudyStore s = PostgresStudyStore.open(url)) {
            return s.createStudyIfAbsent("shared", Direction.MINIMIZE, 1).id();
          }
        }));
      }
      long id = fs.get(0).get();
      for (Future<Long> f : fs) {
        assertEquals(id, f.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** The server drops the connection: that call fails, the next one reconnects. */
  @Test
  void aLostConnectionFailsOneCallAndTheNextReconnects() {
    String url = fresh() + "&ApplicationName=hone-reconnect-test";
    try (PostgresStudyStore s = PostgresStudyStore.open(url)) {
      long id = s.createStudyIfAbsent("r", Direction.MINIMIZE, 1).id();
      PostgresTestSupport.exec(PostgresTestSupport.baseUrl(), "SELECT pg_terminate_backend(pid)"
          + " FROM pg_stat_activity WHERE application_name = 'hone-reconnect-test'");
      dev.hone.core.error.HoneException e = assertThrows(dev.hone.core.error.HoneException.class,
          () -> s.trials(id));
      assertTrue(e.getMessage().contains("connection was lost"), e.getMessage());
      assertEquals(0, s.createTrial(id, java.time.Instant.EPOCH).number());
      assertEquals(1, s.trials(id).size());
    }
  }
}
