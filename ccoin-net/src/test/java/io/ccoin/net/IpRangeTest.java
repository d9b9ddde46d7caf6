package io.ccoin.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpRangeTest {
  @ParameterizedTest
  @CsvSource({
      "10.0.0.7, 10.0.0.7",
      "10.0.0.7/32, 10.0.0.7",
      "10.1.2.3/8, 10.0.0.0/8",
      "0.0.0.0/0, 0.0.0.0/0",
      "::1, ::1",
      "0:0:0:0:0:0:0:1/128, ::1",
      "2001:db8:0:0:1::ff/32, 2001:db8::/32",
      "[fe80::1], fe80::1",
      "::ffff:192.168.1.1, 192.168.1.1"})
  void parsesToItsCanonicalForm(String text, String canonical) {
    assertThat(IpRange.parse(text).toString()).isEqualTo(canonical);
    assertThat(IpRange.parse(canonical)).isEqualTo(IpRange.parse(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "localhost", "example.com", "10.0.0", "10.0.0.256", "010.0.0.1", "1.2.3.4.5", "10.0.0.1/33",
      "10.0.0.1/", "10.0.0.1/a", "10.0.0.1/-1", "::1/129", "fe80::1%eth0", "1::2::3", "12345::", "10.0.0.1 /8", "0x0a.0.0.1"})
  void refusesAnythingButALiteralAndAPrefix(String text) {
    assertThatThrownBy(() -> IpRange.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'");
  }

  @org.junit.jupiter.api.Test
  void containsTheAddressesOfItsPrefixOnly() {
    IpRange r = IpRange.parse("192.168.4.0/22");
    assertThat(r.contains("192.168.4.1")).isTrue();
    assertThat(r.contains("192.168.7.255")).isTrue();
    assertThat(r.contains("192.168.8.0")).isFalse();
    assertThat(r.contains("::ffff:192.168.5.5")).isTrue();
    assertThat(r.contains("2001:db8::1")).isFalse();
    assertThat(r.contains("my-host")).isFalse();
    assertThat(IpRange.parse("2001:db8::/32").contains("2001:db8:ffff::1")).isTrue();
    assertThat(IpRange.parse("0.0.0.0/0").contains("8.8.8.8")).isTrue();
  }
}
