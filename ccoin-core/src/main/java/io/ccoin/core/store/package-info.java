/**
 * Chain stores: {@link io.ccoin.core.store.MemoryChainStore}, the in-memory
 * {@link io.ccoin.api.ChainStore}, {@link io.ccoin.core.store.ForwardingChainStore} to decorate one,
 * {@link io.ccoin.core.store.WriteBehindChainStore}, which writes behind its callers, and
 * {@link io.ccoin.core.store.WriteBatchChecks}, the checks
 * every store runs on a batch before applying it. Nothing here is null: absent values are
 * {@link java.util.Optional}.
 */
package io.ccoin.core.store;
