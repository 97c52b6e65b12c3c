package dev.hone.experiment;

import dev.hone.core.model.ReportSink;
import dev.hone.search.pruner.Pruner;
import dev.hone.search.study.Study;
import dev.hone.search.study.Trial;
import dev.hone.search.study.TrialPrunedException;

/**
 * Bridges an iterative learner's per-round reports ({@link ReportSink}) to a study's pruner: each
 * round's validation value becomes the trial's intermediate value, a STOP decision stops the
 * learner, and the trial then ends PRUNED.
 */
final class TrialPruning {
  private TrialPruning() {}

  /**
   * The sink a learner fitting {@code trial} reports through: {@link Trial#reportSink()} when the
   * study has a pruner, else {@link ReportSink#NONE} (then nothing is stored per round).
   */
  static ReportSink sink(Study study, Trial trial) {
    return study.pruner() == Pruner.NONE ? ReportSink.NONE : trial.reportSink();
  }

  /**
   * Throws when the pruner stopped {@code trial}, so the study records it PRUNED with its last
   * intermediate value.
   *
   * @throws TrialPrunedException naming the trial and the pruner
   */
  static void checkPruned(Study study, Trial trial) {
    if (trial.shouldPrune()) {
      throw new TrialPrunedException(
          "trial " + trial.number() + " stopped by " + study.pruner());
    }
  }
}
