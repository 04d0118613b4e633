package dev.coroner.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coroner.Coroner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Layouts of proxies and platforms read as records: Envoy's access log (text and JSON), docker's
 * health log, Azure Container Apps' events (the portal's three-line blocks and the JSON stream).
 * The folders are the real cases' (src/test/resources/real/cases, their sources in their YAML);
 * every expected value was read off the lines by hand.
 */
class ProxyAndPlatformFormatsTest {
  private static final Path CASES = Path.of("src/test/resources/real/cases");

  @TempDir Path tmp;

  private static List<Event> read(String folder) {
    return Coroner.timeline(CASES.resolve(folder), ZoneOffset.UTC).events();
  }

  private static long at(String iso) {
    return Instant.parse(iso).toEpochMilli();
  }

  @Test
  void envoysTextLineGivesTimeRequestStatusFlagsAndUpstreamAndItsUfIsARefusalNotTheAppsAnswer() {
    List<Event> es = read("s2-istio-sidecar-inbound-uf-refused");
    assertThat(es).hasSize(2);
    Event post = es.get(0); // the second line, three hours earlier
    assertThat(post.format()).isEqualTo("envoy-access");
    assertThat(post.line()).isEqualTo(2);
    assertThat(post.time()).isEqualTo(at("2024-05-28T15:12:57.143Z"));
    assertThat(post.fields()).containsEntry("method", "POST").containsEntry("path", "/plugins/high-availability/event/ref-updated")
        .containsEntry("status", "503").containsEntry("flags", "UF").containsEntry("upstream", "100.72.2.83:8080")
        .containsEntry("duration", "0").containsEntry("host", "100.72.2.83").containsEntry("port", "8080");
    assertThat(post.signals()).contains("client.connection-refused").doesNotContain("server.access", "server.access-error");
    assertThat(post.source()).isEqualTo(Source.CLIENT);
    Event tcp = es.get(1);
    assertThat(tcp.time()).isEqualTo(at("2024-05-28T18:42:53.929Z"));
    assertThat(tcp.fields()).containsEntry("method", "-").containsEntry("status", "0").containsEntry("flags", "UF,URX")
        .containsEntry("upstream", "100.72.2.95:7801");
    assertThat(tcp.signals()).contains("client.connection-refused");
  }

  @Test
  void anIngressLineWithoutFlagsKeepsItsUpstreamsAnswerAndTheStreamNameBeforeItIsLetThrough() {
    List<Event> es = read("q-istio-ingress-envoy-503-no-upstream-then-upstream");
    assertThat(es).extracting(Event::format).containsOnly("envoy-access");
    assertThat(es).extracting(Event::time).containsExactly(
        at("2018-08-14T09:28:47.793Z"), at("2018-08-14T09:28:57.854Z"), at("2018-08-14T09:29:07.899Z"));
    assertThat(es).extracting(e -> e.field("upstream")).containsExactly("-", "-", "10.16.24.25:8001");
    assertThat(es).extracting(e -> e.field("duration")).containsExactly("40", "2", "218");
    assertThat(es).extracting(e -> e.field("flags")).containsOnly("-");
    // no flag: the status is what came through, as an nginx access line's is
    assertThat(es).allSatisfy(e -> assertThat(e.signals()).contains("server.access-error"));
  }

