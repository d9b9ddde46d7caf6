package io.ccoin.store.mapdb;

import io.ccoin.api.ChainStore;
import io.ccoin.core.store.ChainStoreContractTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;

/** The ChainStore contract (SPEC 13), reopen tests included, on the MapDB store. */
class MapDbChainStoreTest extends ChainStoreContractTest {
  private Path dir;

  @Override
  protected ChainStore newStore() {
    try {
      dir = Files.createTempDirectory("ccoin-mapdb-contract");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return open();
  }

  private ChainStore open() {
    // The contract's blocks carry made-up state roots.
    return MapDbChainStore.open(dir, MapDbChainStore.Options.defaults().withoutStateRootCheck());
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
