package dev.hone.core.error;

/** A data file or table is unusable: missing, empty, malformed, or inconsistent with a schema. */
public class DataValidationException extends UserInputException {
  private static final long serialVersionUID = 1L;

  public DataValidationException(String message) {
    super(message);
  }

  public DataValidationException(String message, Throwable cause) {
    super(message, cause);
  }
}
