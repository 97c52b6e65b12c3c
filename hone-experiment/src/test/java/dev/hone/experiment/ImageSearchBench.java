package dev.hone.experiment;

import dev.hone.core.data.TaskType;
import dev.hone.core.model.FitRequest;
import dev.hone.core.model.Learner;
import dev.hone.core.model.Model;
import dev.hone.core.model.ReportSink;
import dev.hone.core.params.ParamSet;
import dev.hone.core.random.Seeds;
import dev.hone.data.image.ImageDataset;
import dev.hone.data.image.ImageOps;
import dev.hone.data.image.ImageReaders;
import dev.hone.data.split.SplitIndices;
import dev.hone.search.fidelity.CalibrationRow;
import dev.hone.search.store.InMemoryStudyStore;
import dev.hone.search.study.Direction;
import dev.hone.search.study.StopCondition;
import dev.hone.search.study.Study;
import dev.hone.search.study.StudyListener;
import dev.hone.search.study.TrialRecord;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The image search of {@code hone train --task image} on one dataset, per seed: each search space
 * ({@code nas}, {@code default}) with each fidelity setting ({@code full}: every trial at full
 * resolution; {@code auto}: pilot then ASHA on resolution), the same number of trials of the same
 * epochs; reported: the best full-fidelity validation log loss, the test accuracy of the best
 * configuration refitted on the training split (full resolution, early stopping on validation), the
 * CPU seconds of the search (pilot included; process CPU time, PyTorch threads included), and for
 * {@code auto} the calibration table. Run through {@code bench/image_fidelity.sh}.
 *
 * <p>Arguments: data path (digits CSV or MNIST folder), seeds (comma-separated), trials, search
 * epochs, final epochs, spaces (comma-separated), fidelities (comma-separated), threads.
 */
public final class ImageSearchBench {
  private ImageSearchBench() {}

  static double cpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime()
        / 1e9;
  }

  public static void main(String[] args) {
    Path data = Path.of(args[0]);
    String[] seeds = args.length > 1 ? args[1].split(",") : new String[] {"1", "2", "3"};
    int trials = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    int epochs = args.length > 3 ? Integer.parseInt(args[3]) : 2;
    int finalEpochs = args.length > 4 ? Integer.parseInt(args[4]) : 6;
    String[] spaces = args.length > 5 ? args[5].split(",") : new String[] {"nas", "default"};
    String[] fids = args.length > 6 ? args[6].split(",") : new String[] {"full", "auto"};
    int threads = args.length > 7 ? Integer.parseInt(args[7]) : 1;
    String name = data.getFileName().toString();
    ImageDataset all =
        name.endsWith(".csv") || name.endsWith(".csv.gz")
            ? ImageReaders.readDigitsCsv(data)
            : ImageReaders.read(data, ImageReaders.FolderOptions.DEFAULT);
    Learner cnn = Learners.byName("cnn");
    System.out.printf(Locale.ROOT,
        "# %s: %d images %dx%d; %d trials x %d epochs, refit %d epochs, %d thread(s)%n", name,
        all.n(), all.height(), all.width(), trials, epochs, finalEpochs, threads);
    System.out.println("| seed | space | fidelity | chosen | trials complete/pruned |"
        + " best val log loss | test acc | search CPU s | search wall s |");
    for (String sd : seeds) {
      long seed = Long.parseLong(sd.trim());
      SplitIndices split = ImageOps.stratifiedSplit(all, 0.7, 0.1, 0.2, seed);
      ImageDataset train = all.select(split.train());
      ImageDataset valid = all.select(split.validation());
      ImageDataset test = all.select(split.test());
      for (String sp : spaces) {
        ImageSearchSpace space =
            ImageSearchSpace.of(sp, cnn.paramSpecs(), Math.min(all.height(), all.width()));
        for (String fid : fids) {
          double c0 = cpu();
          long w0 = System.nanoTime();
          ImageFidelitySearch.Fitter fitter =
              ImageFidelitySearch.forImages(
                  cnn, space, train, valid, TaskType.MULTICLASS, seed, threads, epochs);
          ImageFidelitySearch plan =
              ImageFidelitySearch.plan(
                  ImageFidelitySearch.parse(fid), fitter, space, epochs, train.n(),
                  Math.min(train.height(), train.width()), seed,
                  ImageFidelitySearch.DEFAULT_PILOT_CONFIGS);
          Study study =
              Study.createOrLoad(
                  new InMemoryStudyStore(), "bench", Direction.MINIMIZE, space.sampler(),
                  plan.pruner(), seed);
          Map<String, Object> defaults = space.defaults(cnn.paramSpecs());
          study.enqueue(defaults);
          if (plan.bestPilotConfig() != null && !plan.bestPilotConfig().equals(defaults)) {
            study.enqueue(plan.bestPilotConfig());
          }
          study.optimize(
              plan.objective(space, fitter), new StopCondition(trials, null), StudyListener.NONE);
          double cpu = cpu() - c0;
          double wall = (System.nanoTime() - w0) / 1e9;
          TrialRecord best = study.bestTrial().orElseThrow();
          FidelitySummary s = plan.summary(study.trials());
          Map<String, Object> p = new LinkedHashMap<>(space.toLearner(best.params()));
          p.put("epochs", finalEpochs);
          p.put("patience", 3);
          p.put("input_channels", train.channels());
          p.put("input_height", train.height());
          double acc;
          try (Model m =
              cnn.fit(new FitRequest(train.toFeatureMatrix(), train.labelsAsDouble(),
                  valid.toFeatureMatrix(), valid.labelsAsDouble(), TaskType.MULTICLASS,
                  all.nClasses(), ParamSet.resolve(cnn.paramSpecs(), p),
                  Seeds.derive(seed, "final-fit", 0), threads, ReportSink.NONE))) {
            int[] pred = m.predict(test.toFeatureMatrix()).predictedClasses();
            int ok = 0;
            for (int i = 0; i < pred.length; i++) {
              ok += pred[i] == test.labels()[i] ? 1 : 0;
            }
            acc = (double) ok / pred.length;
          }
          System.out.printf(Locale.ROOT, "| %d | %s | %s | %s | %d/%d | %.4f | %.4f | %.1f | %.1f |%n",
              seed, sp, fid, s.chosen(), s.completeTrials(), s.prunedTrials(), best.value(), acc,
              cpu, wall);
          if (s.calibration() != null) {
            for (CalibrationRow r : s.calibration().rows()) {
              System.out.printf(Locale.ROOT,
                  "|   | calibration | %s | cost %.3f (nominal %.3f) | rho %.3f [%.3f, %.3f] |"
                      + " tau %.3f [%.3f, %.3f] | n %d | %s |%n",
                  r.fidelity(), r.costFraction(), r.nominalCost(), r.spearman(), r.spearmanLow(),
                  r.spearmanHigh(), r.kendall(), r.kendallLow(), r.kendallHigh(), r.nConfigs(),
                  r.chosen() ? "chosen" : r.trusted() ? "trusted" : "refused");
            }
            for (FidelitySummary.Rung r : s.rungs()) {
              System.out.printf(Locale.ROOT, "|   | rung | %s | reached %d, pruned %d, promoted %d |%n",
                  r.fidelity(), r.reached(), r.pruned(), r.promoted());
            }
          }
        }
      }
    }
  }
}
