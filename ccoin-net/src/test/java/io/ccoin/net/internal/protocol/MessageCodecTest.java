package io.ccoin.net.internal.protocol;

import io.ccoin.net.NodeId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ccoin.api.Block;
import io.ccoin.api.Bytes;
import io.ccoin.api.Frame;
import io.ccoin.api.Hash;
import io.ccoin.api.StoredBlock;
import io.ccoin.api.Transaction;
import io.ccoin.core.TestKeys;
import io.ccoin.core.internal.chain.ChainFixture;
import io.ccoin.core.codec.Codec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every SPEC 9 message: exact bytes, round trips, and the rejection of anything not canonical or beyond a limit. */
class MessageCodecTest {
  static final HexFormat HEX = HexFormat.of();
  static ChainFixture fx;
  static Block block;
  static Transaction tx;

  @BeforeAll
  static void fixture() {
    fx = new ChainFixture();
    tx = fx.transfer(fx.alice, 0, fx.bob.address(), 5, 1);
    StoredBlock b1 = fx.next(fx.genesisBlock(), fx.leaderOn(fx.genesisBlock()), List.of(tx, fx.transfer(fx.alice, 1, fx.bob.address(), 6, 1)));
    block = b1.block();
  }

  static Hash hash(int fill) {
    byte[] b = new byte[32];
    Arrays.fill(b, (byte) fill);
    return Hash.of(b);
  }

