package dev.coroner.cli;

import dev.coroner.fleet.Cluster;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How to reach a cluster: credentials and TLS (never the secret itself on the command line). */
public final class FleetOptions {
  @Option(names = "--credentials", paramLabel = "FILE",
      description = "A file of user=..., password=... or api_key=... lines for the cluster (default: the environment, "
          + Cluster.ENV_USER + "/" + Cluster.ENV_PASSWORD + " or " + Cluster.ENV_API_KEY + ").")
  Path credentials;

  @Option(names = "--ca-file", paramLabel = "PEM", description = "Trust the cluster's https certificate through these CA certificates (PEM).")
  Path caFile;

  Cluster cluster(String url) {
    return Cluster.of(url, credentials, caFile, System.getenv());
  }
}
