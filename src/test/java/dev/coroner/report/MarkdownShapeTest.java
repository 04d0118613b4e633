package dev.coroner.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The shape of the markdown report, read from the committed samples (which ReportsAreCurrentTest
 * keeps equal to what coroner writes): the picture right after the verdict, one quoted example
 * per signal with the rest folded, an axis that fits the span, no ready bar for a server whose
 * start failed.
 */
class MarkdownShapeTest {
  private static final Path SAMPLES = Path.of("reports", "samples");

  private static String report(String name) throws Exception {
    return Files.readString(SAMPLES.resolve(name + ".md"));
  }

  @Test
  void thePictureComesRightAfterTheVerdictTable() throws Exception {
    String md = report("race-condition");
    assertThat(md.indexOf("## Picture")).isGreaterThan(md.indexOf("| Tool |")).isLessThan(md.indexOf("## Incidents"));
  }

  @Test
  void eachSignalIsQuotedOnceWithTheRestFolded() throws Exception {
    String md = report("race-condition");
    // the sample's client log: refusals on lines 2..9, the evidence keeps three of them
    assertThat(md.split("client\\.connection-refused \\(8 in this incident\\)", -1)).hasSize(2);
    assertThat(md).contains("<details><summary>2 more lines quoted for client.connection-refused</summary>");
    assertThat(md).contains("  - 2026-11-27 19:17:53.313 · `autonomous_processing.log:9` · Error fetching goals");
  }

  @Test
  void axisTicksFitTheSpan() {
    assertThat(MarkdownReport.Axis.forSpan(20_000)).isEqualTo(new MarkdownReport.Axis("2second", "%H:%M:%S"));
    assertThat(MarkdownReport.Axis.forSpan(12_000)).isEqualTo(new MarkdownReport.Axis("1second", "%H:%M:%S"));
    assertThat(MarkdownReport.Axis.forSpan(3_600_000)).isEqualTo(new MarkdownReport.Axis("5minute", "%H:%M"));
    assertThat(MarkdownReport.Axis.forSpan(2 * 86_400_000L)).isEqualTo(new MarkdownReport.Axis("6hour", "%m-%d %H:%M"));
    assertThat(MarkdownReport.Axis.forSpan(30 * 86_400_000L)).isEqualTo(new MarkdownReport.Axis("1week", "%m-%d"));
  }

  @Test
  void noReadyBarForAServerWhoseStartFailed() throws Exception {
    // port in use: uvicorn completed the application's startup, then could not bind
    String md = report("startup-failure-port-in-use");
    String picture = md.substring(md.indexOf("```mermaid"), md.indexOf("```\n", md.indexOf("```mermaid") + 3));
    assertThat(picture).contains("(startup failed)").doesNotContain("    ready");
    assertThat(report("race-condition")).contains("    ready ~ :active");
  }
}