  @Test
  void envoysLinesUnderKubectlsTimestampsAreEnvoysAloneOrInsideTheWrapper() throws Exception {
    // https://github.com/istio/istio/issues/29109: two lines of its first code block (Envoy's
    // access lines under `kubectl logs --timestamps`) and, for the mixed file, two of its second
    // (the sidecar's own log, its tabs kept) before them
    String access1 = "2020-11-22T20:04:54.223002528Z [2020-11-22T20:04:32.765Z] \"GET /products HTTP/1.1\" 500 - \"-\" \"-\" 0 122 11939 11933 \"-\" \"PostmanRuntime/7.26.8\" \"66fa4542-266e-9364-8447-e7d63047b344\" \"172.17.0.2:30164\" \"127.0.0.1:8080\" inbound|8080|http-8080|scrappers-service.default.svc.cluster.local 127.0.0.1:52034 172.18.0.10:8080 172.18.0.1:37035 - default";
    String access2 = "2020-11-22T20:04:54.223086877Z [2020-11-22T20:04:33.157Z] \"- - -\" 0 - \"-\" \"-\" 4841 9845236 16230 - \"-\" \"-\" \"-\" \"-\" \"104.20.28.24:443\" PassthroughCluster 172.18.0.10:49944 104.20.28.24:443 172.18.0.10:49942 - -";
    String own1 = "2020-11-22T19:32:17.857583542Z 2020-11-22T19:32:17.857430Z\tinfo\tFLAG: --concurrency=\"2\"";
    String own2 = "2020-11-22T19:32:17.857634075Z 2020-11-22T19:32:17.857453Z\tinfo\tFLAG: --disableInternalTelemetry=\"false\"";
    Path alone = Files.createDirectories(tmp.resolve("alone"));
    Files.writeString(alone.resolve("istio-proxy.log"), access1 + "\n" + access2 + "\n");
    List<Event> es = Coroner.timeline(alone, ZoneOffset.UTC).events();
    assertThat(es).extracting(Event::format).containsOnly("envoy-access");
    assertThat(es).extracting(Event::time).containsExactly(at("2020-11-22T20:04:32.765Z"), at("2020-11-22T20:04:33.157Z"));
    assertThat(es).extracting(e -> e.field("upstream")).containsExactly("127.0.0.1:8080", "104.20.28.24:443");
    Path mixed = Files.createDirectories(tmp.resolve("mixed"));
    Files.writeString(mixed.resolve("istio-proxy.log"), String.join("\n", own1, own2, access1, access2) + "\n");
    List<Event> access = Coroner.timeline(mixed, ZoneOffset.UTC).events().stream().filter(e -> !e.field("flags").isEmpty()).toList();
    assertThat(access).extracting(e -> e.field("status")).containsExactly("500", "0");
    assertThat(access).extracting(e -> e.field("duration")).containsExactly("11939", "16230");
  }

  @Test
  void envoysJsonLineIsReadByItsKeysAndItsUfIsARefusal() {
    List<Event> es = read("r-envoy-json-access-uf-503-connection-failure");
    assertThat(es).hasSize(1);
    Event e = es.get(0);
    assertThat(e.format()).isEqualTo("envoy-json");
    assertThat(e.time()).isEqualTo(at("2022-03-11T09:58:37.960Z"));
    assertThat(e.fields()).containsEntry("flags", "UF").containsEntry("status", "503").containsEntry("method", "GET")
        .containsEntry("path", "/service03").containsEntry("upstream", "172.19.0.2:8000")
        .containsEntry("details", "upstream_reset_before_response_started{connection_failure}");
    assertThat(e.signals()).containsExactly("client.connection-refused");
  }

  @Test
  void dockersIndentedHealthLogMakesEachCheckARecordOfTheCheckersSide() {
    List<Event> es = read("s2-docker-health-jq-curl-refused");
    Event check = es.stream().filter(e -> e.format().equals("docker-health")).findFirst().orElseThrow();
    assertThat(check.line()).isEqualTo(7);
    assertThat(check.lastLine()).isEqualTo(12); // End, ExitCode, Output and the closing lines continue it
    assertThat(check.time()).isEqualTo(at("2024-07-12T14:45:34.151Z"));
    assertThat(check.source()).isEqualTo(Source.CLIENT);
    assertThat(check.fields()).containsEntry("checkexit", "1").containsEntry("host", "localhost").containsEntry("port", "23");
    assertThat(check.signals()).containsExactly("client.connection-refused");
  }

  @Test
  void dockersOneLineHealthLogIsOneRecordAtItsFirstCheck() {
    List<Event> es = read("s2-docker-health-wget-ipv6-localhost-refused");
    Event health = es.stream().filter(e -> e.format().equals("docker-health")).findFirst().orElseThrow();
    assertThat(health.line()).isEqualTo(7);
    assertThat(health.time()).isEqualTo(at("2024-05-18T13:50:45.647Z"));
    assertThat(health.fields()).containsEntry("streak", "3").containsEntry("checkexit", "1");
    assertThat(health.signals()).contains("client.connection-refused");
  }

