package io.ccoin.core.internal.consensus;

import io.ccoin.api.Address;
import io.ccoin.api.BlockCandidate;
import io.ccoin.api.ChainContext;
import io.ccoin.api.ConsensusRule;
import io.ccoin.api.ValidationResult;
import io.ccoin.core.Hashes;
import io.ccoin.core.crypto.PublicKeys;
import io.ccoin.core.crypto.Signatures;

/**
 * SPEC 7 item 2 without the parent: on a version 1 network the miner is one of the genesis
 * authorities; the miner's key is a canonical RSA-2048 key whose address is the miner, and the seal
 * signature over {@code "ccoin/block/v1" || powHash} verifies. Needs no parent. On a version 2
 * network the set in force depends on the parent: {@link MembershipRule} checks it.
 */
public final class AuthorityRule implements ConsensusRule {
  @Override
  public String name() {
    return "authority";
  }

  @Override
  public ValidationResult validate(BlockCandidate c, ChainContext ctx) {
    Address miner = c.header().miner();
    if (!ctx.params().votingEnabled() && ctx.params().minerIndex(miner) < 0) {
      return reject("miner " + miner + " is not an authority of this network");
    }
    var key = c.block().sealedHeader().minerKey();
    if (!PublicKeys.isValid(key)) {
      return reject("miner key is not a canonical RSA-2048 public key");
    }
    if (!PublicKeys.address(key).equals(miner)) {
      return reject("miner key belongs to " + PublicKeys.address(key) + ", not to the miner " + miner);
    }
    if (!Signatures.verify(key, Hashes.blockSigningMessage(c.powHash()), c.block().sealedHeader().signature())) {
      return reject("the miner's seal signature does not verify");
    }
    return ValidationResult.valid();
  }

  @Override
  public String toString() {
    return name();
  }
}
