package io.ccoin.core.mining;

/** A {@link SignedHeight} kept in memory: for tests and for chains that never restart. */
public final class MemorySignedHeight implements SignedHeight {
  private long highest = -1;

  @Override
  public synchronized long highest() {
    return highest;
  }

  @Override
  public synchronized void record(long number) {
    if (number <= highest) {
      throw new IllegalStateException("refusing to sign block #" + number + ": already signed up to #" + highest);
    }
    highest = number;
  }
}