  static Bytes bytes(int n, int fill) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) fill);
    return Bytes.of(b);
  }

  static Frame frame(String header, String hexBody) {
    return new Frame(header, Bytes.fromHex(hexBody.replace(" ", "")));
  }

  static String body(Message m) {
    return HEX.formatHex(MessageCodec.encodeBody(m));
  }

  static Hello hello() {
    return new Hello(1, 5, hash(0x11), 0, hash(0x22), 0, TestKeys.vector(0).publicKey(), bytes(32, 0x33), 30333, "ccoin");
  }

  // ---- exact bytes -----------------------------------------------------------------------------

  @Test
  void smallMessagesHaveTheseExactBytes() {
    assertThat(body(new Ping(5))).isEqualTo("9105");
    assertThat(body(new Pong(300))).isEqualTo("91cd012c");
    assertThat(body(Bye.of(ByeReason.TOO_MANY_PEERS, "full"))).isEqualTo("9202a466756c6c");
    assertThat(body(new GetPeers(7))).isEqualTo("9107");
    assertThat(body(new Transactions(List.of()))).isEqualTo("9190");
    assertThat(body(new Blocks(3, List.of()))).isEqualTo("920390");
    assertThat(body(new GetBlocks(1, List.of(hash(0xab)), 512))).isEqualTo("930191c420" + "ab".repeat(32) + "cd0200");
    assertThat(body(new Peers(9, List.of(new PeerAddress("n1", 30333, NodeId.of(hash(0x44)))))))
        .isEqualTo("920991" + "93a26e31cd767dc420" + "44".repeat(32));
    assertThat(body(new Auth(bytes(256, 0x55)))).isEqualTo("91c50100" + "55".repeat(256));
    assertThat(MessageCodec.encode(new Ping(5))).isEqualTo(new Frame("PIN", Bytes.of((byte) 0x91, (byte) 0x05)));
  }

  @Test
  void helloHasTheseExactBytes() {
    String key = TestKeys.vector(0).publicKey().toHex();
    assertThat(body(hello())).isEqualTo("9a0105c420" + "11".repeat(32) + "00c420" + "22".repeat(32) + "00c50126" + key
        + "c420" + "33".repeat(32) + "cd767d" + "a563636f696e");
  }

  @Test
  void blockAndTransactionMessagesEmbedTheCanonicalEncodings() {
    assertThat(body(new NewBlock(block))).isEqualTo("91" + HEX.formatHex(Codec.encode(block)));
    assertThat(body(new Transactions(List.of(tx)))).isEqualTo("9191" + HEX.formatHex(Codec.encode(tx)));
    assertThat(body(new Blocks(70000, List.of(block, block))))
        .isEqualTo("92ce00011170" + "92" + HEX.formatHex(Codec.encode(block)).repeat(2));
  }

  // ---- round trips -----------------------------------------------------------------------------

  static Stream<Message> messages() {
    List<PeerAddress> many = new ArrayList<>();
    for (int i = 0; i < Protocol.MAX_PEER_ENTRIES; i++) {
      many.add(new PeerAddress("node-" + i + ".example", 1 + i, NodeId.of(hash(i))));
    }
    List<Hash> locator = new ArrayList<>();
    for (int i = 0; i < Protocol.MAX_LOCATOR; i++) {
      locator.add(hash(i));
    }
    return Stream.of(
        hello(),
        new Hello(7, Long.MAX_VALUE, hash(1), 1L << 40, hash(2), 123_456, Bytes.EMPTY, bytes(32, 0), 0, "é".repeat(32)),
        new Auth(bytes(256, 9)),
        new Auth(Bytes.EMPTY),
        Bye.of(ByeReason.BAD_HANDSHAKE, "no"),
        new Bye(99, "a reason from the future"),
        new Ping(0), new Ping(Long.MAX_VALUE), new Pong(1L << 32),
        new Transactions(List.of(tx)),
        new Transactions(Collections.nCopies(Protocol.MAX_TXS, tx)),
        new NewBlock(block),
        new GetBlocks(0, List.of(), 0),
        new GetBlocks(Long.MAX_VALUE, locator, Protocol.MAX_BLOCKS),
        new Blocks(5, List.of(block)),
        new GetPeers(12),
        new Peers(13, List.of()),
        new Peers(14, many));
  }

  @ParameterizedTest
  @MethodSource("messages")
  void everyMessageRoundTrips(Message m) {
    Frame f = MessageCodec.encode(m);
    assertThat(f.header()).isEqualTo(m.header());
    assertThat(MessageCodec.decode(f)).isEqualTo(m);
  }

  // ---- rejections ------------------------------------------------------------------------------

  static Stream<Arguments> malformed() {
    String helloBody = body(hello());
    String helloPrefix = helloBody.substring(0, helloBody.length() - 18); // without the port cd767d and agent a563636f696e
    return Stream.of(
        Arguments.of("FOO", "9105", "unknown header 'FOO'"),
        Arguments.of("pin", "9105", "unknown header 'pin'"),
        Arguments.of("PIN", "", "input ends"),
        Arguments.of("PIN", "91cc05", "not the shortest form"),
        Arguments.of("PIN", "910500", "trailing byte"),
        Arguments.of("PIN", "920505", "expected 1 elements, got 2"),
        Arguments.of("PIN", "91d005", "signed integer"),
        Arguments.of("PIN", "91cf8000000000000000", "above 2^63-1"),
        Arguments.of("PON", "90", "expected 1 elements, got 0"),
        Arguments.of("PON", "81a16101", "expected an array"),
        Arguments.of("BYE", "9201c403616263", "expected a text"),
        Arguments.of("BYE", "9201a2c328", "not valid UTF-8"),
        Arguments.of("BYE", "9201da0101" + "61".repeat(257), "above the limit of 256"),
        Arguments.of("BYE", "9201d90461626364", "must use fixstr"),
        Arguments.of("TXS", "91dc0401", "expected 0 to 1024 elements, got 1025"),
        Arguments.of("TXS", "91dc0010" + "00".repeat(16), "expected an array"),
        Arguments.of("TXS", "9191", "declares 1 elements but only 0 bytes remain"),
        Arguments.of("GBL", "9301dc0041", "expected 0 to 64 elements, got 65"),
        Arguments.of("GBL", "930190cd0201", "513 is above the limit 512"),
        Arguments.of("GBL", "930191c41f" + "00".repeat(31) + "05", "expected 32 bytes, got 31"),
        Arguments.of("GBL", "93019105", "expected a byte string"),
        Arguments.of("BLS", "9201dc0201", "expected 0 to 512 elements, got 513"),
        Arguments.of("PES", "9201dc0041", "expected 0 to 64 elements, got 65"),
        Arguments.of("PES", "920191" + "93a26e31ce00010000c420" + "44".repeat(32), "65536 is above the limit 65535"),
        Arguments.of("PES", "920191" + "92a26e31cd767d", "expected 3 elements, got 2"),
        Arguments.of("PES", "920191" + "93c4026e31cd767dc420" + "44".repeat(32), "expected a text"),
        Arguments.of("AUT", "91c50101" + "00".repeat(257), "above the limit of 256"),
        Arguments.of("AUT", "91c5000100", "must use bin8"),
        Arguments.of("GPE", "91c0", "expected an unsigned integer, got nil"),
        Arguments.of("HEL", helloPrefix + "cd767d" + "d941" + "61".repeat(65), "above the limit of 64"),
        Arguments.of("HEL", helloPrefix + "ce00010000" + "a0", "65536 is above the limit 65535"),
        Arguments.of("HEL", helloPrefix + "cd767d", "input ends"),
        Arguments.of("HEL", "99" + helloBody.substring(2, helloBody.length() - 12), "expected 10 elements, got 9"),
        Arguments.of("HEL", helloBody.replace("c420" + "33".repeat(32), "c41f" + "33".repeat(31)), "expected 32 bytes, got 31"),
        Arguments.of("NBL", "91" + HEX.formatHex(Codec.encode(block)) + "00", "trailing byte"),
        Arguments.of("NBL", "9190", "Block: expected 2 elements, got 0"));
  }

  @ParameterizedTest
  @MethodSource("malformed")
  void malformedBodiesAreRejectedWithAClearMessage(String header, String hexBody, String expected) {
    assertThatThrownBy(() -> MessageCodec.decode(frame(header, hexBody)))
        .isInstanceOf(MalformedMessageException.class)
        .hasMessageContaining(expected);
  }

  @Test
  void aBlockMessageWithABadInnerFieldNamesTheField() {
    byte[] enc = Codec.encode(block);
    // the header's version field is the first uint after the three array headers: 0x92 0x93 0x9b 0x01
    assertThat(HEX.formatHex(enc, 0, 4)).isEqualTo("92939b01");
    String tampered = "91" + "92939bcc01" + HEX.formatHex(enc, 4, enc.length - 4);
    assertThatThrownBy(() -> MessageCodec.decode(frame("NBL", tampered)))
        .isInstanceOf(MalformedMessageException.class).hasMessageContaining("NBL does not decode").hasMessageContaining("shortest form");
  }

  @Test
  void valuesBeyondTheLimitsCannotBeBuilt() {
    assertThatThrownBy(() -> new Transactions(Collections.nCopies(Protocol.MAX_TXS + 1, tx))).hasMessageContaining("1025");
    assertThatThrownBy(() -> new GetBlocks(1, List.of(), 513)).hasMessageContaining("513");
    assertThatThrownBy(() -> new Hello(1, 5, hash(1), 0, hash(2), 0, Bytes.EMPTY, bytes(31, 0), 1, "x")).hasMessageContaining("32 bytes");
    assertThatThrownBy(() -> new Hello(1, 5, hash(1), 0, hash(2), 0, Bytes.EMPTY, bytes(32, 0), 1, "x".repeat(65))).hasMessageContaining("64");
    assertThatThrownBy(() -> new PeerAddress("h", 65536, NodeId.of(hash(1)))).hasMessageContaining("65536");
    assertThat(Bye.of(ByeReason.MISBEHAVIOUR, "é".repeat(200)).text()).hasSize(128);
  }
}
