package io.ccoin.store.mapdb.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.mapdb.DBException;
import org.mapdb.DataInput2;
import org.mapdb.volume.Volume;

/**
 * The volume under MapDB's {@code StoreWAL} for the store file: it makes each MapDB commit atomic
 * and durable across a crash at any moment, which MapDB 3.1 alone does not (its write-ahead log is
 * never replayed on open, see docs/STORAGE.md).
 *
 * <p>Writes do not reach the file: they collect in 4 KiB dirty pages in memory. {@link #sync()},
 * which {@code StoreWAL} calls exactly once at the end of each commit, then
 *
 * <ol>
 *   <li>grows the file to its new length, writing zeros, so that no later step needs new space;
 *   <li>writes every dirty byte range to the redo {@link Journal} and forces it: from here on the
 *       commit is durable;
 *   <li>writes the ranges in place and forces the file;
 *   <li>marks the journal record applied.
 * </ol>
 *
 * On open, a complete journal record is applied again (it is idempotent) before MapDB reads
 * anything, so a crash in step 3 is finished; an incomplete one is ignored, so a crash before step 2
 * completed leaves the file at the previous commit. {@link #discard()} drops the writes of a commit
 * that failed.
 *
 * <p>The file is locked with an OS file lock while open, so a second process (or a second open in
 * this one) fails instead of corrupting it.
 *
 * <p><b>Threads.</b> Thread-safe: reads share a read lock, writes and {@code sync} take the write
 * lock. Reads with no commit in progress go straight to read-only memory maps of the file, which
 * see the in-place writes of each commit through the page cache.
 */
public final class JournaledVolume extends Volume {
  static final int PAGE_SHIFT = 12;
  static final int PAGE = 1 << PAGE_SHIFT;
  /** Reads go through read-only memory maps of this size (the last one ends at the file's end). */
  private static final int MAP_SHIFT = 28;
  private static final long MAP_SIZE = 1L << MAP_SHIFT;
  private static final byte[] ZEROS = new byte[1 << 20];
  /** At most this many pages (16 MiB) are kept between commits for reuse. */
  static final int SPARE_PAGES = 4096;

  private final Path path;
  private final Journal journal;
  private final FileChannel channel;
  private final FileLock fileLock;
  private final int sliceShift;
  private final IoFaults faults;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  /** Pages written since the last sync, by page number. Guarded by {@link #lock}. */
  private final Map<Long, Page> dirty = new HashMap<>();
  /** Pages of earlier commits, to be used again. Guarded by {@link #lock}. */
  private final ArrayDeque<Page> spare = new ArrayDeque<>();
  /** The length of the file on disk as of the last durable commit. Guarded by {@link #lock}. */
  private long diskLength;
  /** The length MapDB sees, including this commit's growth. Guarded by {@link #lock}. */
  private long length;
  /** Read-only maps of the file up to {@link #diskLength}. Replaced under the write lock. */
  private MappedByteBuffer[] maps = new MappedByteBuffer[0];
  /** The journal bytes replayed when this volume was opened; 0 when there was nothing to finish. */
  private final long replayedBytes;
  /** True while the last sync got as far as making its journal record durable but failed after. */
  private volatile boolean journaledButNotApplied;

  private static final class Page {
    final byte[] data = new byte[PAGE];
    int from = PAGE;
    int to;

    Page reset() {
      from = PAGE;
      to = 0;
      return this;
    }
  }

  /**
   * Opens (creating if needed) the store file {@code path} and its journal {@code path.journal},
   * finishing a commit that a crash interrupted.
   *
   * @throws DBException.FileLocked if another process or another open store holds the file
   * @throws DBException.VolumeIOError on an I/O error
   */
  public JournaledVolume(Path path, int sliceShift, IoFaults faults) {
    this.path = path;
    this.sliceShift = sliceShift;
    this.faults = faults;
    FileChannel ch = null;
    Journal j = null;
    try {
      ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock l;
      try {
        l = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        l = null;
      }
      if (l == null) {
        throw new DBException.FileLocked(path, new IOException(path + " is locked by another open store"));
      }
      this.fileLock = l;
      this.channel = ch;
      Path journalPath = journalPath(path);
      boolean newJournal = !java.nio.file.Files.exists(journalPath);
      j = new Journal(journalPath);
      this.journal = j;
      if (newJournal) {
        forceDirectory(path.toAbsolutePath().getParent()); // the journal must outlive a power loss to be any use
      }
      this.replayedBytes = replay();
      this.diskLength = channel.size();
      this.length = diskLength;
      remap();
    } catch (IOException e) {
      closeQuietly(j, ch);
      throw new DBException.VolumeIOError("cannot open " + path + ": " + e, e);
    } catch (RuntimeException e) {
      closeQuietly(j, ch);
      throw e;
    }
  }

