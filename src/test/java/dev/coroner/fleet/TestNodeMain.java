package dev.coroner.fleet;

/**
 * Starts the test node alone and keeps it for a bounded time (first argument, in minutes,
 * default 30): for bench/fleet and for trying coroner against a real node by hand.
 * {@code mvn -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.coroner.fleet.TestNodeMain -Dexec.args=30}
 */
public final class TestNodeMain {
  private TestNodeMain() {}

  public static void main(String[] args) throws InterruptedException {
    long minutes = args.length > 0 ? Long.parseLong(args[0]) : 30;
    TestNode n = TestNode.get();
    System.out.println("url " + n.url());
    System.out.flush();
    Thread.sleep(minutes * 60_000L);
    System.exit(0);
  }
}
