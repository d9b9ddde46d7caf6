package io.ccoin.store.mapdb.internal;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A hook the {@link JournaledVolume} calls before each step of a durable commit, so that tests can
 * make any step fail as a real disk would (full, or an I/O error). {@link #NONE} in production.
 */
@FunctionalInterface
public interface IoFaults {
  /** The steps of {@link JournaledVolume#sync()}, in order. */
  enum Step {
    /** Growing the store file to its new length, before anything is journaled. */
    EXTEND,
    /** Writing the redo journal. */
    JOURNAL_WRITE,
    /** Forcing the journal to disk: once this returns, the commit is durable. */
    JOURNAL_FORCE,
    /** Writing the journaled changes in place into the store file. */
    APPLY,
    /** Forcing the store file to disk. */
    APPLY_FORCE
  }

  /** No faults. */
  IoFaults NONE = (step, file) -> {};

  /**
   * Called before {@code step} on {@code file}.
   *
   * @throws IOException to make the step fail
   */
  void before(Step step, Path file) throws IOException;
}