  private static void forceDirectory(Path dir) throws IOException {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    }
  }

  /** The journal that goes with the store file {@code path}. */
  public static Path journalPath(Path path) {
    return path.resolveSibling(path.getFileName() + ".journal");
  }

  /** How many journal bytes were applied on open to finish an interrupted commit (0: none). */
  public long replayedBytes() {
    return replayedBytes;
  }

  /**
   * True when the last {@link #sync()} failed after its journal record was durable: the commit will
   * take effect when the file is next opened, and this volume must not be used for more commits.
   */
  public boolean journaledButNotApplied() {
    return journaledButNotApplied;
  }

  private long replay() throws IOException {
    Optional<Journal.Contents> record = journal.read();
    if (record.isEmpty()) {
      return 0;
    }
    Journal.Contents c = record.get();
    long size = channel.size();
    if (c.length() > size) {
      writeZeros(size, c.length());
    }
    for (Journal.Extent e : c.extents()) {
      writeFully(ByteBuffer.wrap(e.data(), e.from(), e.size()), e.offset());
    }
    if (c.length() < channel.size()) {
      channel.truncate(c.length());
    }
    channel.force(false);
    journal.invalidate(true);
    return c.bytes();
  }

  // ---- writes: into dirty pages -------------------------------------------------------------

  private void write(long offset, byte[] src, int srcPos, int n) {
    if (offset < 0 || n < 0) {
      throw new DBException.VolumeIOError("bad write at " + offset + " of " + n + " bytes in " + path);
    }
    lock.writeLock().lock();
    try {
      int done = 0;
      while (done < n) {
        long pos = offset + done;
        long pageNo = pos >>> PAGE_SHIFT;
        int inPage = (int) (pos & (PAGE - 1));
        int k = Math.min(n - done, PAGE - inPage);
        Page p = page(pageNo);
        System.arraycopy(src, srcPos + done, p.data, inPage, k);
        p.from = Math.min(p.from, inPage);
        p.to = Math.max(p.to, inPage + k);
        done += k;
      }
      length = Math.max(length, offset + n);
    } finally {
      lock.writeLock().unlock();
    }
  }

  private Page page(long pageNo) {
    Page p = dirty.get(pageNo);
    if (p == null) {
      p = spare.isEmpty() ? new Page() : spare.pop().reset();
      // The file's bytes, zeros past its end (a recycled page holds an older page's bytes).
      readFile(pageNo << PAGE_SHIFT, p.data, 0, PAGE);
      dirty.put(pageNo, p);
    }
    return p;
  }

  @Override
  public void putLong(long offset, long value) {
    byte[] b = new byte[8];
    ByteBuffer.wrap(b).putLong(value);
    write(offset, b, 0, 8);
  }

  @Override
  public void putInt(long offset, int value) {
    byte[] b = new byte[4];
    ByteBuffer.wrap(b).putInt(value);
    write(offset, b, 0, 4);
  }

  @Override
  public void putByte(long offset, byte value) {
    write(offset, new byte[] {value}, 0, 1);
  }

  @Override
  public void putData(long offset, byte[] src, int srcPos, int srcSize) {
    write(offset, src, srcPos, srcSize);
  }

  @Override
  public void putData(long offset, ByteBuffer buf) {
    byte[] b = new byte[buf.remaining()];
    buf.get(b);
    write(offset, b, 0, b.length);
  }

  @Override
  public void clear(long startOffset, long endOffset) {
    long pos = startOffset;
    while (pos < endOffset) {
      int n = (int) Math.min(ZEROS.length, endOffset - pos);
      write(pos, ZEROS, 0, n);
      pos += n;
    }
  }

  @Override
  public void ensureAvailable(long offset) {
    lock.writeLock().lock();
    try {
      length = Math.max(length, offset);
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public void truncate(long size) {
    lock.writeLock().lock();
    try {
      length = size;
      long lastPage = size == 0 ? -1 : (size - 1) >>> PAGE_SHIFT;
      dirty.keySet().removeIf(pageNo -> pageNo > lastPage);
      Page last = dirty.get(lastPage);
      if (last != null) {
        int end = (int) (size - (lastPage << PAGE_SHIFT));
        last.to = Math.min(last.to, end);
        if (last.from >= last.to) {
          dirty.remove(lastPage);
        }
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  // ---- reads: dirty pages first, then the file ------------------------------------------------

  private void read(long offset, byte[] dst, int dstPos, int n) {
    lock.readLock().lock();
    try {
      if (offset < 0 || offset + n > length) {
        throw new DBException.VolumeEOF("read of " + n + " bytes at " + offset + " is past the end (" + length + ") of " + path);
      }
      if (dirty.isEmpty()) {
        readFile(offset, dst, dstPos, n);
        return;
      }
      int done = 0;
      while (done < n) {
        long pos = offset + done;
        long pageNo = pos >>> PAGE_SHIFT;
        int inPage = (int) (pos & (PAGE - 1));
        int k = Math.min(n - done, PAGE - inPage);
        Page p = dirty.get(pageNo);
        if (p != null) {
          System.arraycopy(p.data, inPage, dst, dstPos + done, k);
        } else {
          readFile(pos, dst, dstPos + done, k);
        }
        done += k;
      }
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Reads from the file through its memory maps (no system call per read, which MapDB's many small
   * reads would otherwise pay); bytes past its end on disk (grown, not yet written) read as zeros.
   */
  private void readFile(long offset, byte[] dst, int dstPos, int n) {
    int fromDisk = (int) Math.max(0, Math.min(n, diskLength - offset));
    int done = 0;
    while (done < fromDisk) {
      long pos = offset + done;
      MappedByteBuffer m = maps[(int) (pos >>> MAP_SHIFT)];
      int inMap = (int) (pos & (MAP_SIZE - 1));
      int k = Math.min(fromDisk - done, m.capacity() - inMap);
      m.get(inMap, dst, dstPos + done, k);
      done += k;
    }
    if (fromDisk < n) {
      Arrays.fill(dst, dstPos + fromDisk, dstPos + n, (byte) 0);
    }
  }

  /** Maps the file up to {@link #diskLength}; called when that changes, under the write lock. */
  private void remap() throws IOException {
    int n = (int) ((diskLength + MAP_SIZE - 1) >>> MAP_SHIFT);
    MappedByteBuffer[] m = Arrays.copyOf(maps, n);
    for (int i = 0; i < n; i++) {
      long start = (long) i << MAP_SHIFT;
      long size = Math.min(MAP_SIZE, diskLength - start);
      if (m[i] == null || m[i].capacity() != size) {
        m[i] = channel.map(FileChannel.MapMode.READ_ONLY, start, size);
      }
    }
    maps = m;
  }

  @Override
  public long getLong(long offset) {
    byte[] b = new byte[8];
    read(offset, b, 0, 8);
    return ByteBuffer.wrap(b).getLong();
  }

  @Override
  public int getInt(long offset) {
    byte[] b = new byte[4];
    read(offset, b, 0, 4);
    return ByteBuffer.wrap(b).getInt();
  }

  @Override
  public byte getByte(long offset) {
    byte[] b = new byte[1];
    read(offset, b, 0, 1);
    return b[0];
  }

  @Override
  public DataInput2 getDataInput(long offset, int size) {
    byte[] b = new byte[size];
    read(offset, b, 0, size);
    return new DataInput2.ByteArray(b);
  }

  @Override
  public void getData(long offset, byte[] bytes, int bytesPos, int size) {
    read(offset, bytes, bytesPos, size);
  }

  // ---- commit ---------------------------------------------------------------------------------

  /**
   * Makes everything written since the last sync durable, atomically (see the class comment).
   *
   * @throws DBException.VolumeIOError if a step fails; {@link #journaledButNotApplied} then says
   *     whether the commit is durable anyway
   */
  @Override
  public void sync() {
    lock.writeLock().lock();
    try {
      if (dirty.isEmpty() && length == diskLength) {
        return;
      }
      journaledButNotApplied = false;
      List<Journal.Extent> extents = extents();
      IoFaults.Step step = IoFaults.Step.EXTEND;
      try {
        faults.before(step, path);
        if (length > diskLength) {
          writeZeros(diskLength, length);
        }
        step = IoFaults.Step.JOURNAL_WRITE;
        faults.before(step, journal.path());
        extents = journal.write(length, extents);
        step = IoFaults.Step.JOURNAL_FORCE;
        faults.before(step, journal.path());
        journal.force();
      } catch (IOException | RuntimeException e) {
        // Not durable: make sure a record that was written whole cannot be replayed later.
        try {
          journal.invalidate(true);
        } catch (IOException | RuntimeException suppressed) {
          e.addSuppressed(suppressed);
        }
        throw failure(step, e);
      }
      step = IoFaults.Step.APPLY;
      try {
        faults.before(step, path);
        for (Journal.Extent e : extents) {
          writeFully(ByteBuffer.wrap(e.data(), e.from(), e.size()), e.offset());
        }
        if (length < channel.size()) {
          channel.truncate(length);
        }
        step = IoFaults.Step.APPLY_FORCE;
        faults.before(step, path);
        channel.force(false);
      } catch (IOException | RuntimeException e) {
        journaledButNotApplied = true;
        throw failure(step, e);
      }
      recycleDirtyPages();
      diskLength = length;
      try {
        journal.invalidate(false);
      } catch (IOException e) {
        // Harmless: the record is applied, and replaying it again changes nothing.
      }
      try {
        remap();
      } catch (IOException e) {
        journaledButNotApplied = true; // the commit is durable: reopening shows it
        throw new DBException.VolumeIOError("cannot map " + path + " after a commit (the commit is durable): " + e, e);
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  private DBException.VolumeIOError failure(IoFaults.Step step, Exception e) {
    String what = switch (step) {
      case EXTEND -> "growing " + path;
      case JOURNAL_WRITE -> "writing the journal " + journal.path();
      case JOURNAL_FORCE -> "forcing the journal " + journal.path() + " to disk";
      case APPLY -> "writing the journaled commit into " + path;
      case APPLY_FORCE -> "forcing " + path + " to disk";
    };
    return new DBException.VolumeIOError(what + " failed: " + describe(e), e);
  }

  private static String describe(Exception e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }

  /**
   * The dirty range of each page in file order, as views of the pages (not copies): the journal
   * joins those that continue each other into one range.
   */
  private List<Journal.Extent> extents() {
    Long[] pageNos = dirty.keySet().toArray(new Long[0]);
    Arrays.sort(pageNos);
    List<Journal.Extent> out = new ArrayList<>(pageNos.length);
    for (Long pageNo : pageNos) {
      Page p = dirty.get(pageNo);
      if (p.from < p.to) {
        out.add(new Journal.Extent((pageNo << PAGE_SHIFT) + p.from, p.data, p.from, p.to - p.from));
      }
    }
    return out;
  }

  /**
   * Empties the dirty pages, keeping up to {@link #SPARE_PAGES} of them for the next commits: a
   * loaded store dirties thousands of pages per commit, which would otherwise be garbage each time.
   */
  private void recycleDirtyPages() {
    for (Page p : dirty.values()) {
      if (spare.size() >= SPARE_PAGES) {
        break;
      }
      spare.push(p);
    }
    dirty.clear();
  }

  /** Drops everything written since the last sync: the commit that wrote it failed. */
  public void discard() {
    lock.writeLock().lock();
    try {
      recycleDirtyPages();
      length = diskLength;
    } finally {
      lock.writeLock().unlock();
    }
  }

  private void writeZeros(long from, long to) throws IOException {
    long pos = from;
    while (pos < to) {
      int n = (int) Math.min(ZEROS.length, to - pos);
      writeFully(ByteBuffer.wrap(ZEROS, 0, n), pos);
      pos += n;
    }
  }

  private void writeFully(ByteBuffer b, long pos) throws IOException {
    long p = pos;
    while (b.hasRemaining()) {
      p += channel.write(b, p);
    }
  }

  // ---- the rest of Volume -----------------------------------------------------------------------

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    lock.writeLock().lock();
    try {
      dirty.clear();
      spare.clear();
      maps = new MappedByteBuffer[0];
      closeQuietly(journal, channel);
    } finally {
      lock.writeLock().unlock();
    }
  }

  private void closeQuietly(Journal j, FileChannel ch) {
    try {
      if (j != null) {
        j.close();
      }
    } catch (IOException ignored) {
      // closing after a failure or at close: nothing more to do
    }
    try {
      if (ch != null) {
        ch.close(); // releases the file lock
      }
    } catch (IOException ignored) {
      // as above
    }
  }

  @Override
  public int sliceSize() {
    return 1 << sliceShift;
  }

  @Override
  public boolean isSliced() {
    return false;
  }

  @Override
  public long length() {
    lock.readLock().lock();
    try {
      return length;
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public boolean isReadOnly() {
    return false;
  }

  @Override
  public java.io.File getFile() {
    return path.toFile();
  }

  @Override
  public boolean getFileLocked() {
    return fileLock.isValid();
  }

  @Override
  public String toString() {
    return "JournaledVolume{" + path + "}";
  }
}
