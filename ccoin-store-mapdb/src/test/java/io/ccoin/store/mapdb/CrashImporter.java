package io.ccoin.store.mapdb;

import io.ccoin.api.Block;
import io.ccoin.api.ChainStore;
import io.ccoin.api.ImportResult;
import io.ccoin.core.internal.chain.Chain;
import io.ccoin.core.store.WriteBehindChainStore;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * The child of the crash test: opens a {@link MapDbChainStore} and a {@link Chain} on it and imports
 * a {@link Scenario}'s blocks from the first, printing {@code c <position>} (see {@link Scenario})
 * each time a commit has returned, that is, each time a state is durable. Blocks already stored are
 * known and skipped. Prints {@code done} at the end; exits 3 on any other outcome.
 *
 * <p>With {@code write-behind}, the store is wrapped in a {@link WriteBehindChainStore} of
 * {@value #QUEUED} batches as the node runs it, and a position is printed only after a
 * {@link WriteBehindChainStore#flush}, made after every {@value #FLUSH_EVERY}th block: the blocks
 * imported since may or may not be written when the child is killed.
 *
 * <p>Usage: {@code CrashImporter <scenario file> <store directory> [write-behind]}
 */
public final class CrashImporter {
  static final int QUEUED = 4;
  static final int FLUSH_EVERY = 3;

  private CrashImporter() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = System.out;
    Scenario.Input input = Scenario.read(Path.of(args[0]));
    boolean writeBehind = args.length > 2 && args[2].equals("write-behind");
    MapDbChainStore mapDb = MapDbChainStore.open(Path.of(args[1]),
        MapDbChainStore.Options.defaults().expectingGenesis(input.genesis().hash()));
    try (ChainStore store = writeBehind ? new WriteBehindChainStore(mapDb, QUEUED) : mapDb) {
      Chain chain = Scenario.chain(store, input.genesis());
      store.flush();
      out.println("c 1");
      out.flush();
      List<Block> blocks = input.blocks();
      for (int i = 0; i < blocks.size(); i++) {
        ImportResult r = chain.importBlock(blocks.get(i));
        if (r.status() != ImportResult.Status.IMPORTED && r.status() != ImportResult.Status.ALREADY_KNOWN) {
          out.println("bad block " + i + ": " + r);
          out.flush();
          System.exit(3);
        }
        if (!writeBehind || i % FLUSH_EVERY == FLUSH_EVERY - 1 || i == blocks.size() - 1) {
          store.flush();
          out.println("c " + (i + 2));
          out.flush();
        }
      }
      out.println("done");
      out.flush();
    }
  }
}