  @Test
  void aCheckThatCouldNotRunIsTheCheckersOwnFailureNotTheServers() throws Exception {
    // written by hand after `docker inspect`'s layout and docker's words for a missing command
    Path folder = Files.createDirectories(tmp.resolve("inspect"));
    Files.writeString(folder.resolve("inspect.txt"), String.join("\n",
        "            \"Health\": {",
        "                \"Status\": \"unhealthy\",",
        "                \"FailingStreak\": 3,",
        "                \"Log\": [",
        "                    {",
        "                        \"Start\": \"2024-03-01T10:00:30.100000000Z\",",
        "                        \"End\": \"2024-03-01T10:00:30.200000000Z\",",
        "                        \"ExitCode\": 127,",
        "                        \"Output\": \"OCI runtime exec failed: exec failed: unable to start container process: exec: \\\"curl\\\": executable file not found in $PATH: unknown\"",
        "                    },",
        "                    {",
        "                        \"Start\": \"2024-03-01T10:01:00.100000000Z\",",
        "                        \"End\": \"2024-03-01T10:01:00.200000000Z\",",
        "                        \"ExitCode\": 127,",
        "                        \"Output\": \"/bin/sh: 1: curl: not found\\n\"",
        "                    }",
        "                ]",
        "            }") + "\n");
    List<Event> checks = Coroner.timeline(folder, ZoneOffset.UTC).events().stream()
        .filter(e -> e.format().equals("docker-health")).toList();
    assertThat(checks).extracting(Event::time).containsExactly(at("2024-03-01T10:00:30.100Z"), at("2024-03-01T10:01:00.100Z"));
    assertThat(checks).allSatisfy(e -> {
      assertThat(e.source()).isEqualTo(Source.CLIENT);
      assertThat(e.field("checkexit")).isEqualTo("127");
      assertThat(e.signals()).noneMatch(s -> s.startsWith("server.") || s.equals("client.connection-refused"));
    });
  }

  @Test
  void azurePortalsThreeLinesAreOneEventWithItsTimeReasonAndMessage() {
    List<Event> es = read("q-aca-portal-startup-probe-refused-restarts");
    assertThat(es).hasSize(13).extracting(Event::format).containsOnly("azure-portal-events");
    Event first = es.get(0); // newest first in the file: the oldest is its last block
    assertThat(first.line()).isEqualTo(37);
    assertThat(first.lastLine()).isEqualTo(39);
    assertThat(first.time()).isEqualTo(at("2025-09-03T05:45:10.220Z"));
    assertThat(first.fields()).containsEntry("reason", "ReplicaUnhealthy");
    assertThat(first.message()).isEqualTo("ReplicaUnhealthy startup probe failed: connection refused");
    Event last = es.get(12); // the file's first line, its day written without its zero
    assertThat(last.line()).isEqualTo(1);
    assertThat(last.time()).isEqualTo(at("2025-09-03T06:19:32.378Z"));
    assertThat(last.fields()).containsEntry("reason", "PullingImage");
    assertThat(es.stream().filter(e -> e.has("client.connection-refused"))).hasSize(7);
    assertThat(es.stream().filter(e -> e.has("server.probe-killed"))).hasSize(4);
  }

  @Test
  void containerAppsJsonEventsGiveGosTimeTheTypeAsLevelAndTheMessage() {
    List<Event> es = read("s2-aca-system-events-json-startup-probe-refused");
    assertThat(es).hasSize(3).extracting(Event::format).containsOnly("azure-containerapp-events");
    assertThat(es).extracting(Event::time).containsExactly(
        at("2023-04-18T15:55:43Z"), at("2023-04-18T15:55:43Z"), at("2023-04-18T15:55:46Z"));
    assertThat(es).extracting(Event::level).containsOnly("WARNING");
    assertThat(es).extracting(Event::logger).containsOnly("ContainerAppController");
    assertThat(es.get(0).message())
        .isEqualTo("Startup probe failed: Get \"http://100.100.0.76:80/\": dial tcp 100.100.0.76:80: connect: connection refused");
    assertThat(es).allSatisfy(e -> assertThat(e.fields()).containsEntry("host", "100.100.0.76").containsEntry("port", "80"));
  }

