package io.ccoin.store.mapdb.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The volume's own bookkeeping: the journal's ranges and the pages it uses again. */
class JournaledVolumeTest {
  @TempDir Path dir;

  @Test
  void theJournalJoinsRangesThatContinueEachOtherAndKeepsTheOthersApart() throws Exception {
    byte[] a = {1, 2, 3, 4};
    byte[] b = {5, 6, 7, 8};
    byte[] c = {9};
    try (Journal journal = new Journal(dir.resolve("j"))) {
      List<Journal.Extent> written = journal.write(100, List.of(
          new Journal.Extent(10, a, 1, 3), // 10..13
          new Journal.Extent(13, b, 0, 4), // 13..17, continues the first
          new Journal.Extent(40, c, 0, 1)));

      assertThat(written).extracting(Journal.Extent::offset, Journal.Extent::size)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(10L, 7), org.assertj.core.groups.Tuple.tuple(40L, 1));
      assertThat(bytes(written.get(0))).containsExactly(2, 3, 4, 5, 6, 7, 8);
      Journal.Contents read = journal.read().orElseThrow();
      assertThat(read.length()).isEqualTo(100);
      assertThat(read.extents()).extracting(Journal.Extent::offset).containsExactly(10L, 40L);
      assertThat(bytes(read.extents().get(0))).containsExactly(2, 3, 4, 5, 6, 7, 8);
      assertThat(bytes(read.extents().get(1))).containsExactly(9);
    }
  }

  @Test
  void pagesUsedAgainAfterACommitReadAsTheFileAndZerosPastItsEnd() throws Exception {
    Path file = dir.resolve("store");
    Random random = new Random(7);
    byte[] first = new byte[5 * JournaledVolume.PAGE + 100];
    random.nextBytes(first);
    byte[] second = new byte[3 * JournaledVolume.PAGE];
    random.nextBytes(second);
    JournaledVolume volume = new JournaledVolume(file, 20, IoFaults.NONE);
    try {
      volume.putData(0, first, 0, first.length);
      volume.sync(); // its six dirty pages are kept for reuse
      // Two bytes into the middle of written pages, then pages past the end of the file.
      volume.putByte(JournaledVolume.PAGE + 7, (byte) 42);
      volume.putByte(3L * JournaledVolume.PAGE, (byte) 43);
      long past = 8L * JournaledVolume.PAGE;
      volume.putData(past + 10, second, 0, 5);
      volume.ensureAvailable(past + 2 * JournaledVolume.PAGE);

      byte[] expected = first.clone();
      expected[JournaledVolume.PAGE + 7] = 42;
      expected[3 * JournaledVolume.PAGE] = 43;
      assertThat(read(volume, 0, first.length)).isEqualTo(expected);
      byte[] tail = read(volume, first.length, (int) (past + 2 * JournaledVolume.PAGE - first.length));
      byte[] expectedTail = new byte[tail.length];
      System.arraycopy(second, 0, expectedTail, (int) (past + 10 - first.length), 5);
      assertThat(tail).isEqualTo(expectedTail);

      volume.sync();
      volume.close();
      volume = new JournaledVolume(file, 20, IoFaults.NONE);
      assertThat(read(volume, 0, first.length)).isEqualTo(expected);
      assertThat(read(volume, first.length, tail.length)).isEqualTo(expectedTail);
      assertThat(Files.size(file)).isEqualTo(past + 2 * JournaledVolume.PAGE);
    } finally {
      volume.close();
    }
  }

  @Test
  void aDiscardedCommitLeavesTheFileAsItWasAndItsPagesAreUsedAgainCleanly() throws Exception {
    Path file = dir.resolve("store");
    byte[] kept = new byte[2 * JournaledVolume.PAGE];
    new Random(3).nextBytes(kept);
    JournaledVolume volume = new JournaledVolume(file, 20, IoFaults.NONE);
    try {
      volume.putData(0, kept, 0, kept.length);
      volume.sync();
      volume.putData(0, new byte[kept.length], 0, kept.length);
      volume.discard();
      assertThat(read(volume, 0, kept.length)).isEqualTo(kept);
      volume.putByte(5, (byte) 1);
      byte[] expected = kept.clone();
      expected[5] = 1;
      assertThat(read(volume, 0, kept.length)).isEqualTo(expected);
    } finally {
      volume.close();
    }
  }

  private static byte[] read(JournaledVolume volume, long offset, int n) {
    byte[] out = new byte[n];
    volume.getData(offset, out, 0, n);
    return out;
  }

  private static byte[] bytes(Journal.Extent e) {
    byte[] out = new byte[e.size()];
    System.arraycopy(e.data(), e.from(), out, 0, e.size());
    return out;
  }
}
