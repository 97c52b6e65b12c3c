package dev.hone.store.sqlite;

import dev.hone.search.store.StudyStore;
import dev.hone.search.store.StudyStoreContractTest;

/** Runs the shared store contract against {@link SqliteStudyStore} on a file. */
class SqliteStudyStoreContractTest extends StudyStoreContractTest {
  @Override
  protected StudyStore openStore() {
    // a nested, not yet existing directory: open must create it
    return SqliteStudyStore.open(tempDir.resolve("nested/dir/studies.db"));
  }

  @Override
  protected boolean persistent() {
    return true;
  }
}
