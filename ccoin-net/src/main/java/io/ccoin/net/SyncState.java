package io.ccoin.net;

/** The per-node sync state machine of SPEC 9. */
public enum SyncState {
  /** Started; no peer has been compared with this node yet. */
  BOOT,
  /** Downloading blocks from a peer whose advertised chain is heavier. */
  SYNCING,
  /** No known peer is heavier. */
  SYNCED
}
