package io.ccoin.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.ccoin.api.Hash;
import java.time.Duration;
import java.util.Optional;

/** Polls a node until a transaction is confirmed, it disappears, or time runs out (for {@code tx send --wait}). */
final class Confirmation {
  private static final long POLL_MS = 250;
  private final NodeClient client;
  private final Duration timeout;

  Confirmation(NodeClient client, Duration timeout) {
    this.client = client;
    this.timeout = timeout;
  }

  /**
   * The transaction's JSON once confirmed.
   *
   * @throws ExitException with {@link TxCommand#NOT_CONFIRMED} at the timeout, or
   *     {@link TxCommand#UNKNOWN} when the node no longer knows the transaction
   */
  JsonNode await(Hash hash) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "pending";
    while (true) {
      Optional<JsonNode> tx = client.find("/api/v1/transactions/" + hash.toHex());
      if (tx.isEmpty()) {
        throw new ExitException(TxCommand.UNKNOWN, "transaction " + hash.toHex() + " was dropped: the node at " + client.baseUrl()
            + " no longer knows it (replaced, expired or evicted from the pool); check the nonce and send it again");
      }
      last = tx.get().path("status").asText(last);
      if ("confirmed".equals(last)) {
        return tx.get();
      }
      if ("dropped".equals(last)) {
        throw new ExitException(TxCommand.UNKNOWN, "transaction " + hash.toHex() + " was dropped by the node at " + client.baseUrl()
            + ": " + tx.get().path("reason").asText("no reason given") + "; check the nonce and send it again");
      }
      if (System.nanoTime() - deadline >= 0) {
        throw new ExitException(TxCommand.NOT_CONFIRMED, "transaction " + hash.toHex() + " is still " + last + " after "
            + timeout.toSeconds() + " s; 'ccoin tx status " + hash.toHex() + "' follows it");
      }
      try {
        Thread.sleep(POLL_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ExitException(TxCommand.NOT_CONFIRMED, "interrupted while waiting for transaction " + hash.toHex());
      }
    }
  }
}
