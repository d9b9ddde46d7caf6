package io.ccoin.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ccoin.api.BlockHeader;
import io.ccoin.core.Vectors;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Version 2 headers (SPEC 5): the field count follows the version, and the vote is {@code []} or
 * {@code [bin20, bool]} in canonical form; anything else is a bad encoding. Cases are edits of the
 * block1-vote.json header.
 */
class HeaderVersionCodecTest {
  static final String V2 = Vectors.json("block1-vote.json").get("header").asText();
  static final String V2_VOTE = "92c414c0ffee0000000000000000000000000000000001c3";
  static final String V1 = Vectors.json("block1.json").get("header").asText();

  static Stream<Arguments> badHeaders() {
    String v2Body = V2.substring(4); // after 9c 02
    String v1Body = V1.substring(4); // after 9b 01
    return Stream.of(
        Arguments.of("a version 2 header with 11 fields (no vote)", "9b02" + v2Body.replace(V2_VOTE, "")),
        Arguments.of("a version 1 header with 12 fields", "9c01" + v2Body),
        Arguments.of("a version 1 header with an extra empty vote", "9c01" + v1Body.substring(0, v1Body.length() - 4) + "90"
            + v1Body.substring(v1Body.length() - 4)),
        Arguments.of("version 3", "9c03" + v2Body),
        Arguments.of("a vote of one field", "9c02" + v2Body.replace(V2_VOTE, "91c414c0ffee0000000000000000000000000000000001")),
        Arguments.of("a vote of three fields", "9c02" + v2Body.replace(V2_VOTE, "93c414c0ffee0000000000000000000000000000000001c3c3")),
        Arguments.of("a candidate of 19 bytes", "9c02" + v2Body.replace(V2_VOTE, "92c413c0ffee00000000000000000000000000000000c3")),
        Arguments.of("authorize as an integer", "9c02" + v2Body.replace(V2_VOTE, "92c414c0ffee000000000000000000000000000000000101")),
        Arguments.of("the vote as nil", "9c02" + v2Body.replace(V2_VOTE, "c0")),
        Arguments.of("the empty vote as array16", "9c02" + v2Body.replace(V2_VOTE, "dc0000")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badHeaders")
  void isABadEncoding(String why, String hex) {
    byte[] bytes = HexFormat.of().parseHex(hex);
    assertThat(hex).isNotEqualTo(V2);
    assertThatThrownBy(() -> Codec.decodeHeader(bytes)).as(why).isInstanceOf(DecodeException.class);
  }

  @Test
  void theUneditedHeadersDecode() {
    BlockHeader v2 = Codec.decodeHeader(HexFormat.of().parseHex(V2));
    assertThat(v2.vote()).isPresent();
    assertThat(Codec.decodeHeader(HexFormat.of().parseHex(V1)).vote()).isEmpty();
    assertThat(HexFormat.of().formatHex(Codec.encode(v2))).isEqualTo(V2).contains(V2_VOTE);
  }
}
