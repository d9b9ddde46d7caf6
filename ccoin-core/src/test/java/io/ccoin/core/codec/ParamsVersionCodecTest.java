package io.ccoin.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ccoin.api.ConsensusParams;
import io.ccoin.core.Vectors;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code Params} version 2 (SPEC 6): no recent_window, epoch last and 2 .. 2^31-1; edits of genesis3.json's. */
class ParamsVersionCodecTest {
  static final String V2 = Vectors.json("genesis3.json").get("params").asText();

  @Test
  void theVectorDecodesToAVersion2Network() {
    ConsensusParams p = Codec.decodeParams(HexFormat.of().parseHex(V2));
    assertThat(p.version()).isEqualTo(2);
    assertThat(p.epoch()).isEqualTo(4);
    assertThat(p.recentWindow(p.minerCount())).isEqualTo(1);
    assertThat(p.isCheckpoint(8)).isTrue();
    assertThat(p.isCheckpoint(9)).isFalse();
    assertThat(HexFormat.of().formatHex(Codec.encode(p))).isEqualTo(V2);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "epoch 0, 04$, 00",
      "epoch 1, 04$, 01",
      "epoch 2^31 (above 2^31-1), 04$, ce80000000",
      "version 3, ^dc001102, dc001103",
      "version 1 layout read as version 2 (one field short), ^dc0011, dc0010",
  })
  void isRefused(String why, String regex, String replacement) {
    String edited = V2.replaceFirst(regex, replacement);
    assertThat(edited).isNotEqualTo(V2);
    assertThatThrownBy(() -> Codec.decodeParams(HexFormat.of().parseHex(edited))).as(why).isInstanceOf(DecodeException.class);
  }
}
