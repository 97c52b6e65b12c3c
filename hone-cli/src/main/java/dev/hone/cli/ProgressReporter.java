package dev.hone.cli;

import dev.hone.experiment.TrainListener;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows search progress: trials done, best value so far and time left. On a terminal it draws a
 * progress bar on stderr; otherwise (pipes, CI logs) it logs one line per trial.
 */
final class ProgressReporter implements TrainListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("progress");
  private final boolean terminal = System.console() != null;
  private ProgressBar bar;
  private int target;
  private int startFinished;
  private long start;
  private long budgetMillis;

  @Override
  public void stage(String name) {
    LOG.info("{}", name);
  }

  @Override
  public void searchStarted(int finished, int target, long budgetMillis) {
    searchStarted(finished, 0, target, budgetMillis);
  }

  @Override
  public void searchStarted(int finished, int pilotTrials, int target, long budgetMillis) {
    this.target = target;
    this.startFinished = finished;
    this.start = System.nanoTime();
    this.budgetMillis = budgetMillis;
    int resumed = finished - pilotTrials;
    if (resumed > 0) {
      LOG.info("resuming study: {} of {} trials already finished", resumed, target);
    }
    if (pilotTrials > 0) {
      LOG.info("{} of {} trials are the fidelity pilot's full fits", pilotTrials, target);
    }
    if (terminal) {
      bar =
          new ProgressBarBuilder()
              .setTaskName("trials")
              .setInitialMax(target)
              .setStyle(ProgressBarStyle.ASCII)
              .setUpdateIntervalMillis(500)
              .continuousUpdate()
              .hideEta()
              .build();
      bar.stepTo(finished);
    }
  }

  @Override
  public void trialFinished(int number, String state, double value, double best, int finished) {
    String left = timeLeft(finished);
    if (bar != null) {
      bar.stepTo(Math.min(finished, target));
      bar.setExtraMessage(String.format(Locale.ROOT, " best %.5f, left %s", best, left));
    } else {
      LOG.info(
          String.format(
              Locale.ROOT,
              "trial %d %s%s | %d/%d done, best %.5f, time left %s",
              number, state,
              Double.isNaN(value) ? "" : String.format(Locale.ROOT, " value %.5f", value),
              finished, target, best, left));
    }
  }

  private String timeLeft(int finished) {
    long elapsed = (System.nanoTime() - start) / 1_000_000;
    int doneHere = finished - startFinished;
    long byTrials =
        doneHere <= 0 ? -1 : Math.round((double) elapsed / doneHere * Math.max(0, target - finished));
    long byBudget = budgetMillis < 0 ? -1 : Math.max(0, budgetMillis - elapsed);
    long left = byTrials < 0 ? byBudget : byBudget < 0 ? byTrials : Math.min(byTrials, byBudget);
    if (left < 0) {
      return "?";
    }
    long s = left / 1000;
    return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }

  @Override
  public void searchFinished() {
    close();
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
