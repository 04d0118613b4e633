package dev.coroner.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;

/** The version comes from pom.xml, through a filtered resource, so it is written in one place. */
public final class VersionProvider implements CommandLine.IVersionProvider {
  private static final String VERSION = load();

  private static String load() {
    try (InputStream in = VersionProvider.class.getResourceAsStream("/coroner-version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String version() {
    return VERSION;
  }

  @Override
  public String[] getVersion() {
    return new String[] {"coroner " + VERSION, "Java " + System.getProperty("java.version")};
  }
}
