/**
 * Implementation detail of {@code ccoin-store-mapdb}: the crash-safe volume under MapDB, its redo
 * journal and the record encodings. <b>Not API</b>: anything here may change or go away without
 * notice; use {@link io.ccoin.store.mapdb.MapDbChainStore}.
 */
package io.ccoin.store.mapdb.internal;
