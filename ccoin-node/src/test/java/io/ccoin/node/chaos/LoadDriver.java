package io.ccoin.node.chaos;

import io.ccoin.api.Address;
import io.ccoin.api.Hash;
import io.ccoin.api.Transaction;
import io.ccoin.core.Hashes;
import io.ccoin.core.TransactionBuilder;
import io.ccoin.core.codec.Codec;
import io.ccoin.core.crypto.AccountKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A steady trickle of transfers, as wallets would send them: each sender has a home node it submits
 * to, keeps its own next nonce, and moves it on only when the node accepted the transaction. Every
 * {@code 202}/{@code 200} is recorded; refusals and unreachable nodes are counted by reason.
 */
final class LoadDriver implements AutoCloseable {
  /** One transaction a node accepted. */
  record Accepted(Hash hash, Address sender, long nonce, int node, long atMillis) {}

  private final LabNetwork net;
  private final LabClient client;
  private final TransactionBuilder builder;
  private final int ratePerSecond;
  private final long[] nextNonce;
  private final List<Accepted> accepted = new CopyOnWriteArrayList<>();
  private final Map<String, Integer> refused = new ConcurrentHashMap<>();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread thread;

  LoadDriver(LabNetwork net, LabClient client, long chainId, Hash genesisHash, int ratePerSecond) {
    this.net = net;
    this.client = client;
    this.builder = TransactionBuilder.forNetwork(chainId, genesisHash);
    this.ratePerSecond = ratePerSecond;
    this.nextNonce = new long[net.senders().size()];
    this.thread = new Thread(this::run, "chaos-load");
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  private void run() {
    long periodNanos = 1_000_000_000L / ratePerSecond;
    long next = System.nanoTime();
    int turn = 0;
    while (running.get()) {
      int sender = turn % nextNonce.length;
      turn++;
      submitOne(sender);
      next += periodNanos;
      long wait = next - System.nanoTime();
      if (wait > 0) {
        // the schedule of the offered load (one submission every periodNanos), not a wait for a condition
        try {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        } catch (InterruptedException e) {
          return;
        }
      } else if (wait < -1_000_000_000L) {
        next = System.nanoTime(); // fell behind (a node was slow to answer): do not burst to catch up
      }
    }
  }

  private void submitOne(int sender) {
    AccountKey key = net.senders().get(sender);
    Address to = net.senders().get((sender + 1) % net.senders().size()).address();
    Transaction tx = builder.nonce(nextNonce[sender]).to(to).value(1 + sender % 7).fee(1).sign(key);
    int node = sender % net.size();
    if (!net.alive(node)) {
      refused.merge("node down", 1, Integer::sum);
      return;
    }
    Optional<LabClient.Answer> answer = client.submit(net.api(node), Codec.encode(tx));
    if (answer.isEmpty()) {
      refused.merge("unreachable", 1, Integer::sum);
      return;
    }
    int status = answer.get().status();
    if (status == 202 || status == 200) {
      accepted.add(new Accepted(Hashes.txHash(tx), key.address(), nextNonce[sender], node, System.currentTimeMillis()));
      nextNonce[sender]++;
    } else {
      String code = answer.get().json().path("error").path("code").asText("http " + status);
      refused.merge(code, 1, Integer::sum);
    }
  }

  List<Accepted> accepted() {
    return List.copyOf(accepted);
  }

  /** Submissions that were not accepted, by reason ({@code unreachable}, {@code node down}, error codes). */
  Map<String, Integer> refused() {
    return new TreeMap<>(refused);
  }

  List<Address> senders() {
    List<Address> out = new ArrayList<>();
    net.senders().forEach(k -> out.add(k.address()));
    return out;
  }

  /** Stops submitting and waits for the current submission to finish. */
  @Override
  public void close() {
    running.set(false);
    thread.interrupt();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
