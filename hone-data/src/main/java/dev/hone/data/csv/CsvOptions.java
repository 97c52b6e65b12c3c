package dev.hone.data.csv;

import dev.hone.core.error.InvalidParameterException;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * How {@link CsvTableReader} reads a delimited text file. Immutable; start from {@link
 * #defaults()} and change one setting at a time with the {@code withX} methods.
 *
 * <p>Every field is trimmed of leading and trailing whitespace (characters up to U+0020, which
 * includes a stray {@code \r}) before anything else looks at it. That is also how the UCI
 * {@code ", "} separator (a comma followed by a space, as in Adult) is read: the delimiter is the
 * comma and the space is trimmed away.
 *
 * @param header {@code true}: the first row (after {@code skipLines}) names the columns;
 *     {@code false}: it is data; {@code null} (default): detect it, see {@link CsvTableReader}
 * @param delimiter the field separator; {@code null} (default): detect it among {@code ','},
 *     {@code ';'} and TAB from the first lines. Any other single character (for instance a space,
 *     for space-separated files) must be given explicitly. The quote character is always {@code "}
 *     (RFC 4180)
 * @param missingTokens field values (after trimming) that mean "missing". Compared exactly and
 *     case-sensitively; the default list therefore spells out the usual case variants: {@link
 *     #DEFAULT_MISSING_TOKENS}. The empty string should normally stay in the list
 * @param columnNames the column names to use, in file order; {@code null} (default) to take them
 *     from the header, or {@code column_1 … column_n} when there is none. When the file has a
 *     header as well, these names replace it. The count must equal the number of fields per row
 * @param inferenceRows how many non-missing values per column decide its type (default {@value
 *     #DEFAULT_INFERENCE_ROWS}): a column is numeric when each of its first {@code inferenceRows}
 *     non-missing values is a finite decimal number; at least 1
 * @param skipLines physical lines to skip at the start of the file before anything is parsed
 *     (default 0), e.g. 1 for the banner line of UCI {@code adult.test}; at least 0
 * @param categoricalColumns names of columns to read as categorical whatever their values look
 *     like (numeric codes such as {@code EDUCATION} = 1..6); default empty. Each must be a column
 *     of the file
 */
public record CsvOptions(
    Boolean header,
    Character delimiter,
    List<String> missingTokens,
    List<String> columnNames,
    int inferenceRows,
    int skipLines,
    List<String> categoricalColumns) {

  /** Default of {@link #inferenceRows()}. */
  public static final int DEFAULT_INFERENCE_ROWS = 1000;

  /**
   * Default of {@link #missingTokens()}: the empty field, {@code ?} (UCI), {@code NA} and {@code
   * N/A} (R, spreadsheets), {@code NaN}/{@code nan} (numeric exports) and {@code null}/{@code NULL}
   * (database exports).
   */
  public static final List<String> DEFAULT_MISSING_TOKENS =
      List.of("", "?", "NA", "N/A", "NaN", "nan", "null", "NULL");

  /**
   * @throws InvalidParameterException if {@code inferenceRows < 1}, {@code skipLines < 0}, the
   *     delimiter is a quote or line break, or {@code missingTokens} is null
   */
  public CsvOptions {
    if (inferenceRows < 1) {
      throw new InvalidParameterException(
          "csv inferenceRows was " + inferenceRows + " but must be at least 1");
    }
    if (skipLines < 0) {
      throw new InvalidParameterException(
          "csv skipLines was " + skipLines + " but must be at least 0");
    }
    if (delimiter != null
        && (delimiter == '"' || delimiter == '\n' || delimiter == '\r')) {
      throw new InvalidParameterException(
          "csv delimiter was " + describe(delimiter)
              + " but must not be a double quote or a line break");
    }
    if (missingTokens == null) {
      throw new InvalidParameterException("csv missingTokens must not be null (use an empty list)");
    }
    missingTokens =
        List.copyOf(new LinkedHashSet<>(missingTokens.stream().map(String::trim).toList()));
    columnNames = columnNames == null ? null : List.copyOf(columnNames);
    categoricalColumns = categoricalColumns == null ? List.of() : List.copyOf(categoricalColumns);
  }

  /** Detect header and delimiter, default missing tokens, 1000 inference rows, skip nothing. */
  public static CsvOptions defaults() {
    return new CsvOptions(
        null, null, DEFAULT_MISSING_TOKENS, null, DEFAULT_INFERENCE_ROWS, 0, List.of());
  }

  public CsvOptions withHeader(Boolean newHeader) {
    return new CsvOptions(
        newHeader, delimiter, missingTokens, columnNames, inferenceRows, skipLines,
        categoricalColumns);
  }

  public CsvOptions withDelimiter(Character newDelimiter) {
    return new CsvOptions(
        header, newDelimiter, missingTokens, columnNames, inferenceRows, skipLines,
        categoricalColumns);
  }

  public CsvOptions withMissingTokens(List<String> newMissingTokens) {
    return new CsvOptions(
        header, delimiter, newMissingTokens, columnNames, inferenceRows, skipLines,
        categoricalColumns);
  }

  public CsvOptions withColumnNames(List<String> newColumnNames) {
    return new CsvOptions(
        header, delimiter, missingTokens, newColumnNames, inferenceRows, skipLines,
        categoricalColumns);
  }

  public CsvOptions withInferenceRows(int newInferenceRows) {
    return new CsvOptions(
        header, delimiter, missingTokens, columnNames, newInferenceRows, skipLines,
        categoricalColumns);
  }

  public CsvOptions withSkipLines(int newSkipLines) {
    return new CsvOptions(
        header, delimiter, missingTokens, columnNames, inferenceRows, newSkipLines,
        categoricalColumns);
  }

  public CsvOptions withCategoricalColumns(List<String> newCategoricalColumns) {
    return new CsvOptions(
        header, delimiter, missingTokens, columnNames, inferenceRows, skipLines,
        newCategoricalColumns);
  }

  /** Whether {@code trimmed} (an already trimmed field) is one of the missing tokens. */
  public boolean isMissing(String trimmed) {
    return missingTokens.contains(trimmed);
  }

  static String describe(char c) {
    return switch (c) {
      case '\t' -> "TAB";
      case ' ' -> "SPACE";
      case '\n' -> "LF";
      case '\r' -> "CR";
      default -> "'" + c + "'";
    };
  }
}
