package io.ccoin.core.internal.chain;

import io.ccoin.core.ChainConfig;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ccoin.api.Account;
import io.ccoin.api.Address;
import io.ccoin.api.Block;
import io.ccoin.api.BlockHeader;
import io.ccoin.api.Bytes;
import io.ccoin.api.Hash;
import io.ccoin.api.ImportResult;
import io.ccoin.api.SealedHeader;
import io.ccoin.api.Transaction;
import io.ccoin.core.MutableClock;
import io.ccoin.core.TestKeys;
import io.ccoin.core.Vectors;
import io.ccoin.core.codec.Codec;
import io.ccoin.core.internal.consensus.RuleSet;
import io.ccoin.core.genesis.GenesisBlock;
import io.ccoin.core.genesis.GenesisParser;
import io.ccoin.core.store.MemoryChainStore;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** block1.json imports on the vector genesis with the vector's post-state; each single change is refused by the right rule. */
class Block1VectorTest {
  static final JsonNode V = Vectors.json("block1.json");
  static final Block BLOCK1 = Codec.decodeBlock(Vectors.hex(V.get("block")));

  static Chain newChain() {
    GenesisBlock g = GenesisBlock.build(GenesisParser.parse(Vectors.text("genesis-input.json")));
    MutableClock clock = new MutableClock(BLOCK1.header().timestamp());
    return new Chain(new MemoryChainStore(), g, RuleSet.standard(), ChainConfig.DEFAULT, clock);
  }

  @Test
  void importsWithTheVectorPostState() {
    Chain chain = newChain();
    ImportResult r = chain.importBlock(BLOCK1);
    assertThat(r.status()).isEqualTo(ImportResult.Status.IMPORTED);
    assertThat(r.blockHash().toHex()).isEqualTo(V.get("hash").asText());
    assertThat(chain.head().hash().toHex()).isEqualTo(V.get("hash").asText());
    assertThat(chain.head().totalWeight()).isEqualTo(2);
    for (JsonNode a : V.get("postState")) {
      Account expected = new Account(Long.parseLong(a.get("balance").asText()), a.get("nonce").asLong());
      Address address = Address.fromHex(a.get("address").asText());
      assertThat(chain.head().account(address)).as(address.toHex()).isEqualTo(expected);
      assertThat(chain.store().account(address)).contains(expected);
    }
    assertThat(chain.head().accountCount()).isEqualTo(V.get("postState").size());
    assertThat(chain.importBlock(BLOCK1).status()).isEqualTo(ImportResult.Status.ALREADY_KNOWN);
  }

  /** A header change, re-sealed by key0 so that only the changed field is wrong. */
  static Block resealed(UnaryOperator<BlockHeader> change, List<Transaction> txs) {
    return ChainFixture.seal(change.apply(BLOCK1.header()), txs, TestKeys.vector(0));
  }

  static Block resealed(UnaryOperator<BlockHeader> change) {
    return resealed(change, BLOCK1.transactions());
  }

  static BlockHeader with(BlockHeader h, long version, long chainId, long number, long timestamp, long difficulty) {
    return new BlockHeader(version, chainId, number, h.parentHash(), timestamp, h.miner(), h.txRoot(), h.stateRoot(), difficulty, h.data(), 0);
  }

