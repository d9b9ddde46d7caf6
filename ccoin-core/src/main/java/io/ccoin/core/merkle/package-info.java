/**
 * State proofs (SPEC 4): a {@link io.ccoin.core.merkle.StateProof} of one account against a state root,
 * which a light client checks with {@link io.ccoin.core.merkle.StateProofVerifier} without trusting
 * the node that served it.
 */
package io.ccoin.core.merkle;
