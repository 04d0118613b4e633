package dev.coroner.cli;

import dev.coroner.ExitStatus;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** Entry point: the only place that touches System.exit and the process's streams. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    Fatal.install();
    try {
      run(args);
    } catch (Throwable t) {
      Fatal.die(t);
    }
  }

  private static void run(String[] args) {
    PrintWriter out = new PrintWriter(new BufferedWriter(
        new OutputStreamWriter(StdOut.stream(), StandardCharsets.UTF_8), 1 << 16));
    PrintWriter err = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8), true);
    int status = execute(args, out, err);
    out.flush();
    if (StdOut.brokenPipe()) {
      // the reader went away (| head): as a command killed by SIGPIPE, quietly, 128 + 13
      status = ExitStatus.BROKEN_PIPE.code();
    } else if (StdOut.closed() || out.checkError()) {
      IOException e = StdOut.failure();
      err.println("coroner: cannot write to standard output: " + (e == null || e.getMessage() == null ? "write error" : e.getMessage())
          + " (the output is incomplete)");
      status = status == ExitStatus.OK.code() ? ExitStatus.BAD_INPUT.code() : status;
    }
    err.flush();
    System.exit(status);
  }

  /**
   * Runs {@code args}: a plain search without picocli ({@link PlainSearch}), anything else
   * through picocli's command line. Returns the exit status.
   */
  static int execute(String[] args, PrintWriter out, PrintWriter err) {
    Integer plain = PlainSearch.run(args, out, err);
    if (plain != null) {
      return plain;
    }
    CommandLine cl = CoronerCommand.newCommandLine(args);
    cl.setOut(out);
    cl.setErr(err);
    return cl.execute(args);
  }
}
