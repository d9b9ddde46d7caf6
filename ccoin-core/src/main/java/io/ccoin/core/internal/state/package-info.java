/**
 * State transition (SPEC 3 and 4): stateless transaction checks, the copy-on-write working state
 * with undo capture, and the block executor.
 *
 * <p><b>Internal, not API.</b> Nothing here is covered by compatibility: it may change in any release.
 * Applications use {@link io.ccoin.core.CcoinNode} and the public packages of ccoin-core.
 */
package io.ccoin.core.internal.state;
