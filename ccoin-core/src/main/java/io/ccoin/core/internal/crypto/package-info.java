/**
 * Caches behind signature verification.
 *
 * <p><b>Internal, not API.</b> Nothing here is covered by compatibility: it may change in any release.
 * Applications use {@link io.ccoin.core.CcoinNode} and the public packages of ccoin-core.
 */
package io.ccoin.core.internal.crypto;
