package io.ccoin.node.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ccoin.api.Address;
import io.ccoin.api.InvalidVoteException;
import io.ccoin.api.Vote;
import io.ccoin.api.VotingUnavailableException;
import io.ccoin.core.CcoinNode;
import io.javalin.http.Context;
import java.util.List;
import java.util.Set;

/**
 * This node's authority-voting proposals (SPEC 7.1 and 11): {@code POST /miners/proposals} with
 * {@code {"candidate", "authorize"}} and {@code DELETE /miners/proposals/{candidate}}, both behind
 * the API token. On a version 1 network, or a node without a validator account (it never produces
 * a block, so it could never cast a vote), both are {@code 404 not_found}; a vote that would be
 * invalid on top of the head now is {@code 409 invalid_vote}; a malformed body is {@code 400}. A
 * refused request changes nothing. Thread-safe.
 */
final class Proposals {
  private final CcoinNode node;
  private final ApiConfig config;
  private final ApiToken token;

  /** {@code token} may be null: the node then takes no proposals ({@code 404}). */
  Proposals(CcoinNode node, ApiConfig config, ApiToken token) {
    this.node = node;
    this.config = config;
    this.token = token;
  }

  void propose(Context ctx) {
    available();
    Endpoints.authorize(ctx, token);
    ObjectNode o = Inputs.jsonObject(Inputs.body(ctx, config.maxBodyBytes()));
    Inputs.onlyFields(o, Set.of("candidate", "authorize"));
    Address candidate = Inputs.address("candidate", Inputs.requiredString(o, "candidate"));
    JsonNode authorize = o.get("authorize");
    if (authorize == null || !authorize.isBoolean()) {
      throw ApiException.badParameter("authorize is required: true to add the candidate to the authority set, false to remove it");
    }
    List<Vote> open;
    try {
      open = node.propose(candidate, authorize.booleanValue());
    } catch (InvalidVoteException e) {
      throw new ApiException(ErrorCode.INVALID_VOTE, e.getMessage());
    } catch (VotingUnavailableException e) {
      throw ApiException.notFound(e.getMessage());
    }
    ObjectNode answer = Json.object();
    answer.set("proposals", json(open));
    Endpoints.send(ctx, 202, answer);
  }

  void withdraw(Context ctx) {
    available();
    Endpoints.authorize(ctx, token);
    Address candidate = Inputs.address("the candidate", ctx.pathParam("candidate"));
    boolean had;
    try {
      had = node.withdraw(candidate);
    } catch (VotingUnavailableException e) {
      throw ApiException.notFound(e.getMessage());
    }
    if (!had) {
      throw ApiException.notFound("this node has no proposal on " + candidate.toHex());
    }
    ctx.status(204);
  }

  /** {@code 404} unless the network votes and this node is a validator that can take proposals. */
  private void available() {
    if (!node.votingEnabled()) {
      throw ApiException.notFound("this network does not vote on its authorities (no epoch in its genesis: a version 1 network)");
    }
    if (node.validatorAddress().isEmpty()) {
      throw ApiException.notFound("this node has no validator account, so it never casts a vote; propose on a validator's node");
    }
    if (token == null) {
      throw ApiException.notFound("this node has no API token, so it takes no proposals");
    }
  }

  /** {@code [{"candidate", "authorize"}, ...]}. */
  static ArrayNode json(List<Vote> votes) {
    ArrayNode list = Json.array();
    votes.forEach(v -> list.addObject().put("candidate", v.candidate().toHex()).put("authorize", v.authorize()));
    return list;
  }
}
