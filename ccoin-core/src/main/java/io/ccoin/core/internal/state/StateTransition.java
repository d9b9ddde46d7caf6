package io.ccoin.core.internal.state;

import io.ccoin.api.Account;
import io.ccoin.api.Address;
import io.ccoin.api.Transaction;
import io.ccoin.api.ValidationResult;
import io.ccoin.core.crypto.PublicKeys;

/**
 * Applies a transaction whose stateless checks passed ({@link TxVerifier}) to a state (SPEC 3,
 * checks 3 and 4): the nonce must be the sender's, and the sender must afford {@code value + fee}
 * with no arithmetic above 2^63-1. A transaction that fails changes nothing and creates no account.
 * Stateless and thread-safe.
 */
public final class StateTransition {
  public static final String NONCE = "tx-nonce";
  public static final String FUNDS = "tx-funds";
  public static final String OVERFLOW = "tx-overflow";

  private StateTransition() {}

  /** Applies {@code tx} to {@code state}, or changes nothing and says why not. */
  public static ValidationResult apply(WorkingState state, Transaction tx) {
    Address from = PublicKeys.address(tx.publicKey());
    Account sender = state.get(from);
    if (tx.nonce() != sender.nonce()) {
      return ValidationResult.invalid(NONCE, "nonce " + tx.nonce() + ", the sender's account is at " + sender.nonce());
    }
    long cost;
    try {
      cost = Math.addExact(tx.value(), tx.fee());
    } catch (ArithmeticException e) {
      return ValidationResult.invalid(OVERFLOW, "value + fee exceeds 2^63-1");
    }
    if (sender.balance() < cost) {
      return ValidationResult.invalid(FUNDS, "balance " + sender.balance() + " is below value + fee " + cost);
    }
    if (sender.nonce() == Long.MAX_VALUE) {
      return ValidationResult.invalid(OVERFLOW, "the sender's nonce is at its maximum");
    }
    Account senderAfter = new Account(sender.balance() - cost, sender.nonce() + 1);
    if (tx.to().equals(from)) {
      state.put(from, new Account(senderAfter.balance() + tx.value(), senderAfter.nonce()));
      return ValidationResult.valid();
    }
    Account recipient = state.get(tx.to());
    long credited;
    try {
      credited = Math.addExact(recipient.balance(), tx.value());
    } catch (ArithmeticException e) {
      return ValidationResult.invalid(OVERFLOW, "the recipient's balance would exceed 2^63-1");
    }
    state.put(from, senderAfter);
    state.put(tx.to(), new Account(credited, recipient.nonce()));
    return ValidationResult.valid();
  }

  /** Credits {@code amount} to {@code miner}; false (and nothing changed) if it would overflow. */
  public static boolean credit(WorkingState state, Address miner, long amount) {
    Account a = state.get(miner);
    long balance;
    try {
      balance = Math.addExact(a.balance(), amount);
    } catch (ArithmeticException e) {
      return false;
    }
    state.put(miner, new Account(balance, a.nonce()));
    return true;
  }
}
