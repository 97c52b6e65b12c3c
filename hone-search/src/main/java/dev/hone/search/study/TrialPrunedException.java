package dev.hone.search.study;

import dev.hone.core.error.HoneException;

/**
 * Thrown by an {@link Objective} to stop its trial early; {@link Study#optimize} then records the
 * trial as PRUNED with its last reported intermediate value (Optuna's {@code TrialPruned}).
 */
public class TrialPrunedException extends HoneException {
  private static final long serialVersionUID = 1L;

  public TrialPrunedException(String message) {
    super(message);
  }

  public TrialPrunedException() {
    super("trial pruned");
  }
}
