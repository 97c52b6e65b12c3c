package dev.hone.search.store;

import dev.hone.core.error.HoneException;

/**
 * An attempt to change a trial that is already finished (COMPLETE, PRUNED or FAIL), e.g. telling a
 * trial twice. Finished trials are immutable.
 */
public class TrialFinishedException extends HoneException {
  private static final long serialVersionUID = 1L;

  public TrialFinishedException(String message) {
    super(message);
  }
}
