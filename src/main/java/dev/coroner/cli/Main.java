package dev.coroner.cli;

/** Entry point: the only place that touches System.exit. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(CoronerCommand.newCommandLine().execute(args));
  }
}
