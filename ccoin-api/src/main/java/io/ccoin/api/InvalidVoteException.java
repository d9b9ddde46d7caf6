package io.ccoin.api;

/**
 * A proposed vote that would be invalid now (SPEC 7.1 item 2): adding a member, removing an
 * outsider, the zero address, an add above 64 authorities or the removal of the last one. Nothing
 * was changed. The HTTP API answers it as {@code 409 invalid_vote}.
 */
public class InvalidVoteException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message why, for a person
   */
  public InvalidVoteException(String message) {
    super(message);
  }
}
