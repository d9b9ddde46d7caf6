package io.ccoin.api;

/**
 * Authority voting was asked of a node that cannot vote: a version 1 network (no {@code epoch} in
 * its genesis), or a node without a validator key. Nothing was changed. The HTTP API answers it as
 * {@code 404 not_found}.
 */
public class VotingUnavailableException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message why, for a person
   */
  public VotingUnavailableException(String message) {
    super(message);
  }
}
