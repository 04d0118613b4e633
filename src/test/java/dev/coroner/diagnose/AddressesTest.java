package dev.coroner.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which binds accept which addresses, as the socket API defines them (expected values by hand). */
class AddressesTest {
  @Test
  void literalsAreSpelledOneWayAndNamesAreNotLiterals() {
    assertThat(Addresses.literal("127.0.0.1")).isEqualTo("127.0.0.1");
    assertThat(Addresses.literal("[::1]")).isEqualTo(Addresses.literal("0:0:0:0:0:0:0:1"));
    assertThat(Addresses.literal("::")).isEqualTo(Addresses.ANY6);
    assertThat(Addresses.literal("[::]")).isEqualTo(Addresses.ANY6);
    assertThat(Addresses.literal("::ffff:10.0.0.7")).isEqualTo("10.0.0.7");
    assertThat(Addresses.literal("fe80::1%eth0")).isEqualTo(Addresses.literal("fe80::1"));
    assertThat(Addresses.literal("localhost")).isNull();
    assertThat(Addresses.literal("api")).isNull();
    assertThat(Addresses.literal("deadbeef")).isNull();
    assertThat(Addresses.literal("256.1.1.1")).isNull();
    assertThat(Addresses.literal("")).isNull();
  }

  @Test
  void aBindAcceptsItsOwnFamilyOrEverything() {
    String v6loop = Addresses.literal("::1");
    assertThat(Addresses.accepts("0.0.0.0", "127.0.0.1")).isTrue();
    assertThat(Addresses.accepts("0.0.0.0", "10.1.2.3")).isTrue();
    assertThat(Addresses.accepts("0.0.0.0", v6loop)).isFalse();
    assertThat(Addresses.accepts(Addresses.ANY6, "127.0.0.1")).isTrue();
    assertThat(Addresses.accepts(Addresses.ANY6, v6loop)).isTrue();
    assertThat(Addresses.accepts("127.0.0.1", v6loop)).isFalse();
    assertThat(Addresses.accepts(v6loop, "127.0.0.1")).isFalse();
    assertThat(Addresses.accepts("192.168.1.5", "127.0.0.1")).isFalse();
    assertThat(Addresses.accepts("192.168.1.5", "192.168.1.5")).isTrue();
    // two loopback addresses of 127/8: no claim
    assertThat(Addresses.accepts("127.0.0.1", "127.0.1.1")).isTrue();
  }
}
