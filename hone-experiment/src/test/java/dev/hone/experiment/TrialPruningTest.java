package dev.hone.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.core.data.TaskType;
import dev.hone.core.model.FeatureMatrix;
import dev.hone.core.model.FitRequest;
import dev.hone.core.model.Learner;
import dev.hone.core.model.Model;
import dev.hone.core.params.ParamSet;
import dev.hone.search.pruner.AshaPruner;
import dev.hone.search.pruner.Pruners;
import dev.hone.search.sampler.RandomSampler;
import dev.hone.search.store.InMemoryStudyStore;
import dev.hone.search.study.Direction;
import dev.hone.search.study.StopCondition;
import dev.hone.search.study.Study;
import dev.hone.search.study.StudyListener;
import dev.hone.search.study.TrialRecord;
import dev.hone.search.study.TrialState;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The learner ↔ pruner bridge of {@link TrainWorkflow}, with XGBoost's per-round reports. */
class TrialPruningTest {

  static FeatureMatrix x(int n, SplittableRandom rng, double[] y) {
    float[] d = new float[n * 3];
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int j = 0; j < 3; j++) {
        d[i * 3 + j] = (float) (rng.nextDouble() * 2 - 1);
        s += d[i * 3 + j] * (j + 1);
      }
      y[i] = s > 0 ? 1 : 0;
    }
    return new FeatureMatrix(d, n, List.of("a", "b", "c"));
  }

  @Test
  void aStopDecisionStopsXgboostAndTheTrialEndsPruned() {
    SplittableRandom rng = new SplittableRandom(3);
    double[] yTrain = new double[300];
    double[] yValid = new double[200];
    FeatureMatrix xTrain = x(300, rng, yTrain);
    FeatureMatrix xValid = x(200, rng, yValid);
    Learner learner = Learners.byName("xgboost");
    // the study maximises accuracy-like values; XGBoost reports log-loss, judged as MINIMIZE
    Study study = Study.createOrLoad(new InMemoryStudyStore(), "s", Direction.MAXIMIZE,
        new RandomSampler(),
        Pruners.intermediateDirection(new AshaPruner(1, 20, 3, 0), Direction.MINIMIZE), 1);
    study.enqueue(Map.of("learning_rate", 0.5));
    study.enqueue(Map.of("learning_rate", 0.001)); // barely moves from log-loss 0.69: worse
    AtomicReference<Object> stoppedBy = new AtomicReference<>();
    study.optimize(
        trial -> {
          double lr = trial.suggestFloat("learning_rate", 0.001, 0.5, true);
          ParamSet params = ParamSet.resolve(learner.paramSpecs(),
              Map.of("learning_rate", lr, "n_estimators", 20L, "early_stopping_rounds", 0L));
          try (Model m = learner.fit(new FitRequest(xTrain, yTrain, xValid, yValid,
              TaskType.BINARY, 2, params, 7, 1, TrialPruning.sink(study, trial)))) {
            stoppedBy.set(m.fitInfo().get("stopped_by"));
            TrialPruning.checkPruned(study, trial);
            return 1.0;
          }
        },
        StopCondition.trials(2), StudyListener.NONE);
    TrialRecord good = study.trial(0);
    TrialRecord bad = study.trial(1);
    assertEquals(TrialState.COMPLETE, good.state());
    assertEquals(20, good.intermediateValues().size());
    assertEquals(TrialState.PRUNED, bad.state());
    // judged at milestone 1 (round index 1) against the good trial's log-loss there
    assertEquals(List.of(0, 1), List.copyOf(bad.intermediateValues().keySet()));
    assertTrue(bad.intermediateValues().get(1) > good.intermediateValues().get(1));
    assertEquals(bad.intermediateValues().get(1), bad.value());
    assertEquals("sink", stoppedBy.get());
  }

  @Test
  void withoutAPrunerNothingIsStoredPerRound() {
    Study study = Study.createOrLoad(new InMemoryStudyStore(), "s", Direction.MAXIMIZE,
        new RandomSampler(), 1);
    study.optimize(
        trial -> {
          assertEquals(dev.hone.core.model.ReportSink.NONE, TrialPruning.sink(study, trial));
          TrialPruning.checkPruned(study, trial);
          return 1.0;
        },
        StopCondition.trials(1), StudyListener.NONE);
    assertEquals(TrialState.COMPLETE, study.trial(0).state());
  }
}
