package dev.hone.experiment;

import dev.hone.core.data.TaskType;
import dev.hone.core.error.HoneException;
import dev.hone.core.json.Json;
import dev.hone.core.model.AreaResampling;
import dev.hone.core.model.DifferentiableModel;
import dev.hone.core.model.FeatureMatrix;
import dev.hone.core.model.FitRequest;
import dev.hone.core.model.Learner;
import dev.hone.core.model.Model;
import dev.hone.core.model.Predictions;
import dev.hone.core.model.ReportSink;
import dev.hone.core.params.ParamSet;
import dev.hone.core.params.ParamSpec;
import dev.hone.core.random.Seeds;
import dev.hone.data.image.ImageDataset;
import dev.hone.data.image.ImageOps;
import dev.hone.data.image.ImageReaders;
import dev.hone.data.split.SplitIndices;
import dev.hone.eval.EvaluationResult;
import dev.hone.eval.Evaluator;
import dev.hone.eval.MetricValue;
import dev.hone.report.HtmlReport;
import dev.hone.report.ReportModel;
import dev.hone.search.fidelity.Fidelity;
import dev.hone.search.fidelity.FidelityKind;
import dev.hone.search.space.SearchSpace;
import dev.hone.search.store.InMemoryStudyStore;
import dev.hone.search.study.Direction;
import dev.hone.search.study.StopCondition;
import dev.hone.search.study.Study;
import dev.hone.search.study.StudyListener;
import dev.hone.search.study.TrialRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code hone train --task image}: image classification with the {@code cnn} learner, kept apart
 * from the table workflow.
 *
 * <ol>
 *   <li>Read the images ({@link ImageReaders}: MNIST IDX, a folder per class, or scikit-learn's
 *       digits CSV) and split them stratified and seeded 70/10/20 into train, validation and test
 *       ({@link ImageOps#stratifiedSplit}, seed stream {@code split.holdout}).
 *   <li>Search: a {@link Study} with TPE (Bergstra et al. 2011; 2 random start-up trials, then
 *       TPE) over {@code space} ({@link ImageSearchSpace}: the CNN cell space of {@link
 *       NasSpaces#cnn()} plus training parameters with TPE in group mode, or the learner's hinted
 *       space), minimising the validation log loss. Trial 0 is the learner's default configuration
 *       (enqueued, as with Optuna's {@code enqueue_trial}), so the search never ends worse than
 *       the defaults. With {@code fidelity = auto} (default) a pilot calibrates image resolution
 *       (and epochs) as fidelities, the pilot's best configuration is trial 1, and trials climb
 *       from the cheapest trusted resolution to full resolution under ASHA ({@link
 *       ImageFidelitySearch}; {@code resolution:F} / {@code epochs:F} skip the pilot). With
 *       {@code fidelity = none}, trials train for {@code searchEpochs} on images downscaled by
 *       {@code searchDownscale} (area averaging), every epoch's validation loss reported to the
 *       trial. The study lives in memory: an image run is not resumable.
 *   <li>Refit the best trial's configuration at full resolution for up to {@code finalEpochs}
 *       epochs, early stopping on the validation split (patience 3).
 *   <li>Evaluate once on the untouched test split: accuracy, macro F1 and log loss with 95%
 *       percentile-bootstrap intervals (1000 resamples), confusion matrix.
 *   <li>Attack the final model on up to 200 seeded test images with FGSM and PGD-20 (L∞ in
 *       pixel intensity, ε 0…0.3; {@link ImageRobustness}) and write the curves to {@code
 *       metrics.json} ({@code robustness}) and the report.
 *   <li>Write {@code model/} (the network, reloadable with the {@code cnn} learner, plus {@code
 *       classes.json}), {@code metrics.json} ({@link ImageTrainResult}) and {@code report.html}.
 * </ol>
 *
 * <p>Seeds: split {@code seed}; trial {@code t} fits with {@code Seeds.derive(seed, "trial-fit",
 * t)}; the final fit with {@code Seeds.derive(seed, "final-fit", 0)}; the bootstrap with {@code
 * Seeds.derive(seed, "bootstrap", 0)}; the attacks with {@code Seeds.derive(seed, "robustness",
 * 0)}. The same command gives the same result on the same machine.
 */
public final class ImageTrainWorkflow {
  private static final Logger LOG = LoggerFactory.getLogger(ImageTrainWorkflow.class);

  /** The learner used for images. */
  public static final String LEARNER = "cnn";

  /** Fractions of the train / validation / test split. */
  static final double TRAIN = 0.7;

  static final double VALIDATION = 0.1;

  static final double TEST = 0.2;

  /**
   * Runs the workflow. On failure, an output folder that this run created and left empty is
   * removed again; nothing that existed before is touched.
   */
  public ImageTrainResult run(ImageTrainConfig cfg) {
    boolean outExisted = Files.exists(cfg.out());
    try {
      return runIn(cfg);
    } catch (RuntimeException e) {
      if (!outExisted) {
        try (java.util.stream.Stream<Path> s = Files.list(cfg.out())) {
          if (s.findAny().isEmpty()) {
            Files.deleteIfExists(cfg.out());
          }
        } catch (java.io.IOException ignored) {
          // best effort: the folder is empty or absent anyway
        }
      }
      throw e;
    }
  }

  private ImageTrainResult runIn(ImageTrainConfig cfg) {
    long t0 = System.nanoTime();
    AtomicFiles.checkWritableDirectory(cfg.out(), "--out");
    ImageDataset all = load(cfg);
    LOG.info("read {} images {}x{}x{} in {} classes from {}", all.n(), all.channels(),
        all.height(), all.width(), all.nClasses(), cfg.data());
    SplitIndices split = ImageOps.stratifiedSplit(all, TRAIN, VALIDATION, TEST, cfg.seed());
    ImageDataset train = all.select(split.train());
    ImageDataset valid = all.select(split.validation());
    ImageDataset test = all.select(split.test());
    TaskType task = all.nClasses() == 2 ? TaskType.BINARY : TaskType.MULTICLASS;
    Learner learner = Learners.byName(LEARNER);
    long t1 = System.nanoTime();

    List<ParamSpec> specs = learner.paramSpecs();
    ImageSearchSpace space =
        ImageSearchSpace.of(cfg.space(), specs, Math.min(all.height(), all.width()));
    ImageFidelitySearch.Setting fidelity = ImageFidelitySearch.parse(cfg.fidelity());
    Study study;
    ImageFidelitySearch plan = null;
    List<Integer> searchShape = List.of(train.channels(), train.height(), train.width());
    if (fidelity.none()) {
      study =
          Study.createOrLoad(
              new InMemoryStudyStore(), "image", Direction.MINIMIZE, space.sampler(), cfg.seed());
      ImageDataset ts = fixedDownscaleSearch(cfg, study, space, learner, train, valid, task);
      searchShape = List.of(ts.channels(), ts.height(), ts.width());
    } else {
      ImageFidelitySearch.Fitter fitter =
          ImageFidelitySearch.forImages(
              learner, space, train, valid, task, cfg.seed(), cfg.threads(), cfg.searchEpochs());
      plan =
          ImageFidelitySearch.plan(
              fidelity, fitter, space, cfg.searchEpochs(), train.n(),
              Math.min(train.height(), train.width()), cfg.seed(),
              ImageFidelitySearch.DEFAULT_PILOT_CONFIGS);
      study =
          Study.createOrLoad(
              new InMemoryStudyStore(), "image", Direction.MINIMIZE, space.sampler(),
              plan.pruner(), cfg.seed());
      Map<String, Object> defaults = space.defaults(specs);
      study.enqueue(defaults);
      if (plan.bestPilotConfig() != null && !plan.bestPilotConfig().equals(defaults)) {
        study.enqueue(plan.bestPilotConfig());
      }
      study.optimize(
          plan.objective(space, fitter), new StopCondition(cfg.trials(), cfg.timeBudget()),
          StudyListener.NONE);
      List<Fidelity> rungs = plan.rungs();
      if (!rungs.isEmpty()) {
        double r = rungs.get(0).fractionOf(FidelityKind.RESOLUTION);
        searchShape = List.of(train.channels(), AreaResampling.scaledSize(train.height(), r),
            AreaResampling.scaledSize(train.width(), r));
      }
    }
    TrialRecord best =
        study.bestTrial().orElseThrow(
            () -> new HoneException("no search trial completed: see the log for the failures"));
    long t2 = System.nanoTime();

    Map<String, Object> finalParams = new LinkedHashMap<>(space.toLearner(best.params()));
    finalParams.put("epochs", cfg.finalEpochs());
    finalParams.put("patience", 3);
    finalParams.put("input_channels", all.channels());
    finalParams.put("input_height", all.height());
    ParamSet resolved = ParamSet.resolve(specs, finalParams);
    List<MetricValue> metrics;
    long[][] confusion;
    Map<String, Object> fitInfo;
    ImageRobustness robustness = null;
    long t3;
    long robustNanos = 0;
    try (Model model =
        learner.fit(
            new FitRequest(train.toFeatureMatrix(), train.labelsAsDouble(),
                valid.toFeatureMatrix(), valid.labelsAsDouble(), task, all.nClasses(), resolved,
                Seeds.derive(cfg.seed(), "final-fit", 0), cfg.threads(), ReportSink.NONE))) {
      t3 = System.nanoTime();
      Predictions preds = model.predict(test.toFeatureMatrix());
      EvaluationResult eval =
          Evaluator.evaluate(task, test.labelsAsDouble(), preds, all.classNames(),
              Evaluator.DEFAULT_BOOTSTRAP_ROUNDS, Seeds.derive(cfg.seed(), "bootstrap", 0));
      metrics = eval.metrics();
      confusion = eval.confusion() == null ? new long[0][0] : eval.confusion().counts();
      fitInfo = new LinkedHashMap<>(model.fitInfo());
      if (model instanceof DifferentiableModel dm) {
        long r0 = System.nanoTime();
        robustness =
            ImageRobustness.run(
                dm, rows(test.toFeatureMatrix()), test.labelsAsDouble(),
                Seeds.derive(cfg.seed(), "robustness", 0));
        robustNanos = System.nanoTime() - r0;
      }
      AtomicFiles.replaceDirectory(
          cfg.out().resolve("model"),
          dir -> {
            model.save(dir);
            Files.writeString(dir.resolve("classes.json"), Json.write(all.classNames()));
            ImageModelInfo.of(LEARNER, all, cfg).write(dir);
          });
    }
    long t4 = System.nanoTime();

    List<ImageTrainResult.TrialSummary> trials = new ArrayList<>();
    for (TrialRecord r : study.trials()) {
      trials.add(new ImageTrainResult.TrialSummary(r.number(), r.state().name(),
          r.value() == null ? Double.NaN : r.value(), r.params()));
    }
    Map<String, Double> seconds = new LinkedHashMap<>();
    seconds.put("load", (t1 - t0) / 1e9);
    seconds.put("search", (t2 - t1) / 1e9);
    seconds.put("refit", (t3 - t2) / 1e9);
    seconds.put("evaluate", (t4 - t3 - robustNanos) / 1e9);
    seconds.put("robustness", robustNanos / 1e9);
    seconds.put("total", (System.nanoTime() - t0) / 1e9);
    Map<String, Integer> sizes = new LinkedHashMap<>();
    sizes.put("train", train.n());
    sizes.put("validation", valid.n());
    sizes.put("test", test.n());
    ImageTrainResult result =
        new ImageTrainResult(
            cfg.out().toString(), cfg.data().toString(), all.n(),
            List.of(all.channels(), all.height(), all.width()), all.classNames(), sizes,
            searchShape, trials,
            best.number(), resolved.asMap(), metrics, confusion, fitInfo, seconds,
            robustness == null ? null : robustness.report(), space.name(),
            plan == null ? null : plan.summary(study.trials()),
            plan == null ? 0 : plan.pilotImages());
    AtomicFiles.writeFile(cfg.out().resolve("metrics.json"), f -> Json.write(f, result));
    HtmlReport.write(
        report(cfg, result, space.space()), null, null, dev.hone.report.EvaluationSections.NONE,
        FidelityViews.view(result.fidelity()), robustness == null ? null : robustness.view(),
        cfg.out().resolve("report.html"));
    LOG.info("image run finished in {} s", String.format(Locale.ROOT, "%.1f", seconds.get("total")));
    return result;
  }

  /**
   * The search of {@code --fidelity none}: every trial trains for {@code searchEpochs} on images
   * downscaled by {@code searchDownscale}, each epoch's validation loss reported to the trial, the
   * trial's value the best one; the learner's defaults are trial 0.
   *
   * @return the training images the trials saw
   */
  private static ImageDataset fixedDownscaleSearch(
      ImageTrainConfig cfg, Study study, ImageSearchSpace space, Learner learner,
      ImageDataset train, ImageDataset valid, TaskType task) {
    int factor = searchFactor(train, cfg.searchDownscale());
    ImageDataset trainSearch = ImageOps.downscale(train, factor);
    ImageDataset validSearch = ImageOps.downscale(valid, factor);
    FeatureMatrix xs = trainSearch.toFeatureMatrix();
    FeatureMatrix vs = validSearch.toFeatureMatrix();
    List<ParamSpec> specs = learner.paramSpecs();
    study.enqueue(space.defaults(specs));
    study.optimize(
        trial -> {
          Map<String, Object> p = new LinkedHashMap<>(space.toLearner(space.suggest(trial)));
          p.put("epochs", cfg.searchEpochs());
          p.put("patience", 2);
          p.put("input_channels", trainSearch.channels());
          p.put("input_height", trainSearch.height());
          ReportSink sink = (step, v) -> {
            trial.report(step, v);
            return true;
          };
          try (Model m =
              learner.fit(
                  new FitRequest(xs, trainSearch.labelsAsDouble(), vs, validSearch.labelsAsDouble(),
                      task, train.nClasses(), ParamSet.resolve(specs, p),
                      Seeds.derive(cfg.seed(), "trial-fit", trial.number()), cfg.threads(),
                      sink))) {
            Object best = m.fitInfo().get("best_validation_loss");
            return ((Number) best).doubleValue();
          }
        },
        new StopCondition(cfg.trials(), cfg.timeBudget()),
        StudyListener.NONE);
    return trainSearch;
  }

  private static double[][] rows(FeatureMatrix m) {
    double[][] out = new double[m.nRows()][m.nCols()];
    float[] d = m.data();
    for (int i = 0; i < out.length; i++) {
      for (int j = 0; j < out[i].length; j++) {
        out[i][j] = d[i * m.nCols() + j];
      }
    }
    return out;
  }

  private static ImageDataset load(ImageTrainConfig cfg) {
    Path data = cfg.data();
    String name = data.getFileName() == null ? "" : data.getFileName().toString();
    if (Files.isRegularFile(data) && (name.endsWith(".csv") || name.endsWith(".csv.gz"))) {
      return ImageReaders.readDigitsCsv(data);
    }
    return ImageReaders.read(data, cfg.folder());
  }

  /** The requested factor when it divides the image and leaves at least 7 pixels a side, else 1. */
  static int searchFactor(ImageDataset d, int factor) {
    if (factor > 1 && d.height() % factor == 0 && d.width() % factor == 0
        && d.height() / factor >= 7 && d.width() / factor >= 7) {
      return factor;
    }
    if (factor > 1) {
      LOG.info("search at full resolution: downscale factor {} does not fit {}x{} images",
          factor, d.height(), d.width());
    }
    return 1;
  }

  private static ReportModel report(ImageTrainConfig cfg, ImageTrainResult r, SearchSpace space) {
    List<ReportModel.Fact> overview = new ArrayList<>();
    overview.add(new ReportModel.Fact("data", r.data()));
    overview.add(new ReportModel.Fact("task", "image classification"));
    overview.add(new ReportModel.Fact("images", r.images() + " of " + r.shape().get(1) + "x"
        + r.shape().get(2) + " pixels, " + r.shape().get(0) + " channel(s)"));
    overview.add(new ReportModel.Fact("classes", String.join(", ", r.classNames())));
    overview.add(new ReportModel.Fact("learner", LEARNER));
    overview.add(new ReportModel.Fact("search space", r.space()));
    overview.add(new ReportModel.Fact("search resolution",
        (r.fidelity() == null || r.fidelity().rungs().isEmpty()
            ? r.searchShape().get(1) + "x" + r.searchShape().get(2)
            : "from " + r.searchShape().get(1) + "x" + r.searchShape().get(2) + " up to "
                + r.shape().get(1) + "x" + r.shape().get(2) + " under ASHA")
            + ", " + cfg.searchEpochs() + " epochs per full-fidelity trial"));
    if (r.pilotImages() > 0) {
      overview.add(new ReportModel.Fact("fidelity pilot",
          r.fidelity().calibration().nConfigs() + " configurations on " + r.pilotImages()
              + " training images"));
    }
    overview.add(new ReportModel.Fact("seed", Long.toString(cfg.seed())));
    r.seconds().forEach((k, v) ->
        overview.add(new ReportModel.Fact(k + " time", String.format(Locale.ROOT, "%.1f s", v))));
    List<ReportModel.SplitRow> splits = new ArrayList<>();
    r.splitSizes().forEach((k, v) -> splits.add(new ReportModel.SplitRow(k, v, "stratified")));
    List<String> names = new ArrayList<>(space.distributions().keySet());
    List<ReportModel.TrialRow> trials = new ArrayList<>();
    for (ImageTrainResult.TrialSummary t : r.trials()) {
      List<String> ps = new ArrayList<>();
      for (String n : names) {
        Object v = t.params().get(n);
        ps.add(v == null ? "" : String.valueOf(v));
      }
      trials.add(new ReportModel.TrialRow(t.number(), t.state(), t.value(), 0, ps));
    }
    List<ReportModel.MetricRow> metrics = new ArrayList<>();
    for (MetricValue m : r.testMetrics()) {
      metrics.add(new ReportModel.MetricRow(m.name(), m.value(), m.ciLower(), m.ciUpper()));
    }
    List<ReportModel.Fact> provenance = new ArrayList<>();
    r.fitInfo().forEach((k, v) -> provenance.add(new ReportModel.Fact(k, String.valueOf(v))));
    r.bestParams().forEach((k, v) -> provenance.add(new ReportModel.Fact(k, String.valueOf(v))));
    ReportModel.Confusion confusion =
        r.confusion().length == 0 ? null : new ReportModel.Confusion(r.classNames(), r.confusion());
    return new ReportModel(
        "hone train --task image: " + cfg.data().getFileName(), overview, List.of(), List.of(),
        splits, "log_loss", false, names, trials, Math.min(10, trials.size()), r.bestTrial(),
        metrics, r.splitSizes().get("test"), confusion, List.of(), provenance, null);
  }
}
