package dev.coroner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coroner.cli.Binary.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution `mvn package` makes (src/assembly/dist.xml): its files are laid out here as
 * the descriptor says (bin/coroner with its mode, lib/coroner.jar), and the unpacked launcher runs
 * a diagnosis through a symbolic link, as a user who unpacks the archive and links bin/coroner
 * onto PATH would. (The archive itself is made after the tests, from the same descriptor.)
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DistLayoutTest {
  private static final Path ROOT = Path.of(System.getProperty("coroner.root", ".")).toAbsolutePath();
  private static final Pattern FILE = Pattern.compile(
      "<file>\\s*<source>([^<]+)</source>\\s*<outputDirectory>([^<]+)</outputDirectory>\\s*(?:<fileMode>([0-7]+)</fileMode>)?", Pattern.DOTALL);
  @TempDir Path tmp;

  @Test
  void theUnpackedDistributionRunsThroughALink() throws Exception {
    Path dist = tmp.resolve("coroner-dist");
    String descriptor = Files.readString(ROOT.resolve("src/assembly/dist.xml"));
    Matcher m = FILE.matcher(descriptor);
    int files = 0;
    while (m.find()) {
      String source = m.group(1).trim();
      Path target = Files.createDirectories(dist.resolve(m.group(2).trim()));
      Path name = Path.of(source).getFileName();
      if (source.startsWith("${project.build.directory}")) {
        InstallTest.classPathJar(target.resolve(name));
      } else {
        Files.copy(ROOT.resolve(source), target.resolve(name));
      }
      if (m.group(3) != null) {
        Files.setPosixFilePermissions(target.resolve(name), PosixFilePermissions.fromString(rwx(m.group(3))));
      }
      files++;
    }
    assertThat(files).as("files the descriptor lists").isGreaterThanOrEqualTo(3);
    assertThat(dist.resolve("bin/coroner")).isExecutable();
    assertThat(dist.resolve("lib/coroner.jar")).exists();

    Path onPath = Files.createDirectories(tmp.resolve("path"));
    Files.createSymbolicLink(onPath.resolve("coroner"), dist.resolve("bin/coroner"));
    Map<String, String> env = Binary.dataHome(tmp.resolve("data"));
    Run r = Binary.sh(tmp, env, Binary.quote(onPath.resolve("coroner").toString()) + " diagnose "
        + Binary.quote(ROOT.resolve("sample-logs/race-condition").toString()) + " -o - --tz UTC");
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out()).contains("race-condition");
  }

  private static String rwx(String octal) {
    StringBuilder sb = new StringBuilder();
    for (char c : octal.substring(octal.length() - 3).toCharArray()) {
      int v = c - '0';
      sb.append((v & 4) != 0 ? 'r' : '-').append((v & 2) != 0 ? 'w' : '-').append((v & 1) != 0 ? 'x' : '-');
    }
    return sb.toString();
  }
}
