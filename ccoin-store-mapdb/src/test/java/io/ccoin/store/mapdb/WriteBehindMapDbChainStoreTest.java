package io.ccoin.store.mapdb;

import io.ccoin.api.ChainStore;
import io.ccoin.core.store.ChainStoreContractTest;
import io.ccoin.core.store.WriteBehindChainStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;

/**
 * The ChainStore contract, reopen tests included, on the MapDB store written behind its callers as
 * the node runs it: closing writes every queued batch, so a reopened store has them all.
 */
class WriteBehindMapDbChainStoreTest extends ChainStoreContractTest {
  private Path dir;

  @Override
  protected ChainStore newStore() {
    try {
      dir = Files.createTempDirectory("ccoin-mapdb-write-behind");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return open();
  }

  private ChainStore open() {
    return new WriteBehindChainStore(MapDbChainStore.open(dir, MapDbChainStore.Options.defaults().withoutStateRootCheck()), 4);
  }

  @Override
  protected boolean supportsReopen() {
    return true;
  }

  @Override
  protected ChainStore reopen(ChainStore old) {
    old.close();
    return open();
  }

  @Override
  protected int concurrentCommits() {
    return 300;
  }

  @AfterEach
  void deleteDirectory() throws IOException {
    store.close();
    TestFiles.deleteRecursively(dir);
  }
}
