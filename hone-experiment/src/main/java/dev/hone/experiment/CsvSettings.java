package dev.hone.experiment;

import dev.hone.core.error.InvalidParameterException;
import dev.hone.data.csv.CsvOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * The CSV reading options a user can give on the command line; {@code null} or empty means
 * "detect" or "default".
 *
 * @param delimiter field delimiter, or {@code null} to detect {@code , ; TAB}
 * @param header whether the first row is a header, or {@code null} to detect
 * @param missing extra missing-value tokens, added to the defaults
 * @param categorical columns to read as categorical even when their values are numbers
 * @param skipLines physical lines to skip at the start of the file before the header or the first
 *     data row (a title or banner line, as in UCI {@code adult.test}); 0 or more
 */
public record CsvSettings(
    Character delimiter, Boolean header, List<String> missing, List<String> categorical,
    int skipLines) {
  /** Detect everything. */
  public static final CsvSettings DETECT = new CsvSettings(null, null, List.of(), List.of());

  /**
   * @throws InvalidParameterException when {@code skipLines} is negative (named as {@code
   *     --skip-lines})
   */
  public CsvSettings {
    missing = missing == null ? List.of() : List.copyOf(missing);
    categorical = categorical == null ? List.of() : List.copyOf(categorical);
    if (skipLines < 0) {
      throw new InvalidParameterException(
          "--skip-lines was " + skipLines + " but must be 0 or more: the number of lines before"
              + " the header or the first data row (e.g. --skip-lines 1 for a banner line)");
    }
  }

  /** The settings of {@code hone train}: nothing skipped. */
  public CsvSettings(
      Character delimiter, Boolean header, List<String> missing, List<String> categorical) {
    this(delimiter, header, missing, categorical, 0);
  }

  /** Parses {@code --delimiter}: one character, or {@code tab}, {@code \t}, {@code space}. */
  public static Character parseDelimiter(String s) {
    if (s == null) {
      return null;
    }
    switch (s) {
      case "tab", "\\t", "\t" -> {
        return '\t';
      }
      case "space", " " -> {
        return ' ';
      }
      default -> {
        if (s.length() != 1) {
          String hint = s.strip().length() == 1
              ? " (fields are trimmed of spaces, so give --delimiter '" + s.strip() + "')"
              : "";
          throw new InvalidParameterException(
              "--delimiter was '" + s + "' but must be one character, 'tab' or 'space'" + hint);
        }
        return s.charAt(0);
      }
    }
  }

  /** Applies these settings on top of {@code base}. */
  CsvOptions apply(CsvOptions base) {
    CsvOptions o = base;
    if (delimiter != null) {
      o = o.withDelimiter(delimiter);
    }
    if (header != null) {
      o = o.withHeader(header);
    }
    if (!missing.isEmpty()) {
      List<String> tokens = new ArrayList<>(o.missingTokens());
      tokens.addAll(missing);
      o = o.withMissingTokens(tokens);
    }
    if (skipLines > 0) {
      o = o.withSkipLines(skipLines);
    }
    if (!categorical.isEmpty()) {
      List<String> cats = new ArrayList<>(o.categoricalColumns());
      cats.addAll(categorical);
      o = o.withCategoricalColumns(cats);
    }
    return o;
  }
}
