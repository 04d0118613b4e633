package dev.coroner.launch;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Routes SIGINT and SIGTERM to {@link Launcher#requestStop}, so that the launcher itself stops the
 * tree, logs {@code stop reason=signal signal=TERM} and returns its exit status. A JVM shutdown hook
 * is the backstop for every other way the JVM ends (SIGHUP, or when the signal handlers cannot be
 * installed, e.g. under {@code -Xrs}): it asks for a stop and waits for the clean-up. Closing the
 * returned handle restores the previous handlers.
 */
public final class StopSignals implements AutoCloseable {
  private final List<Runnable> restore = new ArrayList<>();

  private StopSignals() {}

  /** Installs the handlers for {@code launcher}; they stay until {@link #close()}. */
  public static StopSignals install(Launcher launcher, Duration grace) {
    StopSignals s = new StopSignals();
    for (String name : List.of("INT", "TERM")) {
      handle(name, () -> launcher.requestStop(name)).ifPresent(s.restore::add);
    }
    Thread hook = new Thread(() -> {
      if (launcher.isRunning()) {
        launcher.requestStop("HUP");
        try {
          launcher.awaitFinished(grace.plusSeconds(10));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }, "coroner-launch-shutdown");
    try {
      Runtime.getRuntime().addShutdownHook(hook);
      s.restore.add(() -> {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
          // already shutting down
        }
      });
    } catch (IllegalStateException e) {
      // already shutting down
    }
    return s;
  }

  /**
   * Installs a handler through {@code sun.misc.Signal} (module jdk.unsupported, present in every
   * OpenJDK, including Windows for INT and TERM), reached by reflection so that the build has no
   * proprietary-API warnings and a JVM without it just falls back to the shutdown hook. Returns the
   * action that restores the previous handler.
   */
  private static Optional<Runnable> handle(String name, Runnable action) {
    try {
      Class<?> signalClass = Class.forName("sun.misc.Signal");
      Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
      Object signal = signalClass.getConstructor(String.class).newInstance(name);
      Object handler = Proxy.newProxyInstance(handlerClass.getClassLoader(), new Class<?>[] {handlerClass},
          (proxy, method, args) -> {
            if (method.getName().equals("handle")) {
              action.run();
              return null;
            }
            return switch (method.getName()) {
              case "hashCode" -> System.identityHashCode(proxy);
              case "equals" -> proxy == args[0];
              default -> "coroner stop handler for SIG" + name;
            };
          });
      Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
      Object previous = handle.invoke(null, signal, handler);
      return Optional.of(() -> {
        try {
          handle.invoke(null, signal, previous);
        } catch (ReflectiveOperationException e) {
          // cannot restore: the JVM is on its way out anyway
        }
      });
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return Optional.empty(); // not available here (or -Xrs): the shutdown hook still covers it
    }
  }

  @Override
  public void close() {
    restore.forEach(Runnable::run);
  }
}
