package dev.hone.cli;

import dev.hone.experiment.StudyStores;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hone study list|show|export}: inspect stored studies. */
@Command(
    name = "study",
    mixinStandardHelpOptions = true,
    description = "List, show and export studies stored by 'hone train'.",
    subcommands = {StudyCommand.ListStudies.class, StudyCommand.Show.class, StudyCommand.Export.class})
final class StudyCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("name a subcommand: list, show or export (see 'hone study --help')");
    return HoneCli.EXIT_USER_ERROR;
  }

  /** The storage option shared by the subcommands. */
  static final class StorageOption {
    @Option(names = "--storage", required = true, paramLabel = "URL",
        description = "Study storage: jdbc:sqlite:PATH (e.g. jdbc:sqlite:runs/hone.db) or"
            + " jdbc:postgresql://HOST/DB.")
    String url;
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "One line per study.")
  static final class ListStudies implements Callable<Integer> {
    @picocli.CommandLine.Mixin StorageOption storage;

    @Override
    public Integer call() {
      System.out.print(StudyStores.listText(storage.url));
      return 0;
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "A study's settings and every trial.")
  static final class Show implements Callable<Integer> {
    @picocli.CommandLine.Mixin StorageOption storage;

    @Parameters(paramLabel = "STUDY", description = "Study name.")
    String study;

    @Override
    public Integer call() {
      System.out.print(StudyStores.showText(storage.url, study));
      return 0;
    }
  }

  @Command(name = "export", mixinStandardHelpOptions = true,
      description = "Every trial as CSV (Optuna's trials_dataframe columns) or JSON.")
  static final class Export implements Callable<Integer> {
    @picocli.CommandLine.Mixin StorageOption storage;

    @Parameters(paramLabel = "STUDY", description = "Study name.")
    String study;

    @Option(names = "--format", defaultValue = "csv", description = "csv or json (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--out", paramLabel = "FILE", description = "Output file (default: standard output).")
    Path out;

    @Override
    public Integer call() throws Exception {
      if (out == null) {
        PrintWriter w = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
        StudyStores.export(storage.url, study, format, w);
      } else {
        try (var w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
          StudyStores.export(storage.url, study, format, w);
        }
      }
      return 0;
    }
  }
}
