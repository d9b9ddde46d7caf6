package io.ccoin.core.internal.consensus;

import io.ccoin.api.BlockCandidate;
import io.ccoin.api.BlockHeader;
import io.ccoin.api.ChainContext;
import io.ccoin.api.ConsensusParams;
import io.ccoin.api.ConsensusRule;
import io.ccoin.api.ValidationResult;

/**
 * SPEC 7 item 1 without the parent: the network's protocol version (1, or 2 with voting), the network's chain id, a number above 0 (block 0
 * is built, never received), size within {@code max_block_bytes}, at most {@code max_bound}
 * transactions, data within {@code max_block_data}. Needs no parent.
 */
public final class FormatRule implements ConsensusRule {
  @Override
  public String name() {
    return "format";
  }

  @Override
  public ValidationResult validate(BlockCandidate c, ChainContext ctx) {
    ConsensusParams p = ctx.params();
    BlockHeader h = c.header();
    if (h.version() != p.version()) {
      return reject("a version " + h.version() + " header on a version " + p.version() + " network is a bad encoding here");
    }
    if (h.chainId() != p.networkId()) {
      return reject("chain id " + h.chainId() + ", expected " + p.networkId());
    }
    if (h.number() == 0) {
      return reject("block 0 is built from the genesis file, never received");
    }
    if (c.size() > p.maxBlockBytes()) {
      return reject("block is " + c.size() + " bytes, limit " + p.maxBlockBytes());
    }
    if (c.block().transactions().size() > p.maxBound()) {
      return reject(c.block().transactions().size() + " transactions, limit max_bound " + p.maxBound());
    }
    if (h.data().size() > p.maxBlockData()) {
      return reject("data is " + h.data().size() + " bytes, limit max_block_data " + p.maxBlockData());
    }
    return ValidationResult.valid();
  }

  @Override
  public String toString() {
    return name();
  }
}
