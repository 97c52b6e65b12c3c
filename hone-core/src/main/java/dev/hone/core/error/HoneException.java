package dev.hone.core.error;

/**
 * Root of every exception Hone throws on purpose. Unchecked.
 *
 * <p>Subtypes of {@link UserInputException} are the user's to fix (bad file, bad flag, bad
 * parameter): the CLI prints their message without a stack trace and exits with code 2. Any other
 * {@code HoneException} is an internal failure (exit code 1).
 */
public class HoneException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public HoneException(String message) {
    super(message);
  }

  public HoneException(String message, Throwable cause) {
    super(message, cause);
  }
}
