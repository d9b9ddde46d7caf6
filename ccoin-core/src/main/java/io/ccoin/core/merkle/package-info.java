/**
 * The two Merkle commitments of a block header (SPEC 4 and 5): {@link io.ccoin.core.internal.merkle.TxRoot},
 * the RFC 6962 tree hash over a block's transaction hashes, and {@link io.ccoin.core.internal.merkle.StateTree},
 * the compact sparse Merkle tree over all accounts, with {@link io.ccoin.core.merkle.StateProof}s
 * that a light client checks with {@link io.ccoin.core.merkle.StateProofVerifier}.
 */
package io.ccoin.core.merkle;
