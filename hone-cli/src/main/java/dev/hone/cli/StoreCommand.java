package dev.hone.cli;

import dev.hone.experiment.StudyStores;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hone store upgrade}: migrate study storage to the current schema version. */
@Command(
    name = "store",
    mixinStandardHelpOptions = true,
    description = "Maintain study storage.",
    subcommands = {StoreCommand.Upgrade.class})
final class StoreCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("name a subcommand: upgrade (see 'hone store --help')");
    return HoneCli.EXIT_USER_ERROR;
  }

  @Command(name = "upgrade", mixinStandardHelpOptions = true,
      description = "Upgrade a study database written by an older Hone (a SQLite file is backed up"
          + " first).")
  static final class Upgrade implements Callable<Integer> {
    @Option(names = "--db", required = true, paramLabel = "URL",
        description = "jdbc:sqlite:PATH, a plain SQLite file path, or jdbc:postgresql://HOST/DB.")
    String db;

    @Override
    public Integer call() {
      System.out.println(StudyStores.upgrade(db));
      return 0;
    }
  }
}
