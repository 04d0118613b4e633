package dev.coroner.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The port holder from each platform's source: /proc here, netstat and lsof output as recorded. */
class PortInspectorTest {
  @Test
  void namesThisJvmAsTheHolderOfItsOwnSocket() throws IOException {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), RealUvicorn.freePort()));
      assertThat(PortInspector.isFree("127.0.0.1", s.getLocalPort())).isFalse();
      List<PortInspector.Holder> holders = PortInspector.holders(s.getLocalPort());
      assertThat(holders).extracting(PortInspector.Holder::pid).containsExactly(ProcessHandle.current().pid());
      assertThat(holders.get(0).command()).contains("java");
    }
  }

  @Test
  void windowsNetstatListenersWhateverTheLanguage() {
    List<String> english = List.of(
        "Active Connections",
        "  Proto  Local Address          Foreign Address        State           PID",
        "  TCP    0.0.0.0:135            0.0.0.0:0              LISTENING       1000",
        "  TCP    0.0.0.0:8000           0.0.0.0:0              LISTENING       4242",
        "  TCP    127.0.0.1:8000         127.0.0.1:51234        ESTABLISHED     4242",
        "  TCP    127.0.0.1:51234        127.0.0.1:8000         ESTABLISHED     777",
        "  TCP    [::]:8000              [::]:0                 LISTENING       4243",
        "  UDP    0.0.0.0:8000           *:*                                    999");
    assertThat(PortInspector.parseNetstat(english, 8000)).containsExactly(4242L, 4243L);
    List<String> german = List.of("  TCP    0.0.0.0:8000           0.0.0.0:0              ABHÖREN         5151");
    assertThat(PortInspector.parseNetstat(german, 8000)).containsExactly(5151L);
    assertThat(PortInspector.parseNetstat(german, 80)).isEmpty();
  }

  @Test
  void lsofFieldOutput() {
    assertThat(PortInspector.parseLsof(List.of("p4242", "cPython", "f5", "p4243", "cPython"))).containsExactly(4242L, 4243L);
  }

  @Test
  void detachRelaunchesTheSameArgumentsWithoutDetach() {
    assertThat(Detacher.relaunchArgs(List.of("launch", "--detach", "--log-dir", "logs", "--", "app", "--detach")))
        .containsExactly("launch", "--log-dir", "logs", "--", "app", "--detach");
    assertThat(Detacher.relaunchArgs(List.of("--detach", "--", "uvicorn")))
        .containsExactly("launch", "--", "uvicorn");
  }
}
