package dev.coroner.launch;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Is a TCP port free, and who listens on it? Free means a listening socket can be bound to the
 * health URL's host and port. The holder comes from {@code /proc/net/tcp{,6}} (socket inode) and
 * {@code /proc/PID/fd} (which process has that inode) on Linux, and from {@code lsof} or
 * {@code netstat -ano} output elsewhere; only processes the current user may inspect are found.
 */
final class PortInspector {
  /** A process listening on the port; {@code command} is empty when it cannot be read. */
  record Holder(long pid, String command) {
    /** The command line for an event, empty when it could not be read. */
    Optional<String> commandIfKnown() {
      return command.isEmpty() ? Optional.empty() : Optional.of(command);
    }
  }

  private static final Path PROC = Path.of("/proc");

  private PortInspector() {}

  /** True when a server socket can be bound to {@code host:port} right now. */
  static boolean isFree(String host, int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(InetAddress.getByName(host), port), 1);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The processes listening on {@code port} (any address), lowest pid first; empty when unknown. */
  static List<Holder> holders(int port) {
    Set<Long> pids = Files.isDirectory(PROC.resolve("net")) ? procHolders(port) : toolHolders(port);
    List<Holder> out = new ArrayList<>();
    for (long pid : pids) {
      out.add(new Holder(pid, commandLine(pid).orElse("")));
    }
    return out;
  }

  /** The command line of a live process: {@code /proc/PID/cmdline} on Linux, {@link ProcessHandle.Info} elsewhere. */
  static Optional<String> commandLine(long pid) {
    Path cmdline = PROC.resolve(Long.toString(pid)).resolve("cmdline");
    if (Files.isReadable(cmdline)) {
      try {
        byte[] raw = Files.readAllBytes(cmdline);
        String s = new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').trim();
        if (!s.isEmpty()) {
          return Optional.of(s);
        }
      } catch (IOException e) {
        // fall through to ProcessHandle
      }
    }
    return ProcessHandle.of(pid).flatMap(h -> h.info().commandLine().or(() -> h.info().command()));
  }

  /** The arguments of a live process (Linux: exact argv; elsewhere best effort), empty when unknown. */
  static List<String> arguments(long pid) {
    Path cmdline = PROC.resolve(Long.toString(pid)).resolve("cmdline");
    try {
      String s = new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8);
      List<String> args = new ArrayList<>(List.of(s.split("\0")));
      return args;
    } catch (IOException e) {
      return ProcessHandle.of(pid).map(h -> {
        List<String> args = new ArrayList<>();
        h.info().command().ifPresent(args::add);
        h.info().arguments().ifPresent(a -> args.addAll(List.of(a)));
        return args;
      }).orElse(List.of());
    }
  }

  private static Set<Long> procHolders(int port) {
    Set<String> inodes = new HashSet<>();
    for (String table : List.of("tcp", "tcp6")) {
      try {
        for (String line : Files.readAllLines(PROC.resolve("net").resolve(table))) {
          String[] f = line.trim().split("\\s+");
          // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
          if (f.length < 10 || !f[3].equals("0A")) {
            continue;
          }
          int colon = f[1].lastIndexOf(':');
          if (colon > 0 && Integer.parseInt(f[1].substring(colon + 1), 16) == port && !f[9].equals("0")) {
            inodes.add("socket:[" + f[9] + "]");
          }
        }
      } catch (IOException | RuntimeException e) {
        // table missing (no IPv6) or unreadable: best effort
      }
    }
    Set<Long> pids = new TreeSet<>();
    if (inodes.isEmpty()) {
      return pids;
    }
    try (DirectoryStream<Path> procs = Files.newDirectoryStream(PROC, p -> p.getFileName().toString().matches("\\d+"))) {
      for (Path proc : procs) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve("fd"))) {
          for (Path fd : fds) {
            try {
              if (inodes.contains(Files.readSymbolicLink(fd).toString())) {
                pids.add(Long.parseLong(proc.getFileName().toString()));
                break;
              }
            } catch (IOException e) {
              // fd closed meanwhile
            }
          }
        } catch (IOException | SecurityException e) {
          // another user's process, or gone
        }
      }
    } catch (IOException e) {
      // no /proc listing
    }
    return pids;
  }

  private static final Pattern NETSTAT = Pattern.compile(
      "^\\s*TCP\\s+\\S+:(\\d+)\\s+(\\S+)\\s+.*?(\\d+)\\s*$", Pattern.CASE_INSENSITIVE);

  /** macOS/BSD: {@code lsof -Fp}; Windows: {@code netstat -ano}. */
  private static Set<Long> toolHolders(int port) {
    boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    return windows
        ? parseNetstat(run(List.of("netstat", "-ano")), port)
        : parseLsof(run(List.of("lsof", "-nP", "-iTCP:" + port, "-sTCP:LISTEN", "-Fp")));
  }

  /**
   * Listeners on {@code port} in {@code netstat -ano} output. The state column is localised
   * ({@code LISTENING}, {@code ABHÖREN}, …), so a listener is recognised by its foreign address
   * {@code 0.0.0.0:0} / {@code [::]:0}, which only listening sockets have.
   */
  static Set<Long> parseNetstat(List<String> lines, int port) {
    Set<Long> pids = new TreeSet<>();
    for (String line : lines) {
      Matcher m = NETSTAT.matcher(line);
      if (m.matches() && Integer.parseInt(m.group(1)) == port && m.group(2).endsWith(":0")) {
        pids.add(Long.parseLong(m.group(3)));
      }
    }
    pids.remove(0L);
    return pids;
  }

  /** The pids of {@code lsof -Fp} output: one {@code p<pid>} line per process. */
  static Set<Long> parseLsof(List<String> lines) {
    Set<Long> pids = new TreeSet<>();
    for (String line : lines) {
      if (line.startsWith("p")) {
        try {
          pids.add(Long.parseLong(line.substring(1).trim()));
        } catch (NumberFormatException e) {
          // not a pid line
        }
      }
    }
    return pids;
  }

  /** Runs a helper tool for at most 5 s (output through a temp file, so nothing can block) and returns its lines; empty on any failure. */
  private static List<String> run(List<String> command) {
    Path out = null;
    try {
      out = Files.createTempFile("coroner-port", ".txt");
      Process p = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE).start();
      p.getOutputStream().close();
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return List.of();
      }
      return Files.readAllLines(out, StandardCharsets.ISO_8859_1);
    } catch (IOException | RuntimeException e) {
      return List.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    } finally {
      if (out != null) {
        try {
          Files.deleteIfExists(out);
        } catch (IOException e) {
          // temp file left behind: harmless
        }
      }
    }
  }
}
