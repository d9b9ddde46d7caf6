package io.ccoin.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.ccoin.core.Vectors;
import io.ccoin.api.Address;
import io.ccoin.api.Bytes;
import io.ccoin.api.Hash;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SignaturesTest {
  private static AccountKey key0;
  private static AccountKey key1;
  private static byte[] txMessage;
  private static Bytes txSignature;

  @BeforeAll
  static void loadKeys() {
    key0 = AccountKey.fromPkcs8(KeyVectors.key("key0").pkcs8());
    key1 = AccountKey.fromPkcs8(KeyVectors.key("key1").pkcs8());
    JsonNode tx = Vectors.json("transactions.json").get("transactions").get(0);
    txMessage = hex(tx.get("signingMessage"));
    txSignature = Bytes.fromBase64(tx.get("signature").asText());
  }

  static List<JsonNode> transactions() {
    return Vectors.elements(Vectors.json("transactions.json").get("transactions"));
  }

  @ParameterizedTest
  @MethodSource("transactions")
  void transactionVectorsVerifyAndReSignIdentically(JsonNode tx) throws Exception {
    KeyVectors.Key signer = KeyVectors.key(tx.get("signer").asText());
    byte[] message = hex(tx.get("signingMessage"));
    Bytes signature = Bytes.fromBase64(tx.get("signature").asText());

    assertThat(Domain.TX.tags(message)).isTrue();
    assertThat(Arrays.copyOfRange(message, Domain.TX.length(), Domain.TX.length() + Hash.SIZE))
        .isEqualTo(Hash.fromHex(tx.get("genesisHash").asText()).toArray());
    assertThat(signature.size()).isEqualTo(Signatures.SIZE);
    assertThat(Signatures.verify(signer.spki(), message, signature)).isTrue();
    assertThat(AccountKey.fromPkcs8(signer.pkcs8()).sign(message)).isEqualTo(signature);
    PrivateKey jdkKey = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(signer.pkcs8().toArray()));
    assertThat(Signatures.sign(jdkKey, message)).isEqualTo(signature);
    assertThat(PublicKeys.address(signer.spki())).isEqualTo(Address.fromHex(tx.get("from").asText()));
  }

  @Test
  void blockVectorVerifiesWithTheMinerKeyAndReSignsIdentically() {
    JsonNode block = Vectors.json("block1.json");
    KeyVectors.Key miner = KeyVectors.key(block.get("miner").asText());
    byte[] message = hex(block.get("signingMessage"));
    Bytes signature = Bytes.fromBase64(block.get("signature").asText());

    byte[] powHash = Hash.fromHex(block.get("powHash").asText()).toArray();
    assertThat(message).isEqualTo(Signatures.signingMessage(Domain.BLOCK, powHash));
    assertThat(Sha256.hash(hex(block.get("header")))).isEqualTo(Hash.fromHex(block.get("powHash").asText()));
    assertThat(Signatures.verify(miner.spki(), message, signature)).isTrue();
    assertThat(AccountKey.fromPkcs8(miner.pkcs8()).sign(message)).isEqualTo(signature);
    // The sealed header carries the miner key and the signature at its end.
    String sealed = block.get("sealedHeader").asText();
    assertThat(sealed).endsWith(miner.spki().toHex() + "c50100" + signature.toHex());
  }

  @Test
  void flippingAnyByteOfTheMessageBreaksTheSignature() {
    for (int i = 0; i < txMessage.length; i += 7) {
      byte[] tampered = txMessage.clone();
      tampered[i] ^= 0x01;
      assertThat(Signatures.verify(key0.publicKey(), tampered, txSignature)).as("byte %d", i).isFalse();
    }
    byte[] last = txMessage.clone();
    last[last.length - 1] ^= (byte) 0x80;
    assertThat(Signatures.verify(key0.publicKey(), last, txSignature)).isFalse();
    assertThat(Signatures.verify(key0.publicKey(), Arrays.copyOf(txMessage, txMessage.length + 1), txSignature)).isFalse();
    assertThat(Signatures.verify(key0.publicKey(), Arrays.copyOf(txMessage, txMessage.length - 1), txSignature)).isFalse();
  }

  @Test
  void flippingAnyByteOfTheSignatureBreaksIt() {
    byte[] sig = txSignature.toArray();
    for (int i = 0; i < sig.length; i += 5) {
      byte[] tampered = sig.clone();
      tampered[i] ^= 0x01;
      assertThat(Signatures.verify(key0.publicKey(), txMessage, Bytes.of(tampered))).as("byte %d", i).isFalse();
    }
  }

  @Test
  void anotherKeysSignatureFails() {
    Bytes byKey1 = key1.sign(txMessage);
    assertThat(Signatures.verify(key1.publicKey(), txMessage, byKey1)).isTrue();
    assertThat(Signatures.verify(key0.publicKey(), txMessage, byKey1)).isFalse();
    assertThat(Signatures.verify(key1.publicKey(), txMessage, txSignature)).isFalse();
  }

  @Test
  void aSignatureIsBoundToItsDomain() {
    byte[] payload = Hash.fromHex("0056234df1675793ec605d97d44751a78269eb241076c7b6f0ecc485111ddc26").toArray();
    byte[] blockMessage = Signatures.signingMessage(Domain.BLOCK, payload);
    Bytes blockSignature = key0.sign(blockMessage);
    assertThat(Signatures.verify(key0.publicKey(), blockMessage, blockSignature)).isTrue();
    for (Domain other : new Domain[] {Domain.TX, Domain.P2P, Domain.DISCOVERY}) {
      assertThat(Signatures.verify(key0.publicKey(), Signatures.signingMessage(other, payload), blockSignature))
          .as("%s", other).isFalse();
    }
    assertThat(Signatures.verify(key0.publicKey(), payload, blockSignature)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 128, 255, 257, 512})
  void wrongLengthSignaturesAreFalseNotExceptions(int length) {
    byte[] sig = Arrays.copyOf(txSignature.toArray(), length);
    assertThat(Signatures.verify(key0.publicKey(), txMessage, Bytes.of(sig))).isFalse();
    assertThat(Signatures.verify(key0.rsaPublicKey(), txMessage, Bytes.of(sig))).isFalse();
  }

  @Test
  void aSignatureIntegerNotBelowTheModulusIsFalse() {
    RSAPublicKey key = key0.rsaPublicKey();
    BigInteger n = key.getModulus();
    byte[] ff = new byte[256];
    Arrays.fill(ff, (byte) 0xff);
    assertThat(Signatures.verify(key, txMessage, Bytes.of(ff))).isFalse();
    assertThat(Signatures.verify(key, txMessage, Bytes.of(fixed256(n)))).isFalse();
    // s + n is congruent to a valid s: it must still be rejected, never reduced mod n.
    BigInteger s = new BigInteger(1, txSignature.toArray());
    BigInteger sPlusN = s.add(n);
    if (sPlusN.bitLength() <= 2048) {
      assertThat(Signatures.verify(key, txMessage, Bytes.of(fixed256(sPlusN)))).isFalse();
    }
    assertThat(Signatures.verify(key, txMessage, Bytes.of(new byte[256]))).isFalse();
    assertThat(Signatures.verify(key, txMessage, txSignature)).isTrue();
  }

  @Test
  void keysThatAreNotCanonicalVerifyNothing() throws Exception {
    KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
    gen.initialize(1024);
    RSAPublicKey small = (RSAPublicKey) gen.generateKeyPair().getPublic();
    assertThat(Signatures.verify(small, txMessage, txSignature)).isFalse();
    assertThat(Signatures.verify(Bytes.of(small.getEncoded()), txMessage, txSignature)).isFalse();
    assertThat(Signatures.verify(Bytes.EMPTY, txMessage, txSignature)).isFalse();
  }

  @Test
  void signingMessageConcatenatesTheTagAndParts() {
    byte[] m = Signatures.signingMessage(Domain.TX, new byte[] {1, 2}, new byte[0], new byte[] {3});
    byte[] expected = new byte[Domain.TX.length() + 3];
    System.arraycopy("ccoin/tx/v1".getBytes(StandardCharsets.US_ASCII), 0, expected, 0, Domain.TX.length());
    expected[expected.length - 3] = 1;
    expected[expected.length - 2] = 2;
    expected[expected.length - 1] = 3;
    assertThat(m).isEqualTo(expected);
    assertThat(Signatures.signingMessage(Domain.DISCOVERY)).isEqualTo(Domain.DISCOVERY.bytes());
  }

  @Test
  void domainTagsAreTheSpecsAscii() {
    assertThat(Domain.TX.tag()).isEqualTo("ccoin/tx/v1");
    assertThat(Domain.BLOCK.tag()).isEqualTo("ccoin/block/v1");
    assertThat(Domain.P2P.tag()).isEqualTo("ccoin/p2p/v1");
    assertThat(Domain.DISCOVERY.tag()).isEqualTo("ccoin/discovery/v1");
    for (Domain d : Domain.values()) {
      assertThat(d.bytes()).isEqualTo(d.tag().getBytes(StandardCharsets.US_ASCII));
      assertThat(d.toString()).isEqualTo(d.tag());
    }
    assertThat(Domain.TX.tags("ccoin/tx/v".getBytes(StandardCharsets.US_ASCII))).isFalse();
    assertThat(Domain.BLOCK.tags(Domain.TX.bytes())).isFalse();
  }

  @Test
  void signingWithANonRsaKeyIsAnArgumentError() throws Exception {
    KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
    gen.initialize(256);
    var ec = gen.generateKeyPair().getPrivate();
    assertThatThrownBy(() -> Signatures.sign(ec, txMessage)).isInstanceOf(IllegalArgumentException.class);
  }

  private static byte[] fixed256(BigInteger v) {
    byte[] raw = v.toByteArray();
    byte[] out = new byte[256];
    int copy = Math.min(raw.length, 256);
    System.arraycopy(raw, raw.length - copy, out, 256 - copy, copy);
    return out;
  }

  private static byte[] hex(JsonNode node) {
    return HexFormat.of().parseHex(node.asText());
  }
}
