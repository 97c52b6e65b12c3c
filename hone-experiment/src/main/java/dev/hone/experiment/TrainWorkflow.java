package dev.hone.experiment;

import dev.hone.core.data.CategoricalColumn;
import dev.hone.core.data.Table;
import dev.hone.core.data.TaskType;
import dev.hone.core.error.HoneException;
import dev.hone.core.error.UserInputException;
import dev.hone.core.json.Json;
import dev.hone.core.model.FeatureMatrix;
import dev.hone.core.model.FitRequest;
import dev.hone.core.model.Learner;
import dev.hone.core.model.Model;
import dev.hone.core.model.Predictions;
import dev.hone.core.params.ParamSet;
import dev.hone.core.provenance.EnvironmentInfo;
import dev.hone.core.provenance.ModelProvenance;
import dev.hone.core.provenance.SplitProvenance;
import dev.hone.core.random.Seeds;
import dev.hone.eval.EvaluationResult;
import dev.hone.eval.Evaluator;
import dev.hone.eval.Metric;
import dev.hone.eval.MetricValue;
import dev.hone.preprocess.FittedPreprocessor;
import dev.hone.preprocess.Preprocessor;
import dev.hone.report.HtmlReport;
import dev.hone.report.ReportModel;
import dev.hone.search.sampler.RandomSampler;
import dev.hone.search.sampler.Sampler;
import dev.hone.search.sampler.TpeSampler;
import dev.hone.search.space.SearchSpace;
import dev.hone.search.store.StudyStore;
import dev.hone.search.study.Direction;
import dev.hone.search.study.StopCondition;
import dev.hone.search.study.Study;
import dev.hone.search.study.StudyListener;
import dev.hone.search.study.TrialRecord;
import dev.hone.search.study.TrialState;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code hone train} end to end: load → split (test held out first) → fit preprocessing on the
 * training split only → study over the learner's search space, each trial scored on the validation
 * split → refit the best configuration on train + validation → evaluate once on test → write
 * {@code model/}, {@code metrics.json}, {@code trials.csv} and {@code report.html}.
 *
 * <p>The study lives in the storage ({@code hone.db} by default), so running the same study again
 * resumes it: finished trials are kept and only the remainder is run. A study is bound to its data
 * and settings by a fingerprint; resuming with other data is refused.
 */
public final class TrainWorkflow {
  private static final Logger LOG = LoggerFactory.getLogger(TrainWorkflow.class);

  /** Learner used by {@code hone train}. */
  public static final String LEARNER = "xgboost";

  /** Bootstrap resamples for test-metric intervals. */
  public static final int BOOTSTRAP_ROUNDS = 1000;

  /** Bootstrap resamples used instead when the time budget leaves too little time. */
  static final int CUT_BOOTSTRAP_ROUNDS = 100;

  private long startNanos = Long.MIN_VALUE;

  /**
   * Counts {@code --time-budget} from the start of this process (JVM start-up and the launcher
   * included) instead of from the call to {@link #run}; for the command line, whose whole process
   * is the run. Falls back to the call to {@code run} when the operating system does not tell the
   * start time.
   *
   * @return this workflow
   */
  public TrainWorkflow countingFromProcessStart() {
    this.startNanos = RunBudget.processStartNanos();
    return this;
  }

  /**
   * Runs the whole workflow. On failure, an output folder that this run created and left empty is
   * removed again; nothing that existed before is touched.
   */
  public TrainResult run(TrainConfig cfg, TrainListener listener) {
    Path out = cfg.outDir();
    boolean outExisted = java.nio.file.Files.exists(out);
    try {
      return runIn(out, cfg, listener);
    } catch (RuntimeException e) {
      if (!outExisted) {
        try (java.util.stream.Stream<Path> s = java.nio.file.Files.list(out)) {
          if (s.findAny().isEmpty()) {
            java.nio.file.Files.deleteIfExists(out);
          }
        } catch (java.io.IOException ignored) {
          // best effort: the folder is empty or absent anyway
        }
      }
      throw e;
    }
  }

