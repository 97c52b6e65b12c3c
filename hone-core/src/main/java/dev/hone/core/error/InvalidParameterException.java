package dev.hone.core.error;

/**
 * A parameter is unknown or out of its range. The message names the parameter, the value received
 * and the constraint, e.g. {@code "max_depth was 0 but must be in [1, 20]"}.
 */
public class InvalidParameterException extends UserInputException {
  private static final long serialVersionUID = 1L;

  public InvalidParameterException(String message) {
    super(message);
  }
}
