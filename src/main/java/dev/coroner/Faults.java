package dev.coroner;

/**
 * A test-only hook that makes one stage of a run fail, to prove that every failure, an
 * OutOfMemoryError included, ends the run promptly with one line and exit 5 instead of a hang.
 * Armed by the system property {@code coroner.fault=STAGE:KIND} (a subprocess under test) or by
 * {@link #arm} (a test in the same JVM); unarmed, each check is one volatile read.
 *
 * <p>Stages: {@code read} (a log's reading thread), {@code scan} (the first pass of a log),
 * {@code signal} (the thread that matches signals and places records), {@code index} (an index
 * worker), {@code write} (the output of a command). Kinds: {@code oom} (OutOfMemoryError),
 * {@code error} (another Error), {@code runtime} (RuntimeException).
 */
public final class Faults {
  private static volatile String armed = System.getProperty("coroner.fault");

  private Faults() {}

  /** Arms {@code stage:kind}, or disarms with null. For tests. */
  public static void arm(String stageAndKind) {
    armed = stageAndKind;
  }

  /** Throws the armed failure when {@code stage} is armed. */
  public static void check(String stage) {
    String a = armed;
    if (a == null || !a.startsWith(stage) || a.length() <= stage.length() || a.charAt(stage.length()) != ':') {
      return;
    }
    String kind = a.substring(stage.length() + 1);
    switch (kind) {
      case "oom" -> throw new OutOfMemoryError("injected at " + stage + " (test)");
      case "error" -> throw new InternalError("injected at " + stage + " (test)");
      default -> throw new IllegalStateException("injected at " + stage + " (test)");
    }
  }
}