  @Test
  void gosZoneNameAfterItsOffsetIsDroppedAndNothingElseIs() {
    assertThat(Timestamps.dropZoneName("2023-04-18 15:55:43 +0000 UTC")).isEqualTo("2023-04-18 15:55:43 +0000");
    assertThat(Timestamps.dropZoneName("2023-04-18 15:55:43.123456 -0700 MST")).isEqualTo("2023-04-18 15:55:43.123456 -0700");
    assertThat(Timestamps.dropZoneName("2023-04-18 15:55:43 +0000 utc")).isEqualTo("2023-04-18 15:55:43 +0000 utc");
    assertThat(Timestamps.dropZoneName("2023-04-18T15:55:43.123456789Z")).isEqualTo("2023-04-18T15:55:43.123456789Z");
    assertThat(Timestamps.dropZoneName("2023-04-18 15:55:43 UTC")).isEqualTo("2023-04-18 15:55:43 UTC");
  }
  @Test
  void multilogsTai64nLabelGivesEachAccessLineItsTimeAndMorgansDevLayoutIsTheServersAnswer() {
    // a supervised Signal K server's output under Venus OS's multilog (y6-signalk-venus-multilog-tai64n-access-2xx)
    List<Event> es = read("y6-signalk-venus-multilog-tai64n-access-2xx");
    assertThat(es).hasSize(13);
    assertThat(es.get(0).time()).isEqualTo(at("2023-10-10T17:36:37.835Z"));
    assertThat(es.get(12).time()).isEqualTo(at("2023-10-10T17:36:55.666Z"));
    assertThat(es).allSatisfy(e -> assertThat(e.signals()).contains("server.access", "server.access-ok"));
    assertThat(es.get(5).fields()).containsEntry("method", "PUT").containsEntry("path", "/skServer/runDiscovery");
    assertThat(es).extracting(Event::source).containsOnly(Source.SERVER);
  }

  @Test
  void aTai64nLabelBeforeUvicornsLinesIsPeeledAndTheLinesAreUvicornsWithTheLabelsTimes() throws Exception {
    // by hand: uvicorn run under s6-log's (or svlogd -t's) TAI64N label, a traceback's frame among them
    Path dir = Files.createDirectories(tmp.resolve("s6"));
    Files.writeString(dir.resolve("current"), String.join("\n",
        "@400000006650f1e2070f1a3c INFO:     Started server process [7]",
        "@400000006650f1e2071a2b3c INFO:     Waiting for application startup.",
        "@400000006650f1e30a0b0c0d INFO:     Application startup complete.",
        "@400000006650f1e30a1b2c3d INFO:     Uvicorn running on http://0.0.0.0:8000 (Press CTRL+C to quit)",
        ""));
    List<Event> es = Coroner.timeline(dir, ZoneOffset.UTC).events();
    assertThat(es).hasSize(4);
    assertThat(es).extracting(Event::time).containsExactly(at("2024-05-24T20:00:24.118Z"), at("2024-05-24T20:00:24.119Z"),
        at("2024-05-24T20:00:25.168Z"), at("2024-05-24T20:00:25.169Z"));
    assertThat(es.get(0).signals()).contains("server.process-started");
    assertThat(es.get(2).signals()).contains("server.startup-complete");
    assertThat(es.get(3).signals()).contains("server.listening");
    assertThat(es).extracting(Event::source).containsOnly(Source.SERVER);
  }

  @Test
  void aTai64nLabelIsReadByItsOwnArithmeticAndNothingElseIsOne() {
    Timestamps t = new Timestamps("tai64n", ZoneOffset.UTC);
    // 0x65258baf minus 2^62 plus 10 s of TAI, 0x31d37c4c ns
    assertThat(t.parse("@4000000065258baf31d37c4c")).isEqualTo(at("2023-10-10T17:36:37.835Z"));
    assertThat(t.parse("@4000000065258baf")).isEqualTo(Event.NO_TIME);
    assertThat(t.parse("4000000065258baf31d37c4c0")).isEqualTo(Event.NO_TIME);
    assertThat(t.parse("@40000000zz258baf31d37c4c")).isEqualTo(Event.NO_TIME);
  }
}
