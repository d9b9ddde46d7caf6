package io.ccoin.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ccoin.core.Vectors;
import io.ccoin.api.Address;
import io.ccoin.api.Bytes;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PublicKeysTest {
  static List<KeyVectors.Key> keys() {
    return KeyVectors.keys();
  }

  static Stream<Arguments> rejected() {
    return Vectors.elements(Vectors.json("rejected-keys.json").get("cases")).stream()
        .map(c -> Arguments.of(c.get("why").asText(), Bytes.fromBase64(c.get("spki").asText())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("keys")
  void vectorKeysAreCanonicalAndHaveTheirAddress(KeyVectors.Key key) throws Exception {
    RSAPublicKey parsed = PublicKeys.validate(key.spki());
    assertThat(key.spki().size()).isEqualTo(PublicKeys.SPKI_SIZE);
    assertThat(PublicKeys.isValid(key.spki())).isTrue();
    assertThat(parsed.getPublicExponent()).isEqualTo(BigInteger.valueOf(65537));
    assertThat(parsed.getModulus().bitLength()).isEqualTo(2048);
    assertThat(PublicKeys.encode(parsed)).isEqualTo(key.spki());
    assertThat(PublicKeys.address(key.spki())).isEqualTo(Address.fromHex(key.address()));
    // Our fast parse agrees with the JDK's X.509 parser.
    RSAPublicKey jdk = (RSAPublicKey) KeyFactory.getInstance("RSA")
        .generatePublic(new X509EncodedKeySpec(key.spki().toArray()));
    assertThat(parsed.getModulus()).isEqualTo(jdk.getModulus());
    assertThat(Bytes.of(jdk.getEncoded())).isEqualTo(key.spki());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rejected")
  void specRejectedKeysAreRejectedWithAReason(String why, Bytes spki) {
    assertThat(PublicKeys.isValid(spki)).isFalse();
    assertThatThrownBy(() -> PublicKeys.validate(spki))
        .isInstanceOf(BadKeyException.class)
        .hasMessageStartingWith("public key ");
    assertThat(Signatures.verify(spki, new byte[] {1}, Bytes.of(new byte[256]))).isFalse();
  }

  @Test
  void rejectionReasonsAreSpecific() {
    List<Arguments> cases = rejected().toList();
    assertThat(reason(cases, "extra leading zero")).contains("is 295 bytes");
    assertThat(reason(cases, "exponent 3")).contains("is 292 bytes");
    assertThat(reason(cases, "RSA-1024")).contains("is 162 bytes");
    assertThat(reason(cases, "top bit is clear")).contains("top bit clear");
    assertThat(reason(cases, "one more byte")).contains("is 295 bytes");
  }

  @Test
  void theJdkAcceptsAKeyTheSpecRejects() throws Exception {
    Bytes padded = (Bytes) rejected().filter(a -> ((String) a.get()[0]).contains("JDK accepts"))
        .findFirst().orElseThrow().get()[1];
    RSAPublicKey jdk = (RSAPublicKey) KeyFactory.getInstance("RSA")
        .generatePublic(new X509EncodedKeySpec(padded.toArray()));
    // The same key as key0, in a second encoding: it must not give key0 a second address.
    assertThat(PublicKeys.encode(jdk)).isEqualTo(KeyVectors.key("key0").spki());
    assertThatThrownBy(() -> PublicKeys.validate(padded)).isInstanceOf(BadKeyException.class);
  }

  @Test
  void badPrefixAndSuffixBytesAreRejected() {
    byte[] good = KeyVectors.key("key1").spki().toArray();
    for (int i : new int[] {0, 5, 20, 32}) {
      byte[] b = good.clone();
      b[i] ^= 0x01;
      assertThatThrownBy(() -> PublicKeys.validate(Bytes.of(b)))
          .isInstanceOf(BadKeyException.class).hasMessageContaining("header at byte " + i);
    }
    for (int i = 289; i < 294; i++) {
      byte[] b = good.clone();
      b[i] ^= 0x01;
      assertThatThrownBy(() -> PublicKeys.validate(Bytes.of(b)))
          .isInstanceOf(BadKeyException.class).hasMessageContaining("exponent 65537");
    }
    assertThatThrownBy(() -> PublicKeys.validate(Bytes.EMPTY)).hasMessageContaining("is 0 bytes");
  }

  @Test
  void encodeRejectsOtherSizesAndExponents() {
    RSAPublicKey key = PublicKeys.validate(KeyVectors.key("key2").spki());
    assertThatThrownBy(() -> PublicKeys.encode(key.getModulus(), BigInteger.valueOf(3)))
        .isInstanceOf(BadKeyException.class).hasMessageContaining("65537");
    assertThatThrownBy(() -> PublicKeys.encode(key.getModulus().shiftRight(1), key.getPublicExponent()))
        .isInstanceOf(BadKeyException.class).hasMessageContaining("2048 bits, got 2047");
    assertThatThrownBy(() -> PublicKeys.encode(key.getModulus().shiftLeft(1), key.getPublicExponent()))
        .isInstanceOf(BadKeyException.class).hasMessageContaining("got 2049");
  }

  @Test
  void validateReturnsTheCachedKeyForEqualEncodings() {
    Bytes spki = KeyVectors.key("key1").spki();
    RSAPublicKey first = PublicKeys.validate(spki);
    assertThat(PublicKeys.validate(Bytes.of(spki.toArray()))).isSameAs(first);
  }

  private static String reason(List<Arguments> cases, String whyFragment) {
    Bytes spki = (Bytes) cases.stream().filter(a -> ((String) a.get()[0]).contains(whyFragment))
        .findFirst().orElseThrow(() -> new AssertionError("no rejected-keys case about " + whyFragment))
        .get()[1];
    try {
      PublicKeys.validate(spki);
      throw new AssertionError("accepted: " + whyFragment);
    } catch (BadKeyException e) {
      return e.getMessage();
    }
  }
}
