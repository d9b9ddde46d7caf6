package io.ccoin.store.mapdb.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.mapdb.volume.ByteArrayVol;
import org.mapdb.volume.Volume;
import org.mapdb.volume.VolumeFactory;

/**
 * Gives MapDB's {@code StoreWAL} a {@link JournaledVolume} for the store file and in-memory volumes
 * for its write-ahead log files. MapDB 3.1 never replays those log files on open, so on disk they
 * would only cost a file creation, a deletion and an fsync per commit; in memory they still serve
 * their real purpose here, holding a commit's records until it is committed or rolled back. The
 * journal of the {@link JournaledVolume} is what makes commits durable.
 */
public final class JournaledVolumeFactory extends VolumeFactory {
  private final Path storeFile;
  private final IoFaults faults;
  private JournaledVolume volume;

  public JournaledVolumeFactory(Path storeFile, IoFaults faults) {
    this.storeFile = storeFile.toAbsolutePath().normalize();
    this.faults = faults;
  }

  /** The volume made for the store file, once MapDB has asked for it. */
  public JournaledVolume volume() {
    if (volume == null) {
      throw new IllegalStateException("MapDB has not opened " + storeFile + " yet");
    }
    return volume;
  }

  private boolean isStoreFile(String file) {
    return file != null && Paths.get(file).toAbsolutePath().normalize().equals(storeFile);
  }

  @Override
  public Volume makeVolume(String file, boolean readOnly, long fileLockWait, int sliceShift, long initSize, boolean fixedSize) {
    if (isStoreFile(file)) {
      if (readOnly) {
        throw new IllegalArgumentException("the store file is always opened for writing, never read-only");
      }
      volume = new JournaledVolume(storeFile, sliceShift, faults);
      return volume;
    }
    return new ByteArrayVol(sliceShift, initSize);
  }

  @Override
  public boolean exists(String file) {
    if (!isStoreFile(file)) {
      return false;
    }
    try {
      return Files.exists(storeFile) && Files.size(storeFile) > 0;
    } catch (IOException e) {
      return true; // let the open fail with the real error
    }
  }

  @Override
  public boolean handlesReadonly() {
    return false;
  }
}