  static Stream<Arguments> singleFieldChanges() {
    BlockHeader h = BLOCK1.header();
    SealedHeader s = BLOCK1.sealedHeader();
    List<Transaction> reordered = new ArrayList<>(BLOCK1.transactions());
    java.util.Collections.reverse(reordered);
    Transaction t0 = BLOCK1.transactions().get(0);
    Transaction bumped = new Transaction(t0.chainId(), t0.nonce(), t0.to(), t0.value() + 1, t0.fee(), t0.data(), t0.publicKey(), t0.signature());
    return Stream.of(
        Arguments.of("version", resealed(x -> with(x, 2, x.chainId(), x.number(), x.timestamp(), x.difficulty())), "format"),
        Arguments.of("chainId", resealed(x -> with(x, 1, 2, x.number(), x.timestamp(), x.difficulty())), "format"),
        Arguments.of("number", resealed(x -> with(x, 1, x.chainId(), 2, x.timestamp(), x.difficulty())), "parent"),
        Arguments.of("timestamp", resealed(x -> with(x, 1, x.chainId(), x.number(), x.timestamp() - 1_950, x.difficulty())), "timing"),
        Arguments.of("difficulty", resealed(x -> with(x, 1, x.chainId(), x.number(), x.timestamp(), x.difficulty() + 1)), "pow"),
        Arguments.of("miner", resealed(x -> new BlockHeader(1, x.chainId(), 1, x.parentHash(), x.timestamp(), TestKeys.vector(1).address(),
            x.txRoot(), x.stateRoot(), x.difficulty(), x.data(), 0)), "authority"),
        Arguments.of("txRoot", resealed(x -> new BlockHeader(1, x.chainId(), 1, x.parentHash(), x.timestamp(), x.miner(),
            Hash.ZERO, x.stateRoot(), x.difficulty(), x.data(), 0)), "txRoot"),
        Arguments.of("stateRoot", resealed(x -> new BlockHeader(1, x.chainId(), 1, x.parentHash(), x.timestamp(), x.miner(),
            x.txRoot(), Hash.ZERO, x.difficulty(), x.data(), 0)), "stateRoot"),
        Arguments.of("data over max_block_data", resealed(x -> new BlockHeader(1, x.chainId(), 1, x.parentHash(), x.timestamp(), x.miner(),
            x.txRoot(), x.stateRoot(), x.difficulty(), Bytes.of(new byte[1025]), 0)), "format"),
        Arguments.of("powNonce (seal no longer matches)", new Block(new SealedHeader(h.withPowNonce(h.powNonce() + 1), s.minerKey(), s.signature()),
            BLOCK1.transactions()), "authority"),
        Arguments.of("minerKey", new Block(new SealedHeader(h, TestKeys.vector(1).publicKey(), s.signature()), BLOCK1.transactions()), "authority"),
        Arguments.of("signature", new Block(new SealedHeader(h, s.minerKey(), TestKeys.vector(0).sign(new byte[] {1})), BLOCK1.transactions()), "authority"),
        Arguments.of("transactions reordered", new Block(s, reordered), "txRoot"),
        Arguments.of("transaction dropped", new Block(s, BLOCK1.transactions().subList(0, 1)), "txRoot"),
        Arguments.of("transaction value changed (signature breaks)", resealed(x -> x, List.of(bumped, BLOCK1.transactions().get(1))), "txRoot"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("singleFieldChanges")
  void eachSingleChangeIsRefusedByTheRightRule(String what, Block changed, String rule) {
    Chain chain = newChain();
    Hash before = chain.head().hash();
    ImportResult r = chain.importBlock(changed);
    assertThat(r.status()).as(what).isEqualTo(ImportResult.Status.INVALID);
    assertThat(r.validation().rule()).as(what + ": " + r.validation().reason()).isEqualTo(rule);
    assertThat(chain.head().hash()).isEqualTo(before);
    assertThat(chain.store().block(r.blockHash())).isEmpty();
    // the honest block still imports afterwards
    assertThat(chain.importBlock(BLOCK1).status()).isEqualTo(ImportResult.Status.IMPORTED);
  }

  @Test
  void aChangedTransactionWithItsRootRecomputedFailsItsSignature() {
    Transaction t0 = BLOCK1.transactions().get(0);
    Transaction bumped = new Transaction(t0.chainId(), t0.nonce(), t0.to(), t0.value() + 1, t0.fee(), t0.data(), t0.publicKey(), t0.signature());
    List<Transaction> txs = List.of(bumped, BLOCK1.transactions().get(1));
    List<Hash> hashes = txs.stream().map(io.ccoin.core.Hashes::txHash).toList();
    Block b = resealed(x -> new BlockHeader(1, x.chainId(), 1, x.parentHash(), x.timestamp(), x.miner(),
        io.ccoin.core.internal.merkle.TxRoot.of(hashes), x.stateRoot(), x.difficulty(), x.data(), 0), txs);
    Chain chain = newChain();
    ImportResult r = chain.importBlock(b);
    assertThat(r.validation().rule()).isEqualTo("tx-signature");
    assertThat(r.validation().reason()).contains("transaction 0");
  }
}
