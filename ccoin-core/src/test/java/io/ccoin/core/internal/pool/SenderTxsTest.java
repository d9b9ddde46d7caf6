package io.ccoin.core.internal.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccoin.api.Address;
import io.ccoin.api.Bytes;
import io.ccoin.api.Hash;
import io.ccoin.api.Transaction;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A sender's summed costs and next nonce (with their quick answers for one run without gaps) agree
 * with a plain walk over its transactions, whatever was put, replaced and removed.
 */
class SenderTxsTest {
  private static PooledTx pooled(long nonce, long cost, long seq) {
    Transaction tx = new Transaction(7, nonce, Address.ZERO, 1, 1, Bytes.EMPTY, Bytes.EMPTY, Bytes.EMPTY);
    return new PooledTx(tx, Hash.ZERO, Address.ZERO, 100, cost, seq);
  }

  @Test
  void sumsAndNextNonceMatchAWalk() {
    Random random = new Random(11);
    for (int round = 0; round < 200; round++) {
      SenderTxs txs = new SenderTxs(0);
      TreeMap<Long, PooledTx> reference = new TreeMap<>();
      for (int op = 0; op < 40; op++) {
        long nonce = random.nextInt(12);
        if (random.nextInt(4) == 0 && reference.containsKey(nonce)) {
          txs.remove(reference.remove(nonce));
        } else {
          long cost = random.nextInt(10) == 0 ? Long.MAX_VALUE - random.nextInt(3) : 1 + random.nextInt(1000);
          PooledTx t = pooled(nonce, cost, op);
          txs.put(t);
          reference.put(nonce, t);
        }
        for (long from = 0; from < 4; from++) {
          for (long to = from; to < 14; to += 3) {
            assertThat(txs.costBetween(from, to)).as("cost %d..%d of %s", from, to, reference.keySet())
                .isEqualTo(walk(reference, from, to));
          }
          assertThat(txs.nextNonce(from)).as("next from %d of %s", from, reference.keySet()).isEqualTo(next(reference, from));
        }
      }
    }
  }

  private static long walk(TreeMap<Long, PooledTx> txs, long from, long to) {
    long sum = 0;
    for (Map.Entry<Long, PooledTx> e : txs.entrySet()) {
      if (e.getKey() >= from && e.getKey() < to) {
        sum = SenderTxs.saturatedAdd(sum, e.getValue().cost());
      }
    }
    return sum;
  }

  private static long next(TreeMap<Long, PooledTx> txs, long start) {
    long n = start;
    while (txs.containsKey(n)) {
      n++;
    }
    return n;
  }
}
