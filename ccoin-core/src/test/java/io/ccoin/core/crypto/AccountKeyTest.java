package io.ccoin.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ccoin.api.Address;
import io.ccoin.api.BlockSigner;
import io.ccoin.api.Bytes;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AccountKeyTest {
  static List<KeyVectors.Key> keys() {
    return KeyVectors.keys();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("keys")
  void vectorPrivateKeysLoadWithTheirPublicKeyAndAddress(KeyVectors.Key vector) {
    AccountKey key = AccountKey.fromPkcs8(vector.pkcs8());
    assertThat(key.publicKey()).isEqualTo(vector.spki());
    assertThat(key.address()).isEqualTo(Address.fromHex(vector.address()));
    assertThat(key.exportPkcs8()).isEqualTo(vector.pkcs8());
    assertThat(AccountKey.fromPkcs8(key.exportPkcs8())).isEqualTo(key).hasSameHashCodeAs(key);
  }

  @Test
  void generatedKeysAreCanonicalAndDistinct() {
    SecureRandom random = new SecureRandom();
    AccountKey a = AccountKey.generate(random);
    AccountKey b = AccountKey.generate(random);
    for (AccountKey k : List.of(a, b)) {
      assertThat(k.publicKey().size()).isEqualTo(PublicKeys.SPKI_SIZE);
      assertThat(PublicKeys.isValid(k.publicKey())).isTrue();
      assertThat(k.rsaPublicKey().getModulus().bitLength()).isEqualTo(2048);
      assertThat(k.rsaPublicKey().getPublicExponent()).isEqualTo(BigInteger.valueOf(65537));
      assertThat(k.address()).isEqualTo(PublicKeys.address(k.publicKey()));
      assertThat(AccountKey.fromPkcs8(k.exportPkcs8())).isEqualTo(k);
    }
    assertThat(a).isNotEqualTo(b);
    assertThat(a.address()).isNotEqualTo(b.address());
  }

  @Test
  void isABlockSigner() {
    AccountKey key = AccountKey.fromPkcs8(KeyVectors.key("key2").pkcs8());
    BlockSigner signer = key;
    byte[] message = Signatures.signingMessage(Domain.BLOCK, new byte[32]);
    Bytes signature = signer.sign(message);
    assertThat(signer.address()).isEqualTo(key.address());
    assertThat(Signatures.verify(signer.publicKey(), message, signature)).isTrue();
    assertThat(signer.sign(message)).isEqualTo(signature);
  }

  @Test
  void toStringShowsTheAddressOnly() {
    KeyVectors.Key vector = KeyVectors.key("key0");
    AccountKey key = AccountKey.fromPkcs8(vector.pkcs8());
    RSAPrivateCrtKey jdk = privateKey(vector);
    assertThat(key.toString()).isEqualTo("AccountKey[" + vector.address() + "]");
    assertThat(key.toString())
        .doesNotContain(jdk.getPrivateExponent().toString(16).substring(0, 16))
        .doesNotContain(jdk.getPrivateExponent().toString().substring(0, 16))
        .doesNotContain(vector.pkcs8().toBase64().substring(40, 80));
  }

  @Test
  void garbageIsNotAKey() {
    assertThatThrownBy(() -> AccountKey.fromPkcs8(Bytes.EMPTY))
        .isInstanceOf(BadKeyException.class).hasMessage("not a PKCS#8 RSA private key");
    assertThatThrownBy(() -> AccountKey.fromPkcs8(Bytes.of(new byte[] {0x30, 0x03, 0x02, 0x01, 0x00})))
        .isInstanceOf(BadKeyException.class);
    byte[] truncated = KeyVectors.key("key0").pkcs8().toArray();
    assertThatThrownBy(() -> AccountKey.fromPkcs8(Bytes.of(truncated, 0, truncated.length - 1)))
        .isInstanceOf(BadKeyException.class);
  }

  @Test
  void nonRsaAndNonCanonicalKeysAreRejected() throws Exception {
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(256);
    Bytes ecKey = Bytes.of(ec.generateKeyPair().getPrivate().getEncoded());
    assertThatThrownBy(() -> AccountKey.fromPkcs8(ecKey)).isInstanceOf(BadKeyException.class);

    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(1024);
    Bytes small = Bytes.of(rsa.generateKeyPair().getPrivate().getEncoded());
    assertThatThrownBy(() -> AccountKey.fromPkcs8(small))
        .isInstanceOf(BadKeyException.class).hasMessageContaining("2048 bits, got 1024");

    rsa.initialize(new RSAKeyGenParameterSpec(1024, BigInteger.valueOf(3)));
    Bytes exponent3 = Bytes.of(rsa.generateKeyPair().getPrivate().getEncoded());
    assertThatThrownBy(() -> AccountKey.fromPkcs8(exponent3))
        .isInstanceOf(BadKeyException.class).hasMessageContaining("65537");
  }

  @Test
  void inconsistentKeysAreRejected() throws Exception {
    RSAPrivateCrtKey k = privateKey(KeyVectors.key("key1"));
    Bytes wrongPrime = encode(new RSAPrivateCrtKeySpec(k.getModulus(), k.getPublicExponent(),
        k.getPrivateExponent(), k.getPrimeP().add(BigInteger.TWO), k.getPrimeQ(), k.getPrimeExponentP(),
        k.getPrimeExponentQ(), k.getCrtCoefficient()));
    assertThatThrownBy(() -> AccountKey.fromPkcs8(wrongPrime))
        .isInstanceOf(BadKeyException.class).hasMessageContaining("primes do not multiply");

    Bytes wrongExponent = encode(new RSAPrivateCrtKeySpec(k.getModulus(), k.getPublicExponent(),
        k.getPrivateExponent(), k.getPrimeP(), k.getPrimeQ(), k.getPrimeExponentP().add(BigInteger.ONE),
        k.getPrimeExponentQ(), k.getCrtCoefficient()));
    assertThatThrownBy(() -> AccountKey.fromPkcs8(wrongExponent))
        .isInstanceOf(BadKeyException.class).hasMessageContaining("signatures do not verify");
  }

  private static Bytes encode(RSAPrivateCrtKeySpec spec) throws Exception {
    return Bytes.of(KeyFactory.getInstance("RSA").generatePrivate(spec).getEncoded());
  }

  private static RSAPrivateCrtKey privateKey(KeyVectors.Key vector) {
    try {
      return (RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
          .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(vector.pkcs8().toArray()));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