  private TrainResult runIn(Path out, TrainConfig cfg, TrainListener listener) {
    Instant started = Instant.now();
    long runStart = startNanos == Long.MIN_VALUE ? System.nanoTime() : startNanos;
    RunBudget budget = new RunBudget(cfg.timeBudget(), runStart, System::nanoTime);
    java.util.concurrent.atomic.AtomicLong engineNanos =
        new java.util.concurrent.atomic.AtomicLong(); // time inside the learner's fit/predict
    LowFidelityFits lowFiFits = null; // with --fidelity: the pilot's and the trials' fits
    AtomicFiles.checkWritableDirectory(out, "--out");
    Path modelDir = out.resolve("model");
    if (java.nio.file.Files.isDirectory(modelDir)
        && !java.nio.file.Files.exists(modelDir.resolve("schema.json"))) {
      try (java.util.stream.Stream<Path> s = java.nio.file.Files.list(modelDir)) {
        if (s.findAny().isPresent()) {
          throw new UserInputException(
              "--out " + out + " has a folder model/ with files hone did not write (no"
                  + " schema.json); it would be replaced. Choose another --out, or move them away");
        }
      } catch (java.io.IOException e) {
        throw new HoneException("cannot read " + modelDir + ": " + e.getMessage(), e);
      }
    }

    StudyStores.checkScheme(cfg.storageUrl()); // a mistyped --storage fails before the data work
    listener.stage("loading data");
    LoadedData data = DataLoading.load(cfg);
    List<String> warnings = new ArrayList<>(data.warnings());
    Table full = data.train();
    ValueRange.check(full, data.trainProvenance().source());
    if (data.test() != null) {
      ValueRange.check(data.test(), data.testProvenance().source());
    }
    TaskType task = full.task();
    LOG.info(
        "loaded {} rows x {} columns from {}; target '{}', task {}",
        full.rowCount(), full.columnCount(), data.trainProvenance().source(), full.target(), task);

    listener.stage("splitting");
    Splits splits = Splits.make(full, data.test(), cfg.seed(), cfg.dedupe());
    warnings.addAll(splits.warnings());

    listener.stage("checking the splits for leakage");
    long leakStart = System.nanoTime();
    dev.hone.eval.leakage.LeakageReport leakage =
        dev.hone.eval.leakage.LeakageChecker.checkSplits(
            splits.train(), splits.validation(), splits.test(), leakageOptions(cfg.checks()));
    budget.calibrate((double) full.rowCount() * full.columnCount(),
        (System.nanoTime() - leakStart) / 1e9);
    for (dev.hone.eval.leakage.LeakageFinding f : leakage.findings()) {
      if (f.severity() == dev.hone.eval.leakage.Severity.HIGH) {
        warnings.add("leakage (" + f.kind() + "): " + f.message());
        LOG.warn("leakage ({}): {}", f.kind(), f.message());
      }
    }

    if (cfg.checks().strict()) {
      leakage.requireNoHigh();
    }

    listener.stage("fitting preprocessing on the training split");
    FittedPreprocessor prep = Preprocessor.defaults().fit(splits.train());
    FeatureMatrix xTrain = prep.transform(splits.train());
    FeatureMatrix xValid = prep.transform(splits.validation());
    FeatureMatrix xTest = prep.transform(splits.test());
    double[] yTrain = prep.labels(splits.train());
    double[] yValid = prep.labels(splits.validation());
    double[] yTest = prep.labels(splits.test());
    List<String> classLabels = task.isClassification() ? prep.classLabels() : List.of();
    budget.sizes(xTrain.nRows(), xValid.nRows(), xTest.nRows(), full.columnCount() - 1);
    int nClasses = task.isClassification() ? classLabels.size() : 0;
    FairnessPlan fairPlan =
        FairnessPlan.prepare(cfg.fairness(), task, splits, yTrain, yValid, yTest, cfg.seed());

    Learner learner = Learners.byName(LEARNER);
    Metric objective = cfg.metric() == null ? Metric.defaultObjective(task) : Metric.parse(cfg.metric(), task);
    Direction direction = objective.higherIsBetter() ? Direction.MAXIMIZE : Direction.MINIMIZE;
    FamilySearch fam = FamilySearch.create(cfg.familySettings(), Learners.all());
    SearchSpace space =
        fam == null ? SearchSpace.fromHints(learner.paramSpecs()) : fam.space().space();
    List<String> paramNames = new ArrayList<>(space.distributions().keySet());

    String storageUrl = cfg.storageUrl();
    try (StudyLock lock = StudyLock.acquire(storageUrl, cfg.studyName());
        StudyStore store = StudyStores.open(storageUrl);
        TrialModelKeeper keeper = budget.limited() ? new TrialModelKeeper(direction) : null) {
      Sampler sampler = fam == null ? sampler(cfg.sampler(), space) : fam.sampler(cfg.sampler());
      Map<String, String> fingerprint =
          StudyFingerprint.of(data, cfg, objective.metricName(),
              fam == null ? LEARNER : fam.fingerprint(), cfg.sampler(), splits);
      StudyFingerprint.checkExisting(store, cfg.studyName(), storageUrl, fingerprint);
      LowFidelitySearch lowFi = null;
      if (cfg.fidelity() != null) {
        listener.stage("fidelity: pilot calibration and scheduler (--fidelity " + cfg.fidelity() + ")");
        lowFiFits = new LowFidelityFits(learner, task, nClasses, xTrain, yTrain, xValid, yValid,
            objective, cfg.seed(), Math.max(1, cfg.threads() / cfg.jobs()));
        lowFi = LowFidelitySearch.plan(cfg.fidelity(), lowFiFits,
            space, ParamSet.resolve(learner.paramSpecs(), Map.of()), cfg.jobs(), cfg.seed(),
            dev.hone.search.fidelity.PilotRule.defaults(),
            LowFidelitySearch.pilotContext(store, cfg, fingerprint));
      }
      Study study = Study.createOrLoad(store, cfg.studyName(), direction, sampler,
          lowFi == null ? RoundPruners.forXGBoost(cfg.pruner(), space,
              ParamSet.resolve(learner.paramSpecs(), Map.of())) : lowFi.pruner(), cfg.seed());
      StudyFingerprint.bindOrCheck(study, storageUrl, fingerprint);
      int pilotTrials = 0;
      if (lowFi != null) {
        // the pilot's full fits become the first trials
        pilotTrials = lowFi.recordPilot(study, space);
      }

      int finishedBefore = countFinished(study.trials());
      listener.searchStarted(finishedBefore, pilotTrials, cfg.trials(),
          cfg.timeBudget() == null ? -1 : cfg.timeBudget().toMillis());
      LOG.info(
          "study '{}' in {}: {} of {} trials finished before this run{}; objective {} ({})",
          study.name(), storageUrl, finishedBefore - pilotTrials, cfg.trials(),
          pilotTrials > 0 ? ", " + pilotTrials + " more by this run's fidelity pilot" : "",
          objective.metricName(), direction == Direction.MAXIMIZE ? "maximise" : "minimise");

      int threads = Math.max(1, cfg.threads() / cfg.jobs());
      long searchStart = System.nanoTime();
      java.util.Queue<String> cutTrials = new java.util.concurrent.ConcurrentLinkedQueue<>();
      dev.hone.search.study.Objective trialObjective =
          trial -> {
            FamilySpace.Choice choice = fam == null
                ? new FamilySpace.Choice(LEARNER, learner, trial.suggestAll(space))
                : fam.suggest(trial);
            ParamSet params = ParamSet.resolve(choice.learner().paramSpecs(), choice.params());
            long fitSeed = Seeds.derive(cfg.seed(), "trial-fit", trial.number());
            long t0 = System.nanoTime();
            Model m =
                choice.learner().fit(
                    new FitRequest(
                        xTrain, yTrain, xValid, yValid, task, nClasses, params, fitSeed, threads,
                        budget.firstFitGuard(cancellable(trial, TrialPruning.sink(study, trial)),
                            () -> cutTrials.add("trial " + trial.number())),
                        fairPlan == null ? null : fairPlan.trainWeights(),
                        prep.categoricalBlocks()));
            boolean kept = false; // the best trial's model is kept for a refit the budget skips
            try {
              TrialPruning.checkPruned(study, trial);
              Object bestIt = m.fitInfo().get("best_iteration");
              if (bestIt != null) {
                trial.setUserAttribute("best_iteration", String.valueOf(bestIt));
              }
              Object bestEpoch = m.fitInfo().get("best_epoch");
              if (bestEpoch != null) {
                trial.setUserAttribute("best_epoch", String.valueOf(bestEpoch));
              }
              Predictions p = m.predict(xValid);
              if (fairPlan != null) {
                fairPlan.recordTrial(trial, p.positiveScores());
              }
              engineNanos.addAndGet(System.nanoTime() - t0);
              budget.recordFit(trial.number(), System.nanoTime() - t0);
              double score = objective.compute(yValid, p);
              if (fam != null) {
                fam.afterFit(trial, m, xValid);
              }
              kept = keeper != null && keeper.offer(trial.number(), score, m);
              return score;
            } finally {
              if (!kept) {
                m.close();
              }
            }
          };
      StudyListener trialListener =
          new StudyListener() {
            @Override
            public void onTrialFinish(TrialRecord record, Optional<TrialRecord> best) {
              best.ifPresent(b -> budget.bestTrial(b.number()));
              listener.trialFinished(
                  record.number(),
                  record.state().name(),
                  record.value() == null || record.state() == TrialState.PRUNED
                      ? Double.NaN // a pruned trial's value is a learner loss, not the objective
                      : record.value(),
                  best.map(TrialRecord::value).orElse(Double.NaN),
                  countFinished(study.trials()));
            }
          };
      if (lowFi != null) {
        trialObjective = lowFi.objective(space);
      }
      StopCondition stop = new StopCondition(cfg.trials(), cfg.timeBudget());
      boolean stoppedByBudget;
      if (cfg.jobs() == 1 && !budget.limited()) {
        stoppedByBudget = study.optimize(trialObjective, stop, trialListener).stoppedByTimeBudget();
      } else {
        java.util.concurrent.ExecutorService pool =
            java.util.concurrent.Executors.newFixedThreadPool(cfg.jobs());
        try {
          stoppedByBudget =
              new dev.hone.search.execution.ThreadPoolTrialExecutor(pool, cfg.jobs())
                      .withStopSignal(budget::searchOver)
                      .run(study, trialObjective,
                          dev.hone.search.execution.ExecutionPlan.of(stop), trialListener)
                      .stopReason()
                  == dev.hone.search.execution.StopReason.TIME_BUDGET;
        } finally {
          pool.shutdownNow();
        }
      }
      listener.searchFinished();
      if (!cutTrials.isEmpty()) {
        String w = String.join(", ", cutTrials) + " stopped training early (fewer rounds or epochs"
            + " than its parameters ask) to end the whole run within its --time-budget, as no"
            + " trial had completed; give a larger budget for a fully trained model";
        warnings.add(w);
        LOG.warn(w);
      }
      long searchNanos = System.nanoTime() - searchStart;
      if (stoppedByBudget) {
        String w =
            "the search stopped early to end the whole run within its --time-budget of "
                + cfg.timeBudget().toSeconds() + " s (time kept for the refit and analyses) with "
                + countFinished(study.trials()) + " of " + cfg.trials() + " trials finished; run"
                + " the same command again to continue the study";
        warnings.add(w);
        LOG.warn(w);
      }

      List<TrialRecord> trials = study.trials();
      dev.hone.search.importance.ImportanceResult paramImportance = null;
      try {
        paramImportance = dev.hone.search.importance.PedAnova.evaluate(trials, direction);
      } catch (UserInputException e) {
        LOG.info("no hyperparameter importance: {}", e.getMessage());
      }
      TrialRecord best =
          (fairPlan == null
                  ? study.bestTrial()
                  : fairPlan.selectBest(trials, direction, study.bestTrial()))
              .orElseThrow(
                  () -> fam != null ? fam.noFeasible(trials)
                      : new HoneException("no trial completed; see the log for trial errors"));
      Learner finalLearner = fam == null ? learner : fam.resolve(best).learner();

      // per-group thresholds are fitted on the validation scores of the model they will be
      // applied to, so that model is fitted on the training split only (the best trial's model)
      boolean trainOnly = fairPlan != null && fairPlan.fitsThresholds();
      listener.stage("refitting trial " + best.number() + " on train"
          + (trainOnly ? " (validation kept for the per-group thresholds)" : " + validation"));
      Map<String, Object> bestParams = new LinkedHashMap<>(best.params());
      String bestIt = best.userAttributes().get("best_iteration");
      if (bestIt != null) {
        bestParams.put("n_estimators", Long.parseLong(bestIt) + 1);
        bestParams.put("early_stopping_rounds", 0L);
      }
      String bestEpoch = best.userAttributes().get("best_epoch");
      if (bestEpoch != null && Long.parseLong(bestEpoch) >= 0) {
        // a network refit has no validation rows to stop on: train the epochs the trial kept
        bestParams.put("epochs", Long.parseLong(bestEpoch) + 1);
        bestParams.put("patience", 0L);
      }
      ParamSet refitParams = ParamSet.resolve(
          finalLearner.paramSpecs(), fam == null ? bestParams : fam.refitParams(best));
      FeatureMatrix xRefit = trainOnly ? xTrain : concat(xTrain, xValid);
      double[] yRefit = trainOnly ? yTrain : concat(yTrain, yValid);
      long trialSeed = Seeds.derive(cfg.seed(), "trial-fit", best.number());
      long refitSeed = trainOnly ? trialSeed : Seeds.derive(cfg.seed(), "final-fit", 0);
      // the best trial's own model: its parameters and seed, early stopping on validation
      ParamSet trialParams = ParamSet.resolve(finalLearner.paramSpecs(),
          fam == null ? best.params() : fam.resolve(best).params());
      double storedSeconds = best.startedAt() == null || best.finishedAt() == null ? Double.NaN
          : java.time.Duration.between(best.startedAt(), best.finishedAt()).toNanos() / 1e9;
      double refitSeconds = budget.refitEstimate(best.number(), storedSeconds, trainOnly);
      double trialSeconds = budget.refitEstimate(best.number(), storedSeconds, true);
      long t0 = System.nanoTime();
      DeadlineRefit.Result fitted = DeadlineRefit.run(
          budget, best.number(), refitSeconds, trainOnly ? "train" : "train + validation", keeper,
          trialSeconds,
          sink -> finalLearner.fit(new FitRequest(xRefit, yRefit, null, null, task, nClasses,
              refitParams, refitSeed, threads, sink,
              fairPlan == null ? null : fairPlan.refitWeights(), prep.categoricalBlocks())),
          sink -> finalLearner.fit(new FitRequest(xTrain, yTrain, xValid, yValid, task, nClasses,
              trialParams, trialSeed, threads, sink,
              fairPlan == null ? null : fairPlan.trainWeights(), prep.categoricalBlocks())),
          warnings);
      boolean refitted = fitted.refitted();
      ParamSet finalParams = refitted ? refitParams : trialParams;
      long finalSeed = refitted ? refitSeed : trialSeed;
      FeatureMatrix xFit = refitted ? xRefit : xTrain; // the rows the final model was fitted on
      double[] yFit = refitted ? yRefit : yTrain;
      try (Model model = fitted.model()) {

        listener.stage("evaluating once on the test split");
        Predictions testPred = model.predict(xTest);
        engineNanos.addAndGet(System.nanoTime() - t0);
        Leaderboard families = fam == null ? null // measures the final model as it is now
            : fam.leaderboard(trials, direction, objective.metricName(), best.number(), model,
                xValid);
        int rounds = BOOTSTRAP_ROUNDS;
        if (!budget.allow("test evaluation", "the test metrics' bootstrap intervals were cut from "
            + BOOTSTRAP_ROUNDS + " to " + CUT_BOOTSTRAP_ROUNDS + " resamples", warnings)) {
          rounds = CUT_BOOTSTRAP_ROUNDS;
        }
        EvaluationResult eval =
            Evaluator.evaluate(
                task, yTest, testPred, classLabels, rounds,
                Seeds.derive(cfg.seed(), "bootstrap", 0));

        dev.hone.eval.slices.SliceReport sliceReport = null;
        dev.hone.eval.slices.SliceLineResult found = null;
        if (budget.allow("slices", "metrics by slice and slice discovery (SliceLine) were skipped",
            warnings)) {
          long stepStart = System.nanoTime();
          listener.stage("metrics by slice and slice discovery (SliceLine) on the test split");
          long sliceSeed = Seeds.derive(cfg.seed(), "slices", 0);
          sliceReport =
              dev.hone.eval.slices.SliceAnalysis.analyse(
                  splits.test(), yTest, testPred,
                  dev.hone.eval.slices.SliceOptions.defaults(sliceSeed)
                      .withMetric(objective)
                      .withUserSlices(cfg.checks().slices())
                      .withCrosses(
                          splits.test().sensitive().size() >= 2
                              ? List.of(splits.test().sensitive())
                              : List.of()));
          dev.hone.eval.slices.ErrorKind errorKind =
              task.isClassification()
                  ? dev.hone.eval.slices.ErrorKind.ZERO_ONE
                  : dev.hone.eval.slices.ErrorKind.SQUARED;
          found =
              dev.hone.eval.slices.SliceLine.find(
                  splits.test(), dev.hone.eval.slices.SliceLine.errors(errorKind, yTest, testPred),
                  dev.hone.eval.slices.SliceLineOptions.defaults());
          budget.took("slices", (System.nanoTime() - stepStart) / 1e9);
        }
        dev.hone.report.EvaluationSections sections =
            new dev.hone.report.EvaluationSections(
                EvaluationSectionsAssembler.leakage(
                    "train vs validation, train + validation vs test", leakage),
                sliceReport == null ? null : EvaluationSectionsAssembler.slices(
                    "test", sliceReport, found,
                    task.isClassification() ? "0/1 error" : "squared error"));

        Diagnostics.Result diagnostics = null;
        if (budget.allow("diagnostics",
            "diagnostics (calibration or residuals, Sobol, ICE) were skipped", warnings)) {
          long stepStart = System.nanoTime();
          listener.stage("diagnostics: calibration or residuals, sensitivity (Sobol, ICE)");
          diagnostics = Diagnostics.compute(task, yTest, testPred, xFit, xTest, model, cfg.seed());
          budget.took("diagnostics", (System.nanoTime() - stepStart) / 1e9);
        }

        FairnessAnalysis fairness = null;
        if (task == TaskType.BINARY && !splits.test().sensitive().isEmpty()
            && budget.allow("fairness", "the fairness audit was skipped", warnings)) {
          long stepStart = System.nanoTime();
          listener.stage("auditing fairness on " + splits.test().sensitive());
          fairness =
              FairnessAnalysis.run(
                  task, splits.train(), yTrain, splits.test(), yTest, testPred.positiveScores(),
                  cfg.seed());
          budget.took("fairness", (System.nanoTime() - stepStart) / 1e9);
        }
        FairnessPlan.MitigationResult mitigation = null;
        FairnessPlan.TradeoffResult tradeoff = null;
        if (fairPlan != null) {
          listener.stage("fairness mitigation (" + cfg.fairness().mitigation() + ") and trade-off");
          if (!"reweighing".equals(cfg.fairness().mitigation())
              || budget.allowSeconds(refitted ? refitSeconds : trialSeconds,
                  "the reweighing comparison (the configuration fitted without weights) was"
                      + " skipped", warnings)) {
            mitigation =
                fairPlan.mitigate(
                    testPred.positiveScores(),
                    () -> scores(learner, refitted
                        ? new FitRequest(xFit, yFit, null, null, task, nClasses, finalParams,
                            finalSeed, threads, null, null, prep.categoricalBlocks())
                        : new FitRequest(xTrain, yTrain, xValid, yValid, task, nClasses,
                            trialParams, trialSeed, threads, null, null,
                            prep.categoricalBlocks()), xTest),
                    () -> model.predict(xValid).positiveScores());
          }
          tradeoff = fairPlan.tradeoff(trials, objective.metricName(), direction);
          warnings.addAll(fairPlan.warnings());
        }

        listener.stage("writing " + out);
        Instant finished = Instant.now();
        ModelProvenance prov =
            new ModelProvenance(
                Versions.hone(),
                finalLearner.name(),
                task.name(),
                full.target(),
                data.trainProvenance(),
                data.testProvenance(),
                splits.provenance(cfg.seed()),
                finalParams.asMap(),
                DeadlineRefit.fitInfo(model.fitInfo(), fitted.summary()),
                study.name(),
                storageUrl,
                best.number(),
                cfg.seed(),
                EnvironmentInfo.current(Versions.libraries(finalLearner)),
                started.toString(),
                finished.toString());
        ModelBundle.write(out.resolve("model"), model, prep, data, prov);
        if (fairPlan != null) {
          fairPlan.saveInto(out.resolve("model"));
        }

        Explanations explanations = null;
        if ((fam == null || FamilySearch.treeModel(out.resolve("model")))
            && budget.allow("explanations",
                "the explanations (TreeSHAP, permutation importance, partial dependence) were"
                    + " skipped", warnings)) {
          long stepStart = System.nanoTime();
          listener.stage(
              "explaining the model: TreeSHAP, permutation importance, partial dependence");
          Object trained = model.fitInfo().get("rounds_trained");
          explanations =
              Explanations.compute(
                  task, out.resolve("model").resolve("model.json"),
                  trained == null ? 0 : ((Number) trained).intValue(), model, prep, xFit, xTest,
                  yTest, objective, Seeds.derive(cfg.seed(), "explain", 0));
          budget.took("explanations", (System.nanoTime() - stepStart) / 1e9);
        }
        RobustnessAnalysis robustness = null;
        if (budget.allow("robustness", "the robustness analysis (HopSkipJump, noise) was skipped",
            warnings)) {
          long stepStart = System.nanoTime();
          listener.stage(
              "attacking the model: HopSkipJump and noise on correctly classified test rows");
          robustness =
              RobustnessAnalysis.run(
                  task, model, prep, xFit, xTest, yTest, classLabels, cfg.checks().immutable(),
                  Seeds.derive(cfg.seed(), "robustness", 0));
          budget.took("robustness", (System.nanoTime() - stepStart) / 1e9);
        }
        Map<String, Object> metricsJson = new LinkedHashMap<>();
        metricsJson.put("objective", objective.metricName());
        metricsJson.put("direction", direction.name());
        metricsJson.put("best_trial", best.number());
        metricsJson.put("best_validation_value", best.value());
        metricsJson.put("refit", fitted.summary());
        metricsJson.put("test", eval);
        if (paramImportance != null) {
          metricsJson.put("hyperparameter_importance", paramImportance);
        }
        metricsJson.put("leakage", leakage);
        if (sliceReport != null) {
          metricsJson.put("slices", sliceReport);
          metricsJson.put("slice_discovery", found);
        }
        if (diagnostics != null) {
          metricsJson.put("diagnostics", diagnostics);
        }
        if (explanations != null) {
          metricsJson.put("explanations", explanations.json());
        }
        if (families != null) {
          metricsJson.put("families", families);
        }
        if (fairness != null) {
          Map<String, Object> fairnessJson = fairness.json();
          FairnessPlan.addJson(fairnessJson, mitigation, tradeoff);
          metricsJson.put("fairness", fairnessJson);
        }
        FidelitySummary fidelitySummary = lowFi == null ? null : lowFi.summary(trials);
        if (fidelitySummary != null) {
          metricsJson.put("fidelity", fidelitySummary);
        }
        if (robustness != null) {
          metricsJson.put("robustness", robustness.report());
        }
        metricsJson.put("split", prov.split());
        metricsJson.put("warnings", warnings);
        AtomicFiles.writeFile(out.resolve("metrics.json"), tmp -> Json.write(tmp, metricsJson));
        TrialsCsv.write(out.resolve("trials.csv"), trials, paramNames);
        ReportModel reportModel =
            ReportAssembler.assemble(
                cfg, data, splits, task, objective, direction, paramNames, trials, best, eval,
                classLabels, prov, warnings);
        if (fairness != null) {
          reportModel =
              reportModel.withFairness(FairnessPlan.view(fairness.view(), mitigation, tradeoff));
        }
        if (families != null) {
          reportModel = reportModel.withFamilies(FamiliesViews.of(families));
        }
        if (paramImportance != null) {
          List<ReportModel.Fact> rows = new ArrayList<>();
          for (dev.hone.search.importance.ParamImportance pi : paramImportance.importances()) {
            rows.add(new ReportModel.Fact(
                pi.name(), String.format(java.util.Locale.ROOT, "%.3f", pi.importance())));
          }
          reportModel = reportModel.withParamImportance(rows);
        }
        HtmlReport.write(
            reportModel, diagnostics == null ? null : Diagnostics.view(diagnostics),
            explanations == null ? null : explanations.view(), sections,
            FidelityViews.view(fidelitySummary), robustness == null ? null : robustness.view(),
            out.resolve("report.html"));

        double total = (System.nanoTime() - runStart) / 1e9;
        // with --fidelity the pilot's and the trials' fits go through LowFidelityFits
        double engineSeconds =
            engineNanos.get() / 1e9 + (lowFiFits == null ? 0 : lowFiFits.fitSeconds());
        LOG.info(
            String.format(
                java.util.Locale.ROOT,
                "timing: total %.2f s, search %.2f s, inside %s fit/predict %.2f s (%.1f%% of"
                    + " total)",
                total, searchNanos / 1e9, finalLearner.name(), engineSeconds,
                100 * engineSeconds / total));
        Map<String, Double> testMetrics = new LinkedHashMap<>();
        for (MetricValue mv : eval.metrics()) {
          testMetrics.put(mv.name(), mv.value());
        }
        return new TrainResult(
            out, study.name(), storageUrl, best.number(), objective.metricName(), best.value(),
            testMetrics, warnings);
      }
    } catch (HoneException e) {
      throw e;
    } catch (Exception e) {
      throw new HoneException("training failed: " + e.getMessage(), e);
    }
  }

