package dev.coroner.launch;

import dev.coroner.CoronerException;
import java.net.URI;
import java.util.List;

/**
 * {@code coroner wait}: the target ({@code http(s)://…} or {@code tcp://host:port}), the retry
 * settings, whether to print each attempt, and the command to run once ready (may be empty).
 */
public record WaitRequest(URI target, RetrySettings retry, boolean quiet, List<String> command) {
  public WaitRequest {
    command = List.copyOf(command);
    try {
      new Probe(target);
    } catch (IllegalArgumentException e) {
      throw CoronerException.usage(e.getMessage());
    }
  }
}
