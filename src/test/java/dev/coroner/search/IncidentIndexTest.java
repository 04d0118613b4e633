package dev.coroner.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coroner.CoronerException;
import dev.coroner.report.Times;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Earlier incidents are found in a folder of diagnose JSON reports. */
class IncidentIndexTest {
  private final Path reports = Folders.resource("search/reports");

  /** Every incident of every report, read with plain Jackson: (report, classification, cause). */
  private List<String[]> incidents() throws IOException {
    List<String[]> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(reports)) {
      for (Path p : s.sorted().toList()) {
        JsonNode doc;
        try {
          doc = new ObjectMapper().readTree(p.toFile());
        } catch (IOException e) {
          continue;
        }
        for (JsonNode i : doc.path("incidents")) {
          out.add(new String[] {p.getFileName().toString(), i.path("classification").asText(), i.path("cause").asText()});
        }
      }
    }
    return out;
  }

  @Test
  void countsByClassificationAndCauseMatchTheReports() throws IOException {
    List<String[]> all = incidents();
    assertThat(all).isNotEmpty();
    try (IncidentIndex idx = IncidentIndex.open(reports, new Times(Folders.ZONE))) {
      for (String[] i : all) {
        long byClass = all.stream().filter(j -> j[1].equals(i[1])).count();
        assertThat(idx.search("classification:" + i[1], 1000)).as(i[1]).hasSize((int) byClass);
        long both = all.stream().filter(j -> j[1].equals(i[1]) && j[2].equals(i[2])).count();
        assertThat(idx.search("classification:" + i[1] + " AND cause:" + i[2], 1000)).hasSize((int) both);
        List<IncidentIndex.Found> similar = idx.similar(i[1], i[2], 1000);
        assertThat(similar).hasSize((int) byClass).allSatisfy(f -> assertThat(f.classification()).isEqualTo(i[1]));
        assertThat(similar.get(0).cause()).isEqualTo(i[2]); // same cause ranks first
      }
      assertThat(idx.warnings()).anySatisfy(w -> assertThat(w).contains("broken.json"));
    }
  }

  @Test
  void aMalformedQueryIsAUsageError() {
    try (IncidentIndex idx = IncidentIndex.open(reports, new Times(Folders.ZONE))) {
      assertThatThrownBy(() -> idx.search("cause:(", 10)).isInstanceOf(CoronerException.class)
          .hasMessageStartingWith("bad query");
    }
  }
}
