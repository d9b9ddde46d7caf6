package io.ccoin.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ccoin.api.Address;
import io.ccoin.api.Bytes;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KeystoreTest {
  private static final ScryptParams FAST = new ScryptParams(1 << 10, 8, 1);
  private static final String PASSPHRASE = "correct horse battery staple";
  private static final String WRONG = "Tr0ub4dor&3-not-it";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static AccountKey key0;
  private static AccountKey key1;

  @TempDir
  Path dir;

  @BeforeAll
  static void loadKeys() {
    key0 = AccountKey.fromPkcs8(KeyVectors.key("key0").pkcs8());
    key1 = AccountKey.fromPkcs8(KeyVectors.key("key1").pkcs8());
  }

  @Test
  void roundTrip() throws IOException {
    Path file = Keystore.write(dir, key0, PASSPHRASE.toCharArray(), FAST);
    assertThat(file).isEqualTo(dir.resolve(key0.address().toHex() + ".json")).isEqualTo(Keystore.path(dir, key0.address()));
    AccountKey read = Keystore.read(file, PASSPHRASE.toCharArray());
    assertThat(read).isEqualTo(key0);
    assertThat(read.exportPkcs8()).isEqualTo(key0.exportPkcs8());

    JsonNode json = JSON.readTree(file.toFile());
    assertThat(json.get("version").intValue()).isEqualTo(1);
    assertThat(json.get("address").textValue()).isEqualTo(key0.address().toHex());
    assertThat(json.at("/kdf/function").textValue()).isEqualTo("scrypt");
    assertThat(json.at("/kdf/n").intValue()).isEqualTo(1024);
    assertThat(json.at("/kdf/r").intValue()).isEqualTo(8);
    assertThat(json.at("/kdf/p").intValue()).isEqualTo(1);
    assertThat(Base64.getDecoder().decode(json.at("/kdf/salt").textValue())).hasSize(32);
    assertThat(json.at("/cipher/function").textValue()).isEqualTo("aes-256-gcm");
    assertThat(Base64.getDecoder().decode(json.at("/cipher/nonce").textValue())).hasSize(12);
    String content = Files.readString(file);
    assertThat(content).doesNotContain(key0.exportPkcs8().toBase64().substring(100, 140)).doesNotContain(PASSPHRASE);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(file); // no temporary file left behind
    }
  }

  @Test
  void defaultCostRoundTrip() throws IOException {
    Path file = Keystore.write(dir, key1, PASSPHRASE.toCharArray());
    assertThat(JSON.readTree(file.toFile()).at("/kdf/n").intValue()).isEqualTo(1 << 15);
    assertThat(Keystore.read(file, PASSPHRASE.toCharArray())).isEqualTo(key1);
  }

  @Test
  void eachWriteUsesFreshSaltAndNonce() throws IOException {
    Path a = Keystore.write(dir.resolve("a"), key0, PASSPHRASE.toCharArray(), FAST);
    Path b = Keystore.write(dir.resolve("b"), key0, PASSPHRASE.toCharArray(), FAST);
    JsonNode ja = JSON.readTree(a.toFile());
    JsonNode jb = JSON.readTree(b.toFile());
    assertThat(ja.at("/kdf/salt")).isNotEqualTo(jb.at("/kdf/salt"));
    assertThat(ja.at("/cipher/nonce")).isNotEqualTo(jb.at("/cipher/nonce"));
    assertThat(ja.at("/cipher/ciphertext")).isNotEqualTo(jb.at("/cipher/ciphertext"));
  }

  @Test
  void unicodeAndEmptyPassphrases() {
    char[] unicode = "pässwört \uD83D\uDD11 密码".toCharArray();
    Path file = Keystore.write(dir, key0, unicode, FAST);
    assertThat(Keystore.read(file, unicode)).isEqualTo(key0);
    assertThatThrownBy(() -> Keystore.read(file, "passwort".toCharArray())).isInstanceOf(KeystoreException.class);

    Path other = Keystore.write(dir.resolve("empty"), key1, new char[0], FAST);
    assertThat(Keystore.read(other, new char[0])).isEqualTo(key1);

    char[] unpaired = {'a', '\uD83D', 'b'};
    assertThatThrownBy(() -> Keystore.write(dir.resolve("bad"), key0, unpaired, FAST))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("a\uD83Db");
  }

  @Test
  void fileIsReadableByItsOwnerOnly() throws IOException {
    assumeThat(dir.getFileSystem().supportedFileAttributeViews()).contains("posix");
    Path keystore = dir.resolve("base").resolve("keystore");
    Path file = Keystore.write(keystore, key0, PASSPHRASE.toCharArray(), FAST);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keystore))).isEqualTo("rwx------");
  }

  @Test
  void aSharedFileStillReads() throws IOException {
    assumeThat(dir.getFileSystem().supportedFileAttributeViews()).contains("posix");
    Path file = Keystore.write(dir, key0, PASSPHRASE.toCharArray(), FAST);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    assertThat(Keystore.read(file, PASSPHRASE.toCharArray())).isEqualTo(key0); // with a warning logged
  }

  @Test
  void neverOverwritesAnExistingFile() throws IOException {
    Path file = Keystore.write(dir, key0, PASSPHRASE.toCharArray(), FAST);
    byte[] before = Files.readAllBytes(file);
    assertThatThrownBy(() -> Keystore.write(dir, key0, WRONG.toCharArray(), FAST))
        .isInstanceOf(KeystoreException.class)
        .hasMessage("file " + file + " already exists; not overwriting it");
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
    assertThat(Keystore.read(file, PASSPHRASE.toCharArray())).isEqualTo(key0);
  }

  @Test
  void wrongPassphraseIsAClearError() {
    Path file = Keystore.write(dir, key0, PASSPHRASE.toCharArray(), FAST);
    KeystoreException e = readFails(file, WRONG);
    assertThat(e).hasMessage("wrong passphrase or damaged keystore file " + file);
    assertThat(e.file()).contains(file);
  }

  @Test
  void missingFileIsAClearError() {
    Path file = dir.resolve("0000000000000000000000000000000000000000.json");
    assertThat(readFails(file, PASSPHRASE)).hasMessage("keystore file " + file + " does not exist");
  }

  @Test
  void oversizedFileIsRejectedBeforeParsing() throws IOException {
    Path file = dir.resolve("big.json");
    byte[] big = new byte[Keystore.MAX_FILE_SIZE + 1];
    Arrays.fill(big, (byte) ' ');
    Files.write(file, big);
    assertThat(readFails(file, PASSPHRASE)).hasMessageContaining("larger than 65536 bytes");
  }

  static Stream<Arguments> damages() {
    return Stream.of(
        damage("truncated", raw(b -> Arrays.copyOf(b, b.length / 2)), "not valid JSON"),
        damage("empty file", raw(b -> new byte[0]), "not a JSON object"),
        damage("bad JSON", raw(b -> "{\"version\": 1,,}".getBytes(StandardCharsets.UTF_8)), "not valid JSON"),
        damage("trailing data", raw(b -> (new String(b, StandardCharsets.UTF_8) + " {}").getBytes(StandardCharsets.UTF_8)),
            "not valid JSON"),
        damage("duplicate field", raw(b -> new String(b, StandardCharsets.UTF_8)
            .replaceFirst("\\{", "{\"version\": 1, ").getBytes(StandardCharsets.UTF_8)), "not valid JSON"),
        damage("a JSON array", raw(b -> "[1]".getBytes(StandardCharsets.UTF_8)), "not a JSON object"),
        damage("flipped ciphertext byte", json(j -> flipCiphertext(j)), "wrong passphrase or damaged keystore file"),
        damage("flipped salt byte", json(j -> flipBase64((ObjectNode) j.get("kdf"), "salt", 3)),
            "wrong passphrase or damaged keystore file"),
        damage("flipped nonce byte", json(j -> flipBase64((ObjectNode) j.get("cipher"), "nonce", 0)),
            "wrong passphrase or damaged keystore file"),
        damage("swapped address", json(j -> j.put("address", key1.address().toHex())),
            "wrong passphrase or damaged keystore file"),
        damage("changed scrypt cost", json(j -> ((ObjectNode) j.get("kdf")).put("n", 2048)),
            "wrong passphrase or damaged keystore file"),
        damage("missing version", json(j -> j.remove("version")), "missing field 'version'"),
        damage("missing address", json(j -> j.remove("address")), "missing field 'address'"),
        damage("missing kdf", json(j -> j.remove("kdf")), "missing field 'kdf'"),
        damage("missing salt", json(j -> ((ObjectNode) j.get("kdf")).remove("salt")), "missing field 'kdf.salt'"),
        damage("missing ciphertext", json(j -> ((ObjectNode) j.get("cipher")).remove("ciphertext")),
            "missing field 'cipher.ciphertext'"),
        damage("unknown version", json(j -> j.put("version", 2)), "has unsupported keystore version 2; this version of ccoin reads version 1"),
        damage("version as text", json(j -> j.put("version", "1")), "has unsupported keystore version \"1\""),
        damage("unknown field", json(j -> j.put("comment", "hi")), "unknown field 'comment'"),
        damage("unknown kdf field", json(j -> ((ObjectNode) j.get("kdf")).put("dklen", 32)), "unknown field 'kdf.dklen'"),
        damage("bad address", json(j -> j.put("address", "not-an-address")), "field 'address' is not an address"),
        damage("short address", json(j -> j.put("address", "abcd")), "field 'address' is not an address"),
        damage("address as number", json(j -> j.put("address", 5)), "field 'address' must be a string"),
        damage("kdf not an object", json(j -> j.put("kdf", "scrypt")), "field 'kdf' must be an object"),
        damage("other kdf", json(j -> ((ObjectNode) j.get("kdf")).put("function", "pbkdf2")),
            "unsupported key derivation function"),
        damage("other cipher", json(j -> ((ObjectNode) j.get("cipher")).put("function", "aes-128-ctr")),
            "unsupported cipher"),
        damage("huge N", json(j -> ((ObjectNode) j.get("kdf")).put("n", 1 << 30)),
            "bad scrypt parameters: scrypt n must be a power of two from 2 to 1048576, got 1073741824"),
        damage("N beyond int", json(j -> ((ObjectNode) j.get("kdf")).put("n", 1L << 40)),
            "field 'kdf.n' must be an integer"),
        damage("N not a power of two", json(j -> ((ObjectNode) j.get("kdf")).put("n", 1000)),
            "scrypt n must be a power of two"),
        damage("N fractional", json(j -> ((ObjectNode) j.get("kdf")).put("n", 1024.5)), "field 'kdf.n' must be an integer"),
        damage("memory-hungry r", json(j -> {
          ((ObjectNode) j.get("kdf")).put("n", 1 << 20);
          ((ObjectNode) j.get("kdf")).put("r", 8);
        }), "would need 1024 MiB"),
        damage("huge r", json(j -> ((ObjectNode) j.get("kdf")).put("r", 1 << 20)), "scrypt r must be from 1 to 32"),
        damage("zero p", json(j -> ((ObjectNode) j.get("kdf")).put("p", 0)), "scrypt p must be from 1 to 16"),
        damage("bad base64", json(j -> ((ObjectNode) j.get("cipher")).put("ciphertext", "!!not base64!!")),
            "field 'cipher.ciphertext' is not valid base64"),
        damage("short nonce", json(j -> ((ObjectNode) j.get("cipher")).put("nonce", "AAAA")),
            "field 'cipher.nonce' holds 3 bytes, expected 12"),
        damage("short salt", json(j -> ((ObjectNode) j.get("kdf")).put("salt", "AAAA")),
            "field 'kdf.salt' holds 3 bytes, expected 16 to 64"),
        damage("ciphertext without data", json(j -> ((ObjectNode) j.get("cipher")).put("ciphertext", "")),
            "field 'cipher.ciphertext' holds 0 bytes"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("damages")
  void damagedFilesGiveAClearErrorNamingTheFile(String name, UnaryOperator<byte[]> damage, String expected)
      throws IOException {
    Path file = Keystore.write(dir, key0, PASSPHRASE.toCharArray(), FAST);
    Files.write(file, damage.apply(Files.readAllBytes(file)));
    KeystoreException e = readFails(file, PASSPHRASE);
    assertThat(e.getMessage()).contains(expected).contains(file.toString());
    assertThat(e.file()).contains(file);
  }

  @Test
  void aKeyStoredUnderAnotherAddressIsDetected() throws IOException {
    // Not reachable by editing a file (the address is authenticated), only by a faulty writer.
    Path file = dir.resolve("mislabelled.json");
    Files.write(file, Keystore.encrypt(key0.exportPkcs8().toArray(), key1.address(), PASSPHRASE.toCharArray(), FAST)
        .toJson());
    assertThat(readFails(file, PASSPHRASE)).hasMessage("damaged keystore file " + file + ": field 'address' is "
        + key1.address() + " but the key's address is " + key0.address());
  }

  @Test
  void anEncryptedNonKeyIsDetected() throws IOException {
    Path file = dir.resolve("garbage.json");
    Files.write(file, Keystore.encrypt(new byte[] {0x30, 0x00}, key0.address(), PASSPHRASE.toCharArray(), FAST)
        .toJson());
    assertThat(readFails(file, PASSPHRASE))
        .hasMessage("damaged keystore file " + file + ": the decrypted private key is not usable: not a PKCS#8 RSA private key");
  }

  @Test
  void listsTheAccountsInADirectory() throws IOException {
    assertThat(Keystore.list(dir.resolve("absent"))).isEmpty();
    Keystore.write(dir, key1, PASSPHRASE.toCharArray(), FAST);
    Keystore.write(dir, key0, PASSPHRASE.toCharArray(), FAST);
    Files.writeString(dir.resolve("README.json"), "{}");
    Files.writeString(dir.resolve(key0.address().toHex().toUpperCase() + ".json"), "{}");
    Files.writeString(dir.resolve("." + key0.address().toHex() + ".json123.tmp"), "{}");
    Files.createDirectory(dir.resolve("1111111111111111111111111111111111111111.json"));
    List<Address> expected = key0.address().compareTo(key1.address()) < 0
        ? List.of(key0.address(), key1.address())
        : List.of(key1.address(), key0.address());
    assertThat(Keystore.list(dir)).isEqualTo(expected);
  }

  @Test
  void scryptParamsAreBounded() {
    assertThat(ScryptParams.DEFAULT).isEqualTo(new ScryptParams(32768, 8, 1));
    assertThat(new ScryptParams(2, 1, 1).n()).isEqualTo(2);
    assertThat(new ScryptParams(1 << 20, 2, 1).n()).isEqualTo(1 << 20);
    assertThatThrownBy(() -> new ScryptParams(1, 8, 1)).hasMessageContaining("power of two");
    assertThatThrownBy(() -> new ScryptParams(0, 8, 1)).hasMessageContaining("power of two");
    assertThatThrownBy(() -> new ScryptParams(-1 << 31, 8, 1)).hasMessageContaining("power of two");
    assertThatThrownBy(() -> new ScryptParams(1 << 21, 1, 1)).hasMessageContaining("power of two");
    assertThatThrownBy(() -> new ScryptParams(1 << 20, 4, 1)).hasMessageContaining("512 MiB");
    assertThatThrownBy(() -> new ScryptParams(1 << 18, 8, 16)).hasMessageContaining("work");
    assertThatThrownBy(() -> Keystore.write(dir, key0, PASSPHRASE.toCharArray(), null))
        .isInstanceOf(NullPointerException.class);
  }

  private static KeystoreException readFails(Path file, String passphrase) {
    try {
      Keystore.read(file, passphrase.toCharArray());
    } catch (KeystoreException e) {
      String everything = fullTrace(e);
      assertThat(everything).doesNotContain(PASSPHRASE).doesNotContain(WRONG);
      assertThat(everything).doesNotContain(key0.exportPkcs8().toBase64().substring(100, 140));
      return e;
    }
    throw new AssertionError("read of " + file + " did not fail");
  }

  private static String fullTrace(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    return out.toString();
  }

  private static Arguments damage(String name, UnaryOperator<byte[]> damage, String expected) {
    return Arguments.of(name, damage, expected);
  }

  private static UnaryOperator<byte[]> raw(UnaryOperator<byte[]> f) {
    return f;
  }

  private static UnaryOperator<byte[]> json(Consumer<ObjectNode> edit) {
    return b -> {
      try {
        ObjectNode root = (ObjectNode) JSON.readTree(b);
        edit.accept(root);
        return JSON.writeValueAsBytes(root);
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    };
  }

  private static ObjectNode flipCiphertext(ObjectNode j) {
    flipBase64((ObjectNode) j.get("cipher"), "ciphertext", 40);
    return j;
  }

  private static ObjectNode flipBase64(ObjectNode node, String field, int index) {
    byte[] b = Bytes.fromBase64(node.get(field).textValue()).toArray();
    b[index] ^= 0x01;
    node.put(field, Base64.getEncoder().encodeToString(b));
    return node;
  }
}