  /** Fits {@code request}, returns P(class 1) on {@code x} and frees the model. */
  static double[] scores(Learner learner, FitRequest request, FeatureMatrix x) {
    try (Model m = learner.fit(request)) {
      return m.predict(x).positiveScores();
    }
  }

  /** The sampler named by {@code --sampler}. */
  static Sampler sampler(String name, SearchSpace space) {
    return switch (name) {
      case "random" -> new RandomSampler();
      case "tpe-multivariate" ->
          new TpeSampler(TpeSampler.Options.defaults().withMultivariate(true, true));
      case "gp" -> new dev.hone.search.sampler.GpSampler();
      case "qmc" -> new dev.hone.search.sampler.QmcSampler(space);
      case "evolution" -> new dev.hone.search.sampler.EvolutionSampler();
      default -> new TpeSampler();
    };
  }

  static dev.hone.eval.leakage.LeakageOptions leakageOptions(EvaluationSettings checks) {
    dev.hone.eval.leakage.LeakageOptions o = dev.hone.eval.leakage.LeakageOptions.defaults();
    if (checks.groupColumn() != null) {
      o = o.withGroupColumn(checks.groupColumn());
    }
    if (checks.timeColumn() != null) {
      o = o.withTimeColumn(checks.timeColumn());
    }
    return o;
  }

