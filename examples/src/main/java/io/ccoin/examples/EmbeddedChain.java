package io.ccoin.examples;

import io.ccoin.api.Account;
import io.ccoin.api.Genesis;
import io.ccoin.api.Hash;
import io.ccoin.api.Transaction;
import io.ccoin.api.event.Subscription;
import io.ccoin.api.event.TxDroppedEvent;
import io.ccoin.core.Ccoin;
import io.ccoin.core.CcoinNode;
import io.ccoin.core.TransactionBuilder;
import io.ccoin.core.crypto.AccountKey;
import io.ccoin.core.genesis.GenesisParser;
import java.security.SecureRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A one-validator chain in memory: a transfer from alice to bob, mined, and bob's balance. */
public final class EmbeddedChain {
  private EmbeddedChain() {}

  public static void main(String[] args) throws InterruptedException {
    SecureRandom random = new SecureRandom();
    AccountKey validator = AccountKey.generate(random);
    AccountKey alice = AccountKey.generate(random);
    AccountKey bob = AccountKey.generate(random);
    Genesis genesis = GenesisParser.parse("""
        {"network_id": 7, "miners": ["%s"],
         "block_mining": {"interval": 0.5, "max_bound": 100, "min_bound": 1, "reward": 100,
                          "difficulty": 2, "allow_empty": true, "placeholder_data": ["rnd", 8]},
         "genesis_block": {"difficulty": 2},
         "alloc": {"%s": {"balance": 1000000}}}
        """.formatted(validator.address(), alice.address()));

    try (CcoinNode node = Ccoin.builder().genesis(genesis).validator(validator).build()) {
      Hash genesisHash = node.block(0).orElseThrow().hash();
      Transaction transfer = TransactionBuilder.forNetwork(genesis.params().networkId(), genesisHash)
          .nonce(node.pendingNonce(alice.address()))
          .to(bob.address())
          .value(2_500)
          .fee(10)
          .sign(alice);

      CountDownLatch mined = new CountDownLatch(1);
      Subscription included = node.onTxDropped(e -> {
        if (e.reason() == TxDroppedEvent.Reason.INCLUDED && e.transaction().equals(transfer)) {
          mined.countDown();
        }
      });
      node.start();
      System.out.println("submitted: " + node.submit(transfer).status());
      boolean done = mined.await(30, TimeUnit.SECONDS);
      included.close();
      if (!done) {
        throw new IllegalStateException("the transfer was not mined within 30 s");
      }
      Account account = node.account(bob.address());
      System.out.println("mined by block #" + node.head().number() + "; bob's balance: " + account.balance());
    }
  }
}
