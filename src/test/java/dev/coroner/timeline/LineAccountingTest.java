package dev.coroner.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.coroner.Coroner;
import dev.coroner.Coroner.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

/**
 * Every line of every file of every incident folder (sample-logs/ and the test incidents) is in
 * exactly one event or counted unparsed, and the timeline comes out in time order. Another folder
 * of folders can be checked with {@code -Dcoroner.incidents=DIR}.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LineAccountingTest {
  static List<Path> incidentFolders() throws IOException {
    Path root = Path.of(System.getProperty("coroner.root", "."));
    List<Path> parents = new ArrayList<>(List.of(root.resolve("sample-logs"), root.resolve("src/test/resources/incidents")));
    String extra = System.getProperty("coroner.incidents");
    if (extra != null) {
      parents.add(Path.of(extra));
    }
    List<Path> out = new ArrayList<>();
    for (Path p : parents) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> s = Files.list(p)) {
          s.filter(Files::isDirectory).filter(d -> !d.getFileName().toString().startsWith("_")).sorted().forEach(out::add);
        }
      }
    }
    return out;
  }

  @TestFactory
  Stream<DynamicTest> everyLineOfEveryIncidentFolderIsAccountedFor() throws IOException {
    List<Path> folders = incidentFolders();
    assertThat(folders).as("incident folders").isNotEmpty();
    return folders.stream().map(d -> dynamicTest(d.getParent().getFileName() + "/" + d.getFileName(), () -> {
      Result r = Coroner.timeline(d);
      Coroner.assertLineAccounting(r);
      Coroner.assertOrdered(r);
      assertThat(r.totalLinesOfInputs()).as("lines read from %s", d).isPositive();
    }));
  }
}
