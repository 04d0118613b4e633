package dev.coroner.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;

/**
 * The process's standard output, remembering the first write error: a PrintWriter swallows it,
 * so without this a full disk ({@code > /dev/full}) would exit 0 with the output lost, and a
 * closed pipe ({@code | head -1}) would not stop a command that still had a folder to read.
 * Commands that stream check {@link #closed()} between events; {@link Main} turns the error into
 * the exit status.
 */
final class StdOut extends FilterOutputStream {
  private static volatile IOException failure;

  StdOut() {
    super(new FileOutputStream(FileDescriptor.out));
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    try {
      out.write(b, off, len);
    } catch (IOException e) {
      fail(e);
      throw e;
    }
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void flush() throws IOException {
    try {
      out.flush();
    } catch (IOException e) {
      fail(e);
      throw e;
    }
  }

  private static void fail(IOException e) {
    if (failure == null) {
      failure = e;
    }
  }

  /** The first write error on standard output, or null. */
  static IOException failure() {
    return failure;
  }

  /** True once standard output has failed: nothing more printed there can reach anyone. */
  static boolean closed() {
    return failure != null;
  }

  /** True when the failure is a pipe whose reader has gone (EPIPE), as with {@code | head}. */
  static boolean brokenPipe() {
    IOException e = failure;
    return e != null && e.getMessage() != null && e.getMessage().toLowerCase(Locale.ROOT).contains("broken pipe");
  }

  static OutputStream stream() {
    return new StdOut();
  }
}
