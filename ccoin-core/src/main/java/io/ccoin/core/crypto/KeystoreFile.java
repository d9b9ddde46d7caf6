package io.ccoin.core.crypto;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ccoin.api.Address;
import io.ccoin.api.Bytes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;

/**
 * The JSON form of a keystore file, version 1:
 *
 * <pre>{@code
 * { "version": 1,
 *   "address": "<40 hex digits>",
 *   "kdf":    { "function": "scrypt", "n": 32768, "r": 8, "p": 1, "salt": "<base64, 32 bytes>" },
 *   "cipher": { "function": "aes-256-gcm", "nonce": "<base64, 12 bytes>",
 *               "ciphertext": "<base64: encrypted PKCS#8 key followed by the 16-byte tag>" } }
 * }</pre>
 *
 * <p>Parsing is strict: duplicate, missing or unknown fields, wrong types and out-of-range values
 * are errors naming the file and the field.
 */
record KeystoreFile(Address address, ScryptParams scrypt, Bytes salt, Bytes nonce, Bytes ciphertext) {
  static final int VERSION = 1;
  static final String KDF = "scrypt";
  static final String CIPHER = "aes-256-gcm";
  static final int SALT_SIZE = 32;
  static final int MIN_SALT_SIZE = 16;
  static final int MAX_SALT_SIZE = 64;
  static final int NONCE_SIZE = 12;
  static final int TAG_SIZE = 16;
  static final int MAX_CIPHERTEXT_SIZE = 8192;

  private static final JsonMapper JSON = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .build();

  /** The file's JSON, UTF-8 encoded. */
  byte[] toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("version", VERSION);
    root.put("address", address.toHex());
    ObjectNode kdf = root.putObject("kdf");
    kdf.put("function", KDF);
    kdf.put("n", scrypt.n());
    kdf.put("r", scrypt.r());
    kdf.put("p", scrypt.p());
    kdf.put("salt", salt.toBase64());
    ObjectNode cipher = root.putObject("cipher");
    cipher.put("function", CIPHER);
    cipher.put("nonce", nonce.toBase64());
    cipher.put("ciphertext", ciphertext.toBase64());
    try {
      return JSON.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize a keystore tree", e);
    }
  }

  /**
   * Parses and checks a keystore file's content.
   *
   * @throws KeystoreException naming {@code file} and what is wrong
   */
  static KeystoreFile parse(Path file, byte[] json) {
    JsonNode tree;
    try {
      tree = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw damaged(file, "not valid JSON (" + e.getOriginalMessage() + " at line "
          + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
    } catch (IOException e) {
      throw damaged(file, "not valid JSON (" + e.getMessage() + ")");
    }
    if (tree == null || !tree.isObject()) {
      throw damaged(file, "not a JSON object");
    }
    Section root = new Section(file, tree, "");
    JsonNode version = root.required("version");
    if (!version.isIntegralNumber() || !version.canConvertToInt() || version.intValue() != VERSION) {
      throw new KeystoreException(file, "keystore file " + file + " has unsupported keystore version "
          + Section.abbreviate(version) + "; this version of ccoin reads version " + VERSION);
    }
    root.onlyFields(Set.of("version", "address", "kdf", "cipher"));
    Address address;
    try {
      address = Address.fromHex(root.text("address"));
    } catch (IllegalArgumentException e) {
      throw damaged(file, "field 'address' is not an address: " + e.getMessage());
    }
    Section kdf = root.object("kdf");
    kdf.onlyFields(Set.of("function", "n", "r", "p", "salt"));
    if (!KDF.equals(kdf.text("function"))) {
      throw damaged(file, "unsupported key derivation function in field 'kdf.function' (only " + KDF + ")");
    }
    ScryptParams scrypt;
    try {
      scrypt = new ScryptParams(kdf.integer("n"), kdf.integer("r"), kdf.integer("p"));
    } catch (IllegalArgumentException e) {
      throw damaged(file, "bad scrypt parameters: " + e.getMessage());
    }
    Bytes salt = kdf.base64("salt", MIN_SALT_SIZE, MAX_SALT_SIZE);
    Section cipher = root.object("cipher");
    cipher.onlyFields(Set.of("function", "nonce", "ciphertext"));
    if (!CIPHER.equals(cipher.text("function"))) {
      throw damaged(file, "unsupported cipher in field 'cipher.function' (only " + CIPHER + ")");
    }
    Bytes nonce = cipher.base64("nonce", NONCE_SIZE, NONCE_SIZE);
    Bytes ciphertext = cipher.base64("ciphertext", TAG_SIZE + 1, MAX_CIPHERTEXT_SIZE);
    return new KeystoreFile(address, scrypt, salt, nonce, ciphertext);
  }

  static KeystoreException damaged(Path file, String what) {
    return new KeystoreException(file, "damaged keystore file " + file + ": " + what);
  }

  /** One JSON object of the file, with readers that name the field and the file in errors. */
  private record Section(Path file, JsonNode node, String prefix) {
    void onlyFields(Set<String> allowed) {
      for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!allowed.contains(name)) {
          throw damaged(file, "unknown field '" + prefix + name + "'");
        }
      }
    }

    JsonNode required(String name) {
      JsonNode value = node.get(name);
      if (value == null) {
        throw damaged(file, "missing field '" + prefix + name + "'");
      }
      return value;
    }

    String text(String name) {
      JsonNode value = required(name);
      if (!value.isTextual()) {
        throw damaged(file, "field '" + prefix + name + "' must be a string");
      }
      return value.textValue();
    }

    Section object(String name) {
      JsonNode value = required(name);
      if (!value.isObject()) {
        throw damaged(file, "field '" + prefix + name + "' must be an object");
      }
      return new Section(file, value, prefix + name + ".");
    }

    int integer(String name) {
      JsonNode value = required(name);
      if (!value.isIntegralNumber() || !value.canConvertToInt()) {
        throw damaged(file, "field '" + prefix + name + "' must be an integer below 2^31, got " + abbreviate(value));
      }
      return value.intValue();
    }

    Bytes base64(String name, int minSize, int maxSize) {
      String text = text(name);
      Bytes bytes;
      try {
        bytes = Bytes.fromBase64(text);
      } catch (IllegalArgumentException e) {
        throw damaged(file, "field '" + prefix + name + "' is not valid base64");
      }
      if (bytes.size() < minSize || bytes.size() > maxSize) {
        throw damaged(file, "field '" + prefix + name + "' holds " + bytes.size() + " bytes, expected "
            + (minSize == maxSize ? String.valueOf(minSize) : minSize + " to " + maxSize));
      }
      return bytes;
    }

    static String abbreviate(JsonNode value) {
      String s = value.toString();
      return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
  }
}
