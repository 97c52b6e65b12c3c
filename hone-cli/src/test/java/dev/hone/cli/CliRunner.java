package dev.hone.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the CLI in-process and captures its exit code and error output. */
final class CliRunner {
  record Result(int exitCode, String err) {}

  private CliRunner() {}

  static Result run(String... args) {
    CommandLine cl = HoneCli.commandLine();
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Result(code, err.toString());
  }
}
