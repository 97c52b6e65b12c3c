package dev.hone.search.study;

import dev.hone.core.error.HoneException;

/**
 * Thrown by {@link Trial#checkCancelled()} once the trial was cancelled (it ran past its timeout,
 * its run was aborted, or another worker failed it for a stale heartbeat). The trial is already
 * FAIL in the store; the objective should stop working on it.
 */
public class TrialCancelledException extends HoneException {
  private static final long serialVersionUID = 1L;

  public TrialCancelledException(String message) {
    super(message);
  }
}
