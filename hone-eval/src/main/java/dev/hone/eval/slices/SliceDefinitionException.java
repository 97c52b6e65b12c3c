package dev.hone.eval.slices;

import dev.hone.core.error.UserInputException;

/**
 * A slice definition cannot be parsed or does not fit the table: the message quotes the
 * definition, gives the 1-based character position, says what is wrong (unknown column, bad
 * operator, a value that is not a number or not a level) and what is allowed.
 */
public class SliceDefinitionException extends UserInputException {
  private static final long serialVersionUID = 1L;

  private final int position;

  /**
   * @param definition the text as given
   * @param position 1-based character position of the problem
   * @param problem what is wrong and what to do
   */
  public SliceDefinitionException(String definition, int position, String problem) {
    super("slice '" + definition + "' at position " + position + ": " + problem);
    this.position = position;
  }

  /** The 1-based character position of the problem in the definition. */
  public int position() {
    return position;
  }
}