  static int countFinished(List<TrialRecord> trials) {
    int n = 0;
    for (TrialRecord t : trials) {
      if (t.state() == TrialState.COMPLETE || t.state() == TrialState.PRUNED) {
        n++;
      }
    }
    return n;
  }

  static FeatureMatrix concat(FeatureMatrix a, FeatureMatrix b) {
    float[] d = new float[a.data().length + b.data().length];
    System.arraycopy(a.data(), 0, d, 0, a.data().length);
    System.arraycopy(b.data(), 0, d, a.data().length, b.data().length);
    return new FeatureMatrix(d, a.nRows() + b.nRows(), a.featureNames());
  }

  static double[] concat(double[] a, double[] b) {
    double[] d = new double[a.length + b.length];
    System.arraycopy(a, 0, d, 0, a.length);
    System.arraycopy(b, 0, d, a.length, b.length);
    return d;
  }

  static boolean isCategorical(Table t, String col) {
    return t.column(col) instanceof CategoricalColumn;
  }

  /** A report sink that first honours the run's deadline (a cancelled trial stops at a round). */
  private static dev.hone.core.model.ReportSink cancellable(
      dev.hone.search.study.Trial trial, dev.hone.core.model.ReportSink sink) {
    return (step, value) -> {
      trial.checkCancelled(); // the run's deadline (RunBudget) cancels trials
      return sink.report(step, value);
    };
  }

}
