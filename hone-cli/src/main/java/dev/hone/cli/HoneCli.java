package dev.hone.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.hone.core.error.UserInputException;
import java.io.PrintWriter;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code hone} command line. Exit codes: 0 success, 2 usage or data error (message, no stack
 * trace), 1 internal error.
 */
@Command(
    name = "hone",
    mixinStandardHelpOptions = true,
    versionProvider = HoneCli.Version.class,
    description = "Search, train and prove machine-learning models.",
    subcommands = {
      TrainCommand.class, PredictCommand.class, EvaluateCommand.class, ExplainCommand.class,
      BenchmarkCommand.class,
      StudyCommand.class,
      StoreCommand.class, CommandLine.HelpCommand.class
    })
public final class HoneCli implements java.util.concurrent.Callable<Integer> {
  /** Exit code for usage and data errors. */
  public static final int EXIT_USER_ERROR = 2;

  /** Exit code for internal errors. */
  public static final int EXIT_INTERNAL = 1;

  @Option(
      names = {"-v", "--verbose"},
      description = "Log debug messages and print stack traces of internal errors.",
      scope = CommandLine.ScopeType.INHERIT)
  void setVerbose(boolean v) {
    if (v) {
      rootLogger().setLevel(Level.DEBUG);
    }
  }

  @Option(
      names = {"-q", "--quiet"},
      description = "Log warnings and errors only.",
      scope = CommandLine.ScopeType.INHERIT)
  void setQuiet(boolean q) {
    if (q) {
      rootLogger().setLevel(Level.WARN);
    }
  }

  private static Logger rootLogger() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }

  /** Without a subcommand: prints usage to stderr and exits with the usage-error code. */
  @Override
  public Integer call() {
    CommandLine.usage(this, System.err);
    return EXIT_USER_ERROR;
  }

  /** Builds the command line with Hone's exit-code mapping. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new HoneCli());
    cl.setExecutionExceptionHandler(
        (ex, cmd, parseResult) -> {
          PrintWriter err = cmd.getErr();
          if (ex instanceof UserInputException) {
            err.println("error: " + ex.getMessage());
            err.flush();
            return EXIT_USER_ERROR;
          }
          err.println("internal error: " + ex);
          if (rootLogger().isDebugEnabled()) {
            ex.printStackTrace(err);
          } else {
            err.println("(run again with --verbose for the stack trace)");
          }
          err.flush();
          return EXIT_INTERNAL;
        });
    cl.setParameterExceptionHandler(
        (ex, args) -> {
          CommandLine cmd = ex.getCommandLine();
          cmd.getErr().println("error: " + ex.getMessage());
          cmd.getErr().println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
          cmd.getErr().flush();
          return EXIT_USER_ERROR;
        });
    return cl;
  }

  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true");
    System.exit(commandLine().execute(args));
  }

  /** Reports the version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = HoneCli.class.getPackage().getImplementationVersion();
      return new String[] {"hone " + (v == null ? "development build" : v)};
    }
  }
}
