/**
 * The durable {@link io.ccoin.api.ChainStore}: {@link io.ccoin.store.mapdb.MapDbChainStore} keeps a
 * chain's blocks, indexes, account state and undo data in one MapDB file and commits each block
 * atomically, so that a node survives kill -9, power loss and a full disk. See docs/STORAGE.md.
 */
package io.ccoin.store.mapdb;
