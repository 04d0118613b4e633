package dev.coroner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coroner.cli.Binary.Run;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./coroner install --prefix P} puts a launcher and the jar under P, the installed
 * launcher runs through a symbolic link on PATH, and {@code ./coroner uninstall} takes them away.
 * The checkout is a copy of the real {@code coroner} script and {@code src/dist/bin/coroner}
 * with a runnable target/coroner.jar (a manifest jar over this test run's classes), so the test
 * does not depend on {@code mvn package} having run.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class InstallTest {
  private static final Path ROOT = Path.of(System.getProperty("coroner.root", ".")).toAbsolutePath();
  @TempDir Path tmp;

  private Path checkout() throws Exception {
    Path co = tmp.resolve("checkout");
    Files.createDirectories(co.resolve("target"));
    Files.createDirectories(co.resolve("src/dist/bin"));
    Files.copy(ROOT.resolve("coroner"), co.resolve("coroner"));
    Files.copy(ROOT.resolve("src/dist/bin/coroner"), co.resolve("src/dist/bin/coroner"));
    Files.copy(ROOT.resolve("pom.xml"), co.resolve("pom.xml"));
    Files.setLastModifiedTime(co.resolve("pom.xml"), FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
    classPathJar(co.resolve("target/coroner.jar"));
    // the sample the install trains its class-data archive on
    Path sample = co.resolve("sample-logs/race-condition");
    try (Stream<Path> files = Files.walk(ROOT.resolve("sample-logs/race-condition"))) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path to = sample.resolve(ROOT.resolve("sample-logs/race-condition").relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(to);
        } else {
          Files.copy(f, to);
        }
      }
    }
    return co;
  }

  /** A jar that runs coroner from this test's class path (the real jar is made after the tests). */
  static void classPathJar(Path jar) throws IOException {
    Manifest m = new Manifest();
    m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "dev.coroner.cli.Main");
    m.getMainAttributes().put(Attributes.Name.CLASS_PATH, Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
        .map(p -> Path.of(p).toUri().toString()).collect(Collectors.joining(" ")));
    try (OutputStream o = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(o, m)) {
      j.flush();
    }
  }

  @Test
  void installRunThroughASymlinkAndUninstall() throws Exception {
    Path co = checkout();
    Path prefix = tmp.resolve("prefix");
    Files.createDirectories(tmp.resolve("elsewhere"));
    Files.createSymbolicLink(tmp.resolve("elsewhere/coroner-dev"), co.resolve("coroner"));
    Map<String, String> env = Binary.dataHome(tmp.resolve("data"));

    // the checkout's script, called through a link in another folder, installs
    Run install = Binary.sh(tmp, env, "elsewhere/coroner-dev install --prefix " + prefix);
    assertThat(install.status()).as(install.err()).isZero();
    assertThat(install.err()).contains("installed " + prefix.resolve("bin/coroner"))
        .contains("recording a class-data archive");
    assertThat(Files.isExecutable(prefix.resolve("bin/coroner"))).isTrue();
    assertThat(Files.size(prefix.resolve("lib/coroner/coroner.jar"))).isEqualTo(Files.size(co.resolve("target/coroner.jar")));

    // the installed launcher, linked from a folder on PATH, runs from anywhere
    Files.createDirectories(tmp.resolve("onpath"));
    Files.createSymbolicLink(tmp.resolve("onpath/coroner"), prefix.resolve("bin/coroner"));
    Files.createDirectories(tmp.resolve("work"));
    Run run = Binary.sh(tmp.resolve("work"), env, "PATH=" + tmp.resolve("onpath") + ":$PATH; command coroner diagnose "
        + ROOT.resolve("sample-logs/race-condition") + " -o - --tz UTC");
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("# coroner: race-condition (client-started-before-ready)");

    // uninstall removes both, and is harmless the second time
    Run un = Binary.sh(tmp, env, co.resolve("coroner") + " uninstall --prefix " + prefix);
    assertThat(un.status()).as(un.err()).isZero();
    assertThat(Files.exists(prefix.resolve("bin/coroner"))).isFalse();
    assertThat(Files.exists(prefix.resolve("lib/coroner"))).isFalse();
    assertThat(Binary.sh(tmp, env, co.resolve("coroner") + " uninstall --prefix " + prefix).err()).contains("nothing installed");
  }

  @Test
  void launchersStartedAtOnceAfterABuildEachRecordTheArchiveWithoutBreakingTheOthers() throws Exception {
    // a fresh build (no archive yet): three runs a second apart, as a CI job or a supervisor may
    // start them, so each starts while the one before is still recording (a few seconds); each
    // records the class-data archives in a folder of its own and renames them into place, so
    // none removes the files another is working on
    Path co = checkout();
    Map<String, String> env = Binary.dataHome(tmp.resolve("data"));
    StringBuilder script = new StringBuilder();
    for (int i = 1; i <= 3; i++) {
      script.append("./coroner diagnose sample-logs/race-condition -o - --tz UTC > out").append(i).append(" 2> err").append(i)
          .append(" & p").append(i).append("=$!; sleep 1; ");
    }
    for (int i = 1; i <= 3; i++) {
      script.append("wait $p").append(i).append("; echo rc").append(i).append("=$?; ");
    }
    // each of the three records both archives (a training run each): on two busy cores that took
    // up to 90 s, so the runs get 240 s (the class's limit is 300)
    Run r = Binary.sh(co, env, script.toString(), 240);
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out().lines().toList()).containsExactly("rc1=0", "rc2=0", "rc3=0");
    for (int i = 1; i <= 3; i++) {
      assertThat(Files.readString(co.resolve("out" + i))).as("run %d, stderr %s", i, Files.readString(co.resolve("err" + i)))
          .startsWith("# coroner: race-condition (client-started-before-ready)");
    }
    try (Stream<Path> files = Files.list(co.resolve("target"))) {
      assertThat(files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".tmp") || n.contains(".classes")).toList())
          .as("work files left in target/").isEmpty();
    }
  }

  @Test
  void anEditedRuleAfterTheBuildRebuildsOnceAndThenNot() throws Exception {
    Path co = checkout();
    // a rule edited after the jar was built
    Path rule = Files.createDirectories(co.resolve("rules/signals")).resolve("client.yaml");
    Files.writeString(rule, "signals: []\n");
    Files.setLastModifiedTime(co.resolve("target/coroner.jar"), FileTime.from(Instant.parse("2021-01-01T00:00:00Z")));
    Files.setLastModifiedTime(co.resolve("rules/signals"), FileTime.from(Instant.parse("2021-01-01T00:00:00Z")));
    Files.setLastModifiedTime(co.resolve("rules"), FileTime.from(Instant.parse("2021-01-01T00:00:00Z")));
    // Maven stands in as a script that notes each build (the jar is the test's own, left as it is)
    Path bin = Files.createDirectories(tmp.resolve("stub-bin"));
    Path mark = tmp.resolve("builds");
    Files.writeString(bin.resolve("mvn"), "#!/bin/sh\necho build >> '" + mark + "'\n");
    bin.resolve("mvn").toFile().setExecutable(true);
    Map<String, String> env = Binary.dataHome(tmp.resolve("data"));
    String run = "PATH=" + bin + ":$PATH; " + co.resolve("coroner") + " --version";
    Run first = Binary.sh(tmp, env, run);
    assertThat(first.status()).as(first.err()).isZero();
    assertThat(first.err()).contains("coroner: rules/signals/client.yaml changed since").contains("rebuilding");
    assertThat(Files.readAllLines(mark)).hasSize(1);
    Run second = Binary.sh(tmp, env, run);
    assertThat(second.status()).as(second.err()).isZero();
    assertThat(second.err()).doesNotContain("rebuilding");
    assertThat(Files.readAllLines(mark)).hasSize(1);
  }

  @Test
  void aForeignProgramOfTheSameNameIsLeftAlone() throws Exception {
    Path co = checkout();
    Path prefix = tmp.resolve("prefix");
    Files.createDirectories(prefix.resolve("bin"));
    Path foreign = Files.writeString(prefix.resolve("bin/coroner"), "#!/bin/sh\necho someone else's\n");
    Map<String, String> env = Binary.dataHome(tmp.resolve("data"));
    Run install = Binary.sh(tmp, env, co.resolve("coroner") + " install --prefix " + prefix);
    assertThat(install.status()).isEqualTo(3);
    Run un = Binary.sh(tmp, env, co.resolve("coroner") + " uninstall --prefix " + prefix);
    assertThat(un.status()).isEqualTo(3);
    assertThat(Files.readString(foreign)).isEqualTo("#!/bin/sh\necho someone else's\n");
  }
}
