package dev.hone.core.error;

/**
 * An error the user can fix: the message says what is wrong, where (file, row, column or
 * parameter) and what to do. The CLI maps it to exit code 2 and prints no stack trace.
 */
public class UserInputException extends HoneException {
  private static final long serialVersionUID = 1L;

  public UserInputException(String message) {
    super(message);
  }

  public UserInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
