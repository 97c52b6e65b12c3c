package dev.hone.experiment;

import dev.hone.core.model.Model;
import dev.hone.search.study.Direction;

/**
 * Keeps the model of the best-scoring trial of this run in memory, so that a run whose time budget
 * leaves no room for the refit can deliver that model (fitted on the training split, early stopping
 * on validation) without fitting it again.
 *
 * <p>Each trial offers its fitted model with its validation score; the keeper takes ownership of a
 * model that scores strictly better than the one it holds (ties keep the earlier offer), and closes
 * the model it replaces. The trial the workflow finally selects may differ (a resumed study's best
 * trial, fairness selection, deployment constraints); {@link #take} then returns {@code null} and
 * the caller fits that trial again.
 *
 * <p>Thread-safe: trials offer concurrently.
 */
final class TrialModelKeeper implements AutoCloseable {
  private final Direction direction;
  private int trial = -1;
  private double score = Double.NaN;
  private Model model;
  private boolean closed;

  /** @param direction how scores compare */
  TrialModelKeeper(Direction direction) {
    this.direction = direction;
  }

  /**
   * Offers a trial's model.
   *
   * @param number the trial number
   * @param value its validation score (NaN is never kept)
   * @param m the fitted model
   * @return {@code true} when the keeper took ownership (the caller must not close {@code m})
   */
  synchronized boolean offer(int number, double value, Model m) {
    if (closed || Double.isNaN(value)) {
      return false;
    }
    boolean better = model == null
        || (direction == Direction.MAXIMIZE ? value > score : value < score);
    if (!better) {
      return false;
    }
    if (model != null) {
      model.close();
    }
    trial = number;
    score = value;
    model = m;
    return true;
  }

  /**
   * Hands over the kept model if it is trial {@code number}'s; the keeper then no longer owns it.
   *
   * @return the model, or {@code null} when another trial's model (or none) is kept
   */
  synchronized Model take(int number) {
    if (model == null || trial != number) {
      return null;
    }
    Model m = model;
    model = null;
    trial = -1;
    return m;
  }

  /** Whether trial {@code number}'s model is kept. */
  synchronized boolean holds(int number) {
    return model != null && trial == number;
  }

  /** Closes the kept model, if any; later offers are refused. */
  @Override
  public synchronized void close() {
    closed = true;
    if (model != null) {
      model.close();
      model = null;
    }
  }
}
