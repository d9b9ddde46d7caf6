package io.ccoin.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ccoin.net.IpRange;
import io.ccoin.net.ManualBan;
import io.ccoin.net.NetworkService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The operator's peer bans kept in {@code <base_path>/peer-bans.json}, so that they survive a
 * restart: {@code {"bans": [{"address": "10.0.0.0/8", "until": <ms since the epoch>}]}}. Rewritten
 * whole (a temporary file renamed over it) after every ban and unban; bans that ended are dropped
 * when it is read. Not thread-safe: its user serialises the writes.
 */
final class PeerBanFile {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;

  PeerBanFile(Path file) {
    this.file = Objects.requireNonNull(file, "file");
  }

  Path path() {
    return file;
  }

  /**
   * The bans still in force at {@code now}; none when the file does not exist.
   *
   * @throws IllegalArgumentException naming the file and what is wrong with it
   */
  List<ManualBan> read(Instant now) {
    if (!Files.exists(file)) {
      return List.of();
    }
    JsonNode root;
    try {
      root = JSON.readTree(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new IllegalArgumentException(file + " is not valid JSON (" + e.getMessage().lines().findFirst().orElse("")
          + "); fix or delete it (it holds the operator's peer bans)", e);
    }
    JsonNode list = root == null ? null : root.get("bans");
    if (list == null || !list.isArray() || root.size() != 1) {
      throw new IllegalArgumentException(file + " must be {\"bans\": [{\"address\", \"until\"}, ...]}; fix or delete it");
    }
    List<ManualBan> out = new ArrayList<>();
    for (JsonNode b : list) {
      JsonNode address = b.get("address");
      JsonNode until = b.get("until");
      if (b.size() != 2 || address == null || !address.isTextual() || until == null || !until.isIntegralNumber() || !until.canConvertToLong()) {
        throw new IllegalArgumentException(file + ": each ban must be {\"address\": \"IP or CIDR\", \"until\": ms}, got " + b);
      }
      IpRange range;
      try {
        range = IpRange.parse(address.textValue());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
      }
      Instant end = Instant.ofEpochMilli(until.longValue());
      if (end.isAfter(now)) {
        out.add(new ManualBan(range, end));
      }
    }
    return out;
  }

  /**
   * Replaces the file's contents with {@code bans}.
   *
   * @throws IOException if it cannot be written (the old file is then left as it was)
   */
  void write(List<ManualBan> bans) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode list = root.putArray("bans");
    for (ManualBan b : bans) {
      list.addObject().put("address", b.range().toString()).put("until", b.until().toEpochMilli());
    }
    Path dir = file.toAbsolutePath().getParent();
    Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
    try {
      Files.writeString(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Bans again in {@code network} every ban of the file still in force at {@code now}; returns how many. */
  int restore(NetworkService network, Instant now) {
    List<ManualBan> bans = read(now);
    for (ManualBan b : bans) {
      network.banUntil(b.range(), b.until());
    }
    return bans.size();
  }
}
