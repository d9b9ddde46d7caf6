package io.ccoin.store.mapdb;

import io.ccoin.api.Block;
import io.ccoin.api.ImportResult;
import io.ccoin.core.internal.chain.Chain;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * The child of the crash test: opens a {@link MapDbChainStore} and a {@link Chain} on it and imports
 * a {@link Scenario}'s blocks from the first, printing {@code c <position>} (see {@link Scenario})
 * each time a commit has returned, that is, each time a state is durable. Blocks already stored are
 * known and skipped. Prints {@code done} at the end; exits 3 on any other outcome.
 *
 * <p>Usage: {@code CrashImporter <scenario file> <store directory>}
 */
public final class CrashImporter {
  private CrashImporter() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = System.out;
    Scenario.Input input = Scenario.read(Path.of(args[0]));
    try (MapDbChainStore store = MapDbChainStore.open(Path.of(args[1]),
        MapDbChainStore.Options.defaults().expectingGenesis(input.genesis().hash()))) {
      Chain chain = Scenario.chain(store, input.genesis());
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
        out.println("c " + (i + 2));
        out.flush();
      }
      out.println("done");
      out.flush();
    }
  }
}
