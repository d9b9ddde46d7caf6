package io.ccoin.node;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.ccoin.api.Hash;
import io.ccoin.api.StoredBlock;
import io.ccoin.core.MutableClock;
import io.ccoin.core.internal.chain.ChainFixture;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class BlockImportLogTest {
  final Logger logger = (Logger) LoggerFactory.getLogger(BlockImportLog.class);
  final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  final MutableClock clock = new MutableClock(5_000_000);
  final Map<Hash, StoredBlock> blocks = new HashMap<>();

  @BeforeEach
  void attach() {
    appender.start();
    logger.addAppender(appender);
  }

  @AfterEach
  void detach() {
    logger.detachAppender(appender);
  }

  List<String> lines() {
    return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  List<Hash> chain(int n) {
    ChainFixture f = new ChainFixture();
    List<StoredBlock> built = f.inTurnChain(f.genesisBlock(), n);
    built.forEach(b -> blocks.put(b.hash(), b));
    return built.stream().map(StoredBlock::hash).toList();
  }

  @Test
  void oneLinePerBlockThenASummaryWhenBlocksArriveFast() {
    List<Hash> hashes = chain(10);
    BlockImportLog log = new BlockImportLog(h -> Optional.ofNullable(blocks.get(h)), clock);
    for (Hash h : hashes) {
      log.imported(h);
    }
    assertThat(lines()).hasSize(BlockImportLog.LINES_PER_SECOND);
    StoredBlock first = blocks.get(hashes.get(0));
    assertThat(lines().get(0)).isEqualTo("imported block #" + first.block().number() + " " + hashes.get(0).toHex().substring(0, 12)
        + "… with " + first.block().transactions().size() + (first.block().transactions().size() == 1 ? " transaction" : " transactions"));
    log.flush();
    assertThat(lines()).hasSize(4);
    assertThat(lines().get(3)).isEqualTo("imported 7 more blocks, up to #" + blocks.get(hashes.get(9)).block().number());
    log.flush();
    assertThat(lines()).hasSize(4);
    assertThat(appender.list).allMatch(e -> e.getLevel() == ch.qos.logback.classic.Level.INFO);
  }

  @Test
  void aNewSecondLogsOneByOneAgainAfterTheSummary() {
    List<Hash> hashes = chain(6);
    BlockImportLog log = new BlockImportLog(h -> Optional.ofNullable(blocks.get(h)), clock);
    for (Hash h : hashes.subList(0, 5)) {
      log.imported(h);
    }
    clock.advance(1_000);
    log.imported(hashes.get(5));
    assertThat(lines()).hasSize(5);
    assertThat(lines().get(3)).startsWith("imported 2 more blocks");
    assertThat(lines().get(4)).startsWith("imported block #" + blocks.get(hashes.get(5)).block().number() + " ");
  }
}
