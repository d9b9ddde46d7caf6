package io.ccoin.core.internal.state;

import io.ccoin.api.Address;
import io.ccoin.api.BlockCandidate;
import io.ccoin.api.BlockHeader;
import io.ccoin.api.Hash;
import io.ccoin.api.Transaction;
import io.ccoin.api.ValidationResult;
import io.ccoin.core.internal.merkle.StateTree;
import io.ccoin.core.internal.merkle.TxRoot;
import java.util.List;
import java.util.Optional;

/**
 * SPEC 7 item 7: the transaction root matches; every transaction is valid applied in order; the
 * miner is credited {@code reward + sum(fees)}; the resulting state root matches. Execution happens
 * on a {@link WorkingState}, so a block that fails at any point leaves no trace. Thread-safe.
 */
public final class BlockExecutor {
  public static final String TX_ROOT = "txRoot";
  public static final String REWARD = "reward";
  public static final String STATE_ROOT = "stateRoot";

  private final TxVerifier verifier;

  public BlockExecutor(TxVerifier verifier) {
    this.verifier = verifier;
  }

  public TxVerifier verifier() {
    return verifier;
  }

  /** The outcome of executing a block: the result and, when valid, the working state after it. */
  public record Execution(ValidationResult result, WorkingState state) {
    public boolean isValid() {
      return result.isValid();
    }
  }

  /**
   * A block's transactions already applied to a working copy of {@code base} by the code that
   * assembled it (the transitions, the miner's credit and the state root done, each signature
   * verified): what {@link #reuse} takes instead of executing the block again.
   */
  public record Executed(StateTree base, List<Transaction> transactions, WorkingState state) {}

  /**
   * The execution of {@code c} on {@code base} taken from {@code done} without running it again,
   * when {@code done} is that very execution: made on this same {@code base} tree (the same object,
   * so the same state), of the same transactions, with the state root and transaction root the
   * header names. Empty otherwise (the head moved on since the block was assembled, or the block is
   * not the one assembled), and the block must then be executed.
   */
  public Optional<Execution> reuse(Executed done, StateTree base, BlockCandidate c) {
    if (done.base() != base || !done.transactions().equals(c.block().transactions())
        || !done.state().root().equals(c.header().stateRoot()) || !TxRoot.of(c.txHashes()).equals(c.header().txRoot())) {
      return Optional.empty();
    }
    return Optional.of(new Execution(ValidationResult.valid(), done.state()));
  }

  /** Executes {@code c} on a working copy of {@code base}. */
  public Execution execute(StateTree base, BlockCandidate c) {
    WorkingState state = new WorkingState(base);
    return new Execution(executeOn(state, c), state);
  }

  /** Executes {@code c} on {@code state} (already holding the parent's state). */
  public ValidationResult executeOn(WorkingState state, BlockCandidate c) {
    BlockHeader h = c.header();
    List<Transaction> txs = c.block().transactions();
    Hash txRoot = TxRoot.of(c.txHashes());
    if (!txRoot.equals(h.txRoot())) {
      return ValidationResult.invalid(TX_ROOT, "tx root " + h.txRoot() + " does not match the transactions' " + txRoot);
    }
    TxVerifier.IndexedResult verified = verifier.verifyAll(txs, c.txHashes());
    if (verified.index() >= 0) {
      return txFailure(verified.index(), c, verified.result());
    }
    long fees = 0;
    for (int i = 0; i < txs.size(); i++) {
      ValidationResult r = StateTransition.apply(state, txs.get(i));
      if (!r.isValid()) {
        return txFailure(i, c, r);
      }
      try {
        fees = Math.addExact(fees, txs.get(i).fee());
      } catch (ArithmeticException e) {
        return ValidationResult.invalid(REWARD, "the fees add up to more than 2^63-1");
      }
    }
    Address miner = h.miner();
    long reward;
    try {
      reward = Math.addExact(verifier.params().reward(), fees);
    } catch (ArithmeticException e) {
      return ValidationResult.invalid(REWARD, "reward + fees exceeds 2^63-1");
    }
    if (!StateTransition.credit(state, miner, reward)) {
      return ValidationResult.invalid(REWARD, "the miner's balance would exceed 2^63-1");
    }
    Hash root = state.root();
    if (!root.equals(h.stateRoot())) {
      return ValidationResult.invalid(STATE_ROOT, "state root " + h.stateRoot() + " does not match the computed " + root);
    }
    return ValidationResult.valid();
  }

  private static ValidationResult txFailure(int index, BlockCandidate c, ValidationResult r) {
    return ValidationResult.invalid(r.rule(), "transaction " + index + " (" + c.txHashes().get(index) + "): " + r.reason());
  }
}
