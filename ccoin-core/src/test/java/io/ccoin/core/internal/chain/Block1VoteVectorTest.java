package io.ccoin.core.internal.chain;

import io.ccoin.core.ChainConfig;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ccoin.api.Address;
import io.ccoin.api.Block;
import io.ccoin.api.BlockHeader;
import io.ccoin.api.Bytes;
import io.ccoin.api.ImportResult;
import io.ccoin.api.PendingVote;
import io.ccoin.api.Vote;
import io.ccoin.core.Hashes;
import io.ccoin.core.MutableClock;
import io.ccoin.core.TestKeys;
import io.ccoin.core.Vectors;
import io.ccoin.core.codec.Codec;
import io.ccoin.core.internal.consensus.RuleSet;
import io.ccoin.core.genesis.GenesisBlock;
import io.ccoin.core.genesis.GenesisParser;
import io.ccoin.core.store.MemoryChainStore;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** block1-vote.json: a version 2 block carrying a vote, byte for byte, and its import on genesis3. */
class Block1VoteVectorTest {
  static final JsonNode V = Vectors.json("block1-vote.json");
  static final Block BLOCK = Codec.decodeBlock(Vectors.hex(V.get("block")));
  static final HexFormat HEX = HexFormat.of();

  static Chain newChain() {
    GenesisBlock g = GenesisBlock.build(GenesisParser.parse(Vectors.text("genesis3-input.json")));
    return new Chain(new MemoryChainStore(), g, RuleSet.standard(), ChainConfig.DEFAULT, new MutableClock(BLOCK.header().timestamp()));
  }

  @Test
  void encodingsHashesAndSignatureMatchByteForByte() {
    BlockHeader h = BLOCK.header();
    assertThat(h.version()).isEqualTo(2);
    Vote expected = new Vote(Address.fromHex(V.get("vote").get("candidate").asText()), V.get("vote").get("authorize").asBoolean());
    assertThat(h.vote()).contains(expected);
    assertThat(h.miner()).isEqualTo(TestKeys.vector(0).address());
    assertThat(HEX.formatHex(Codec.encode(h))).isEqualTo(V.get("header").asText());
    assertThat(Codec.decodeHeader(HEX.parseHex(V.get("header").asText()))).isEqualTo(h);
    assertThat(h.powNonce()).isEqualTo(V.get("powNonce").asLong());
    assertThat(Hashes.powHash(h).toHex()).isEqualTo(V.get("powHash").asText());
    assertThat(HEX.formatHex(Hashes.blockSigningMessage(Hashes.powHash(h)))).isEqualTo(V.get("signingMessage").asText());
    Bytes signature = Bytes.of(Base64.getDecoder().decode(V.get("signature").asText()));
    assertThat(BLOCK.sealedHeader().signature()).isEqualTo(signature);
    assertThat(TestKeys.vector(0).sign(Hashes.blockSigningMessage(Hashes.powHash(h)))).isEqualTo(signature);
    assertThat(HEX.formatHex(Codec.encode(BLOCK.sealedHeader()))).isEqualTo(V.get("sealedHeader").asText());
    assertThat(Hashes.blockHash(BLOCK.sealedHeader()).toHex()).isEqualTo(V.get("hash").asText());
    assertThat(h.stateRoot().toHex()).isEqualTo(V.get("stateRoot").asText());
    assertThat(HEX.formatHex(Codec.encode(BLOCK))).isEqualTo(V.get("block").asText());
  }

  @Test
  void importsAndTalliesOneVoteWithoutPassingIt() {
    Chain chain = newChain();
    List<Address> genesisSet = chain.params().miners();
    ImportResult r = chain.importBlock(BLOCK);
    assertThat(r.status()).as(r.toString()).isEqualTo(ImportResult.Status.IMPORTED);
    assertThat(chain.head().hash().toHex()).isEqualTo(V.get("hash").asText());
    assertThat(chain.head().totalWeight()).isEqualTo(2);
    assertThat(chain.head().voting().authorities()).isEqualTo(genesisSet);
    assertThat(chain.head().voting().tally()).containsExactly(
        new PendingVote(TestKeys.vector(0).address(), Address.fromHex(V.get("vote").get("candidate").asText()), true));
  }

  @Test
  void theSameHeaderWithoutItsVoteIsAnotherBlock() {
    BlockHeader h = BLOCK.header();
    BlockHeader noVote = new BlockHeader(h.version(), h.chainId(), h.number(), h.parentHash(), h.timestamp(), h.miner(), h.txRoot(),
        h.stateRoot(), h.difficulty(), h.data(), Optional.empty(), h.powNonce());
    assertThat(Hashes.powHash(noVote)).isNotEqualTo(Hashes.powHash(h));
    assertThat(Codec.decodeHeader(Codec.encode(noVote))).isEqualTo(noVote);
    assertThat(Codec.encode(noVote)).hasSize(Codec.encode(h).length - 23); // [] instead of [bin20, bool]
  }
}
