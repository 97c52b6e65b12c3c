package dev.hone.store.sqlite;

import dev.hone.search.sampler.RandomSampler;
import dev.hone.search.study.Direction;
import dev.hone.search.study.StopCondition;
import dev.hone.search.study.Study;
import dev.hone.search.study.StudyListener;
import dev.hone.search.study.TrialRecord;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Child process of {@link SqliteCrashTest}: optimises forever into the database named by
 * {@code args[0]}, printing each finished trial number, until it is killed. Every trial suggests
 * three parameters, reports two intermediate values, sets an attribute and completes with {@link
 * #value}, so the parent can check each COMPLETE trial for completeness.
 */
public final class CrashWriter {
  private CrashWriter() {}

  static double value(double x, long k, String c) {
    return x * 1000 + k + c.length() / 10.0;
  }

  public static void main(String[] args) {
    SqliteStudyStore store = SqliteStudyStore.open(Path.of(args[0]));
    Study study = Study.createOrLoad(store, "crash", Direction.MINIMIZE, new RandomSampler(), 1);
    study.optimize(t -> {
      double x = t.suggestFloat("x", 0, 1, false);
      long k = t.suggestInt("k", 1, 100, true);
      String c = t.suggestCategorical("c", java.util.List.of("a", "bb", "ccc"));
      t.report(0, Double.NaN);
      t.report(1, x);
      t.setUserAttribute("note", "trial " + t.number());
      return value(x, k, c);
    }, StopCondition.trials(Integer.MAX_VALUE), new StudyListener() {
      @Override
      public void onTrialFinish(TrialRecord record, Optional<TrialRecord> best) {
        System.out.println(record.number());
        System.out.flush();
      }
    });
  }
}
