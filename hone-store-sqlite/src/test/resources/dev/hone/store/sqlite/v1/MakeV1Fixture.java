// Writes hone-v1.db, a study database in schema version 1, with the code of schema version 1
// (commit e71d9cf: hone-core, hone-search and hone-store-sqlite of that commit on the class path):
//
//   java -cp V1_CLASSPATH MakeV1Fixture.java hone-v1.db
//
// SchemaMigratorTest upgrades a copy of the result and checks every value below survives.
import dev.hone.search.sampler.RandomSampler;
import dev.hone.search.space.CategoricalDistribution;
import dev.hone.search.space.FloatDistribution;
import dev.hone.search.space.IntDistribution;
import dev.hone.search.study.Direction;
import dev.hone.search.study.Study;
import dev.hone.search.study.StudyListener;
import dev.hone.search.study.StopCondition;
import dev.hone.search.study.TrialState;
import dev.hone.store.sqlite.SqliteStudyStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

public class MakeV1Fixture {
  public static void main(String[] args) {
    try (SqliteStudyStore s = SqliteStudyStore.open(Path.of(args[0]))) {
      Study study = Study.createOrLoad(s, "v1-study", Direction.MAXIMIZE, new RandomSampler(), 42);
      study.setUserAttribute("dataset", "adult.csv");
      study.optimize(t -> {
        double lr = t.suggestFloat("lr", 1e-3, 1, true);
        long depth = t.suggestInt("depth", 1, 12, false);
        String booster = t.suggestCategorical("booster", List.of("gbtree", "dart"));
        t.report(0, Double.NaN);
        t.report(1, lr);
        t.setUserAttribute("best_iteration", Long.toString(depth * 10));
        return lr * depth + booster.length();
      }, StopCondition.trials(5), StudyListener.NONE);
      long id = s.findStudy("v1-study").orElseThrow().id();
      Instant t0 = Instant.parse("2024-05-06T07:08:09.123456789Z");
      Instant t1 = Instant.parse("2024-05-06T07:09:10.5Z");
      int pruned = s.createTrial(id, t0).number();
      s.setTrialParam(id, pruned, "lr", 0.5, FloatDistribution.logOf(1e-3, 1));
      s.setTrialIntermediateValue(id, pruned, 3, Double.NEGATIVE_INFINITY);
      s.finishTrial(id, pruned, TrialState.PRUNED, Double.NaN, t1);
      int failed = s.createTrial(id, t0).number();
      s.finishTrial(id, failed, TrialState.FAIL, null, t1);
      int inf = s.createTrial(id, t0).number();
      s.setTrialParam(id, inf, "depth", 12L, IntDistribution.of(1, 12));
      s.finishTrial(id, inf, TrialState.COMPLETE, Double.POSITIVE_INFINITY, t1);
      int running = s.createTrial(id, t0).number(); // left RUNNING: a process that was killed
      s.setTrialParam(id, running, "booster", "dart", CategoricalDistribution.of("gbtree", "dart"));
      long other = s.createStudyIfAbsent("v1-other", Direction.MINIMIZE, -7).id();
      int z = s.createTrial(other, t0).number();
      s.finishTrial(other, z, TrialState.COMPLETE, -0.0, t1);
    }
  }
}
