package dev.hone.search.store;

/** Runs the store contract against {@link InMemoryStudyStore}. */
class InMemoryStudyStoreTest extends StudyStoreContractTest {
  @Override
  protected StudyStore openStore() {
    return new InMemoryStudyStore();
  }
}
