/**
 * Block sync (SPEC 9): block locators, answering {@code GBL}, and the per-node state machine
 * {@code BOOT -> SYNCING(peer) -> SYNCED} that downloads heavier chains in {@code BLS} batches.
 * Implementation detail of {@link io.ccoin.net.NetworkService}, not API; confined to the service's
 * network thread and not thread-safe.
 *
 * <p><b>Internal, not API.</b> It may change in any release.
 */
package io.ccoin.net.internal.sync;
