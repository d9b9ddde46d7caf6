/**
 * One class per SPEC 7 validity rule, the {@link io.ccoin.core.internal.consensus.RuleSet} that runs
 * them cheapest first, and {@link io.ccoin.core.internal.consensus.Ranks} (leader election, weights,
 * earliest timestamps).
 *
 * <p><b>Internal, not API.</b> Nothing here is covered by compatibility: it may change in any release.
 * Applications use {@link io.ccoin.core.CcoinNode} and the public packages of ccoin-core.
 */
package io.ccoin.core.internal.consensus;
