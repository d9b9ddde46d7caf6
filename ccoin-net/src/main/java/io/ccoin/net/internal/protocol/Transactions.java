package io.ccoin.net.internal.protocol;

import static io.ccoin.net.internal.protocol.Limits.atMost;

import io.ccoin.api.Transaction;
import io.ccoin.core.codec.CanonicalReader;
import io.ccoin.core.codec.CanonicalWriter;
import io.ccoin.core.codec.Codec;
import java.util.ArrayList;
import java.util.List;

/** {@code TXS}: {@code [[Tx, ...]]}, at most 1024 new transactions, relayed once to every other peer. */
public record Transactions(List<Transaction> transactions) implements Message {
  public static final String HEADER = "TXS";

  public Transactions {
    transactions = atMost("TXS", transactions, Protocol.MAX_TXS);
  }

  @Override
  public String header() {
    return HEADER;
  }

  @Override
  public void writeBody(CanonicalWriter w) {
    w.arrayHeader(1).arrayHeader(transactions.size());
    for (Transaction tx : transactions) {
      Codec.writeTransaction(w, tx);
    }
  }

  static Transactions read(CanonicalReader r) {
    r.readArrayHeader("TXS", 1);
    int n = r.readArrayHeader("TXS.transactions", 0, Protocol.MAX_TXS);
    List<Transaction> txs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      txs.add(Codec.readTransaction(r));
    }
    return new Transactions(txs);
  }
}
