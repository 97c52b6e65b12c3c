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
 */
public record CsvSettings(
    Character delimiter, Boolean header, List<String> missing, List<String> categorical) {
  /** Detect everything. */
  public static final CsvSettings DETECT = new CsvSettings(null, null, List.of(), List.of());

  public CsvSettings {
    missing = missing == null ? List.of() : List.copyOf(missing);
    categorical = categorical == null ? List.of() : List.copyOf(categorical);
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
          throw new InvalidParameterException(
              "--delimiter was '" + s + "' but must be one character, 'tab' or 'space'");
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
    if (!categorical.isEmpty()) {
      List<String> cats = new ArrayList<>(o.categoricalColumns());
      cats.addAll(categorical);
      o = o.withCategoricalColumns(cats);
    }
    return o;
  }
}
