package dev.hone.store.postgres;

import dev.hone.search.store.StudyStore;
import dev.hone.search.store.StudyStoreContractTest;
import org.junit.jupiter.api.AfterEach;

/** Runs the shared store contract against {@link PostgresStudyStore} on a real server. */
class PostgresStudyStoreContractTest extends StudyStoreContractTest {
  private String url;

  @Override
  protected StudyStore openStore() {
    if (url == null) {
      url = PostgresTestSupport.freshSchemaUrl();
    }
    return PostgresStudyStore.open(url);
  }

  @Override
  protected boolean persistent() {
    return true;
  }

  @AfterEach
  void dropSchema() {
    if (url != null) {
      PostgresTestSupport.dropSchema(url);
    }
  }
}
