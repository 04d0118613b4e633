package dev.coroner.cli;

import dev.coroner.CoronerException;
import dev.coroner.fleet.FleetQuery;
import dev.coroner.report.Times;
import picocli.CommandLine.Option;

/**
 * {@code --from URL} and the options that select its documents ({@code --index}, {@code --host},
 * {@code --since}, {@code --until}): one argument group, the same in every command that reads
 * from a cluster instead of a folder.
 */
class ClusterSelection {
  @Option(names = "--from", required = true, paramLabel = "URL", description = "Read the logs from this OpenSearch cluster (http:// or https://) instead of DIR.")
  String url;

  @Option(names = "--index", defaultValue = "coroner-events", paramLabel = "PATTERN", description = "The indexes to read: a name or pattern, e.g. coroner-events or filebeat-* (default: ${DEFAULT-VALUE}).")
  String index;

  @Option(names = "--host", paramLabel = "NAME", description = "Only the documents of this host.name.")
  String host;

  @Option(names = "--since", paramLabel = "TIME", description = "Only documents whose @timestamp is at or after TIME.")
  String since;

  @Option(names = "--until", paramLabel = "TIME", description = "Only documents whose @timestamp is at or before TIME.")
  String until;

  @Option(names = "--spool-limit", defaultValue = "8g", paramLabel = "SIZE",
      description = "The most disk the logs read back may take in coroner's cache while they are read (default: ${DEFAULT-VALUE}; k, m, g suffixes).")
  String spoolLimit;

  long spoolLimit() {
    return dev.coroner.fleet.Spool.parseSize("--spool-limit", spoolLimit);
  }

  /** The documents these options select; a time that does not parse is a usage error. */
  FleetQuery query(Times times) {
    try {
      return new FleetQuery(index, host, since == null ? Long.MIN_VALUE : times.parse(since),
          until == null ? Long.MAX_VALUE : times.parse(until));
    } catch (IllegalArgumentException e) {
      throw CoronerException.usage(e.getMessage());
    }
  }
}
