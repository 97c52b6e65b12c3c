package dev.hone.cli;

import dev.hone.experiment.CsvSettings;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * How to read a CSV table: {@code --delimiter}, {@code --header/--no-header} and {@code --na}, the
 * options of {@code hone train}; {@link NewTableCsvOptions} adds {@code --skip-lines} for the
 * commands that read a new table for a saved model. One class, so that every command spells and
 * explains them the same way. Whatever is not given is detected.
 */
class CsvOptions {
  /** The option names, as a command refuses them where they do not apply. */
  static final List<String> NAMES = List.of("--delimiter", "--header", "--na");

  @Option(names = "--delimiter", paramLabel = "CHAR",
      description = "CSV field delimiter: one character, 'tab' or 'space' (default: detected).")
  String delimiter;

  @Option(names = "--header", negatable = true,
      description = "Whether the first row is a header (default: detected).")
  Boolean header;

  @Option(names = "--na", paramLabel = "TOKENS", split = ",",
      description = "Extra missing-value tokens, comma-separated (defaults: empty, ?, NA, N/A, NaN,"
          + " nan, null, NULL).")
  List<String> na;

  /**
   * The settings these options give, with {@code categorical} columns (train only).
   *
   * @throws dev.hone.core.error.InvalidParameterException for a bad {@code --delimiter}
   */
  CsvSettings settings(List<String> categorical) {
    return new CsvSettings(CsvSettings.parseDelimiter(delimiter), header, na, categorical);
  }
}
