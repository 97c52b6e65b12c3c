package dev.hone.cli;

import dev.hone.core.error.InvalidParameterException;
import dev.hone.experiment.CsvSettings;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/**
 * The CSV options of {@code hone predict}, {@code evaluate} and {@code explain}: those of {@link
 * CsvOptions} plus {@code --skip-lines}. Without a header (given or detected) the file's columns
 * are named by position after the training file's columns.
 */
final class NewTableCsvOptions extends CsvOptions {
  /** Every option name of this mixin. */
  static final List<String> ALL_NAMES = names();

  @Option(names = "--skip-lines", paramLabel = "N",
      description = "Lines to skip at the start of the file before the header or the first data"
          + " row, e.g. 1 for a banner line such as UCI adult.test's (default: 0).")
  Integer skipLines;

  private static List<String> names() {
    List<String> all = new ArrayList<>(NAMES);
    all.add("--skip-lines");
    return List.copyOf(all);
  }

  /**
   * The settings these options give.
   *
   * @throws InvalidParameterException for a bad {@code --delimiter} or a negative {@code
   *     --skip-lines}
   */
  CsvSettings settings() {
    CsvSettings base = settings(List.of());
    return new CsvSettings(base.delimiter(), base.header(), base.missing(), base.categorical(),
        skipLines == null ? 0 : skipLines);
  }

  /**
   * Refuses these options for an image model, which reads images, not a CSV table.
   *
   * @throws InvalidParameterException naming the first such option given
   */
  static void refuseForImageModel(ParseResult parsed, java.nio.file.Path model) {
    for (String name : ALL_NAMES) {
      if (parsed != null && parsed.hasMatchedOption(name)) {
        throw new InvalidParameterException(
            (name.equals("--header") ? "--header/--no-header" : name) + " is a CSV table option,"
                + " but --model " + model + " is an image model, whose --data is read as images"
                + " (a folder, IDX files or a digits CSV) and would ignore it; drop it");
      }
    }
  }
}
