package io.ccoin.core.merkle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ccoin.api.Hash;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Reads the JSON test vectors on the test classpath. */
final class Vectors {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Vectors() {}

  /** The {@code cases} array of a vector file on the classpath. */
  static List<JsonNode> cases(String resource) {
    try (InputStream in = Vectors.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + resource);
      }
      List<JsonNode> cases = new ArrayList<>();
      MAPPER.readTree(in).get("cases").forEach(cases::add);
      return cases;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Hash hash(JsonNode node) {
    return Hash.fromHex(node.asText());
  }

  static List<Hash> hashes(JsonNode array) {
    List<Hash> hashes = new ArrayList<>();
    array.forEach(n -> hashes.add(hash(n)));
    return hashes;
  }
}
