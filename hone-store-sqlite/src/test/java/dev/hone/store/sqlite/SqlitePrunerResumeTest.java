package dev.hone.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.search.pruner.HyperbandPruner;
import dev.hone.search.pruner.PruneDecision;
import dev.hone.search.sampler.TpeSampler;
import dev.hone.search.store.InMemoryStudyStore;
import dev.hone.search.store.StudyStore;
import dev.hone.search.study.Direction;
import dev.hone.search.study.Objective;
import dev.hone.search.study.StopCondition;
import dev.hone.search.study.Study;
import dev.hone.search.study.StudyListener;
import dev.hone.search.study.TrialPrunedException;
import dev.hone.search.study.TrialRecord;
import dev.hone.search.study.TrialState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Hyperband study stopped and resumed on SQLite (a new store and study object, as after a
 * restart) takes the same sampling and pruning decisions as an uninterrupted in-memory run.
 */
class SqlitePrunerResumeTest {
  @TempDir Path dir;

  static final Objective OBJECTIVE =
      trial -> {
        double x = trial.suggestFloat("x", 0, 1, false);
        double v = Double.NaN;
        for (int step = 0; step < 27; step++) {
          v = (x - 0.3) * (x - 0.3) + 1.0 / (step + 1);
          if (trial.report(step, v) == PruneDecision.STOP) {
            throw new TrialPrunedException();
          }
        }
        return v;
      };

  static Study open(StudyStore store) {
    return Study.createOrLoad(store, "hb", Direction.MINIMIZE,
        new TpeSampler(TpeSampler.Options.defaults().withNStartupTrials(5)),
        new HyperbandPruner(1, 27, 3), 9);
  }

  static List<String> fingerprint(List<TrialRecord> trials) {
    List<String> out = new ArrayList<>();
    for (TrialRecord t : trials) {
      out.add(t.number() + " " + t.state() + " " + t.params() + " " + t.value() + " "
          + t.intermediateValues());
    }
    return out;
  }

  @Test
  void resumedOnSqliteDecidesAsAnUninterruptedRun() {
    Study whole = open(new InMemoryStudyStore());
    whole.optimize(OBJECTIVE, StopCondition.trials(24), StudyListener.NONE);

    Path db = dir.resolve("studies.db");
    try (SqliteStudyStore s = SqliteStudyStore.open(db)) {
      open(s).optimize(OBJECTIVE, StopCondition.trials(10), StudyListener.NONE);
    }
    List<TrialRecord> resumed;
    try (SqliteStudyStore s = SqliteStudyStore.open(db)) {
      Study again = open(s);
      again.optimize(OBJECTIVE, StopCondition.trials(24), StudyListener.NONE);
      resumed = again.trials();
    }
    assertEquals(fingerprint(whole.trials()), fingerprint(resumed));
    assertTrue(whole.countTrials().get(TrialState.PRUNED) > 0);
  }
}
