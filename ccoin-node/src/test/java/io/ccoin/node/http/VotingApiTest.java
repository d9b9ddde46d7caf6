package io.ccoin.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ccoin.api.Address;
import io.ccoin.api.Block;
import io.ccoin.api.BlockHeader;
import io.ccoin.api.StoredBlock;
import io.ccoin.api.Vote;
import io.ccoin.core.internal.chain.ChainFixture;
import io.ccoin.core.crypto.AccountKey;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Authority voting over HTTP (SPEC 7.1 and 11): {@code POST /miners/proposals}, {@code DELETE
 * /miners/proposals/{candidate}}, the extended {@code GET /miners}, {@code vote} in the block JSON
 * and the {@code authorities} event; every refusal (404 on a version 1 network or a node without a
 * validator account, 401/403 without or with a wrong token, 400 for a malformed body, 409 for a vote
 * that would be invalid) changes nothing.
 */
class VotingApiTest {
  static final String PROPOSALS = "/api/v1/miners/proposals";
  static final long EPOCH = 100;

  ApiFixture fx;

  @AfterEach
  void stop() {
    if (fx != null) {
      fx.close();
    }
  }

  /** A version 2 network whose node is the validator of the first genesis miner (never started). */
  static ApiFixture votingValidator() {
    ChainFixture chain = new ChainFixture(", \"epoch\": " + EPOCH);
    return new ApiFixture(chain, b -> b.validator(chain.miners.get(0)), b -> b);
  }

  ApiFixture.Reply propose(String json, String token) {
    return fx.post(PROPOSALS, json.getBytes(StandardCharsets.UTF_8), ApiFixture.JSON,
        token == null ? Map.of() : Map.of("Authorization", "Bearer " + token));
  }

  static String proposal(Address candidate, boolean authorize) {
    return "{\"candidate\": \"" + candidate.toHex() + "\", \"authorize\": " + authorize + "}";
  }

  StoredBlock voteBlock(Vote vote) {
    return voteBlock(fx, vote);
  }

  /** The in-turn block on {@code fx}'s head by its leader, carrying {@code vote}, imported. */
  static StoredBlock voteBlock(ApiFixture fx, Vote vote) {
    StoredBlock parent = fx.node.head().stored();
    AccountKey miner = fx.f.leaderOn(parent);
    Block plain = fx.f.block(parent, miner, List.of());
    BlockHeader h = plain.header();
    BlockHeader voting = new BlockHeader(h.version(), h.chainId(), h.number(), h.parentHash(), h.timestamp(), h.miner(), h.txRoot(),
        h.stateRoot(), h.difficulty(), h.data(), Optional.of(vote), 0);
    return fx.importBlock(ChainFixture.seal(voting, plain.transactions(), miner));
  }

  static List<String> texts(JsonNode array) {
    List<String> out = new java.util.ArrayList<>();
    array.forEach(x -> out.add(x.asText()));
    return out;
  }

  JsonNode miners() {
    ApiFixture.Reply r = fx.get("/api/v1/miners");
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    return r.json();
  }

  @Test
  void aVersion1NetworkHasNoProposalsNoVotesAndNoVoteField() {
    fx = new ApiFixture();
    fx.extend(List.of());
    propose(proposal(fx.bob.address(), true), ApiFixture.TOKEN).error(404, "not_found");
    assertThat(fx.delete(PROPOSALS + "/" + fx.bob.address().toHex(), ApiFixture.TOKEN).error(404, "not_found"))
        .contains("version 1");
    JsonNode m = miners();
    assertThat(m.has("epoch")).isFalse();
    assertThat(m.has("votes")).isFalse();
    assertThat(m.has("proposals")).isFalse();
    assertThat(m.get("turnOrder")).hasSize(3);
    assertThat(fx.get("/api/v1/blocks/1").json().has("vote")).isFalse();
    assertThat(fx.get("/api/v1/blocks?limit=1").json().get(0).has("vote")).isFalse();
  }

  @Test
  void aNodeWithoutAValidatorAccountTakesNoProposals() {
    fx = new ApiFixture(new ChainFixture(", \"epoch\": " + EPOCH), b -> b, b -> b);
    String message = propose(proposal(fx.bob.address(), true), ApiFixture.TOKEN).error(404, "not_found");
    assertThat(message).contains("validator");
    fx.delete(PROPOSALS + "/" + fx.bob.address().toHex(), ApiFixture.TOKEN).error(404, "not_found");
    JsonNode m = miners();
    assertThat(m.get("epoch").asLong()).isEqualTo(EPOCH);
    assertThat(m.get("proposals")).isEmpty();
  }

  @Test
  void aValidProposalIsTakenListedAndWithdrawn() {
    fx = votingValidator();
    Address outsider = fx.bob.address();
    Address member = fx.f.miners.get(2).address();
    ApiFixture.Reply r = propose(proposal(outsider, true), ApiFixture.TOKEN);
    assertThat(r.status()).as(r.text()).isEqualTo(202);
    assertThat(r.json().get("proposals")).hasSize(1);
    assertThat(r.json().get("proposals").get(0).get("candidate").asText()).isEqualTo(outsider.toHex());
    assertThat(r.json().get("proposals").get(0).get("authorize").asBoolean()).isTrue();
    // upper case and 0x are fine, as everywhere
    r = propose("{\"candidate\": \"0x" + member.toHex().toUpperCase() + "\", \"authorize\": false}", ApiFixture.TOKEN);
    assertThat(r.status()).as(r.text()).isEqualTo(202);
    assertThat(r.json().get("proposals")).hasSize(2);
    assertThat(fx.node.proposals()).containsExactly(new Vote(outsider, true), new Vote(member, false));

    JsonNode m = miners();
    assertThat(m.get("proposals")).hasSize(2);
    assertThat(m.get("proposals").get(1).get("candidate").asText()).isEqualTo(member.toHex());
    assertThat(m.get("proposals").get(1).get("authorize").asBoolean()).isFalse();

    assertThat(fx.delete(PROPOSALS + "/" + outsider.toHex(), ApiFixture.TOKEN).status()).isEqualTo(204);
    assertThat(fx.node.proposals()).containsExactly(new Vote(member, false));
    assertThat(fx.delete(PROPOSALS + "/" + outsider.toHex(), ApiFixture.TOKEN).error(404, "not_found")).contains(outsider.toHex());
    assertThat(miners().get("proposals")).hasSize(1);
  }

  @Test
  void aVoteThatWouldBeInvalidIsRefusedWith409AndChangesNothing() {
    fx = votingValidator();
    Address member = fx.f.miners.get(1).address();
    Address outsider = fx.bob.address();
    for (String body : List.of(proposal(member, true), proposal(outsider, false), proposal(Address.fromHex("00".repeat(20)), true))) {
      propose(body, ApiFixture.TOKEN).error(409, "invalid_vote");
      assertThat(fx.node.proposals()).as(body).isEmpty();
    }
    assertThat(miners().get("proposals")).isEmpty();
  }

  @Test
  void theTokenIsNeededAndAWrongOneIsRefused() {
    fx = votingValidator();
    String body = proposal(fx.bob.address(), true);
    propose(body, null).error(401, "unauthorized");
    propose(body, "wrong-token-0123456789").error(403, "unauthorized");
    assertThat(fx.node.proposals()).isEmpty();
    assertThat(propose(body, ApiFixture.TOKEN).status()).isEqualTo(202);
    String path = PROPOSALS + "/" + fx.bob.address().toHex();
    fx.delete(path, null).error(401, "unauthorized");
    fx.delete(path, "wrong-token-0123456789").error(403, "unauthorized");
    assertThat(fx.node.proposals()).containsExactly(new Vote(fx.bob.address(), true));
  }

  @Test
  void malformedBodiesAre400AndChangeNothing() {
    fx = votingValidator();
    String bob = fx.bob.address().toHex();
    Map<String, String> bad = Map.of(
        "not json", "malformed_json",
        "[1, 2]", "malformed_json",
        "", "malformed_json",
        "{\"candidate\": \"" + bob + "\"}", "bad_parameter",
        "{\"authorize\": true}", "bad_parameter",
        "{\"candidate\": \"" + bob + "\", \"authorize\": \"true\"}", "bad_parameter",
        "{\"candidate\": \"" + bob + "\", \"authorize\": 1}", "bad_parameter",
        "{\"candidate\": \"" + bob + "\", \"authorize\": true, \"extra\": 1}", "bad_parameter",
        "{\"candidate\": \"xyz\", \"authorize\": true}", "bad_hex",
        "{\"candidate\": 12, \"authorize\": true}", "bad_parameter");
    bad.forEach((body, code) -> {
      propose(body, ApiFixture.TOKEN).error(400, code);
      assertThat(fx.node.proposals()).as(body).isEmpty();
    });
    fx.delete(PROPOSALS + "/not-an-address", ApiFixture.TOKEN).error(400, "bad_hex");
  }

  @Test
  void blocksShowTheirVoteAndTheMinersTheTallyEpochAndTurnOrder() {
    fx = votingValidator();
    Address outsider = fx.bob.address();
    StoredBlock b1 = voteBlock(new Vote(outsider, true));
    JsonNode block = fx.get("/api/v1/blocks/1").json();
    assertThat(block.get("vote").get("candidate").asText()).isEqualTo(outsider.toHex());
    assertThat(block.get("vote").get("authorize").asBoolean()).isTrue();
    assertThat(fx.get("/api/v1/blocks?limit=1").json().get(0).get("vote").get("candidate").asText()).isEqualTo(outsider.toHex());
    assertThat(fx.get("/api/v1/blocks/0").json().get("vote").isNull()).isTrue();

    JsonNode m = miners();
    assertThat(m.get("number").asLong()).isEqualTo(1);
    assertThat(m.get("epoch").asLong()).isEqualTo(EPOCH);
    assertThat(m.get("nextCheckpoint").asLong()).isEqualTo(EPOCH);
    assertThat(m.get("votes")).hasSize(1);
    JsonNode v = m.get("votes").get(0);
    assertThat(v.get("voter").asText()).isEqualTo(b1.block().header().miner().toHex());
    assertThat(v.get("candidate").asText()).isEqualTo(outsider.toHex());
    assertThat(v.get("authorize").asBoolean()).isTrue();
    // one vote of three is no majority: the set is still the genesis miners, in turn order from the next leader
    assertThat(m.get("miners")).hasSize(3);
    String next = fx.f.leaderOn(b1).address().toHex();
    assertThat(m.get("turnOrder").get(0).asText()).isEqualTo(next);
    assertThat(m.get("miners").findValuesAsText("address")).containsExactlyInAnyOrderElementsOf(texts(m.get("turnOrder"))).isSorted();
  }

  @Test
  void aPassedVoteChangesTheSetAndIsStreamedAsAnAuthoritiesEvent() throws Exception {
    fx = votingValidator();
    Address outsider = fx.bob.address();
    try (EventsTest.Stream events = new EventsTest.Stream(fx.http, fx.base + "/api/v1/events")) {
      voteBlock(new Vote(outsider, true));
      assertThat(events.next().name()).isEqualTo("block");
      StoredBlock b2 = voteBlock(new Vote(outsider, true));
      // two votes of three: the vote passes in block 2, and bob is an authority from block 3
      EventsTest.Event e = events.next();
      if (e.name().equals("block")) {
        e = events.next();
      }
      assertThat(e.name()).isEqualTo("authorities");
      assertThat(e.data().get("number").asLong()).isEqualTo(2);
      assertThat(e.data().get("hash").asText()).isEqualTo(b2.hash().toHex());
      assertThat(e.data().get("authorities")).hasSize(4);
      assertThat(e.data().get("added").get(0).asText()).isEqualTo(outsider.toHex());
      assertThat(e.data().get("removed")).isEmpty();
    }
    JsonNode m = miners();
    assertThat(m.get("miners").findValuesAsText("address")).contains(outsider.toHex()).hasSize(4);
    assertThat(m.get("votes")).isEmpty();
    // bob is a member now: a proposal to add him again would be an invalid vote
    propose(proposal(outsider, true), ApiFixture.TOKEN).error(409, "invalid_vote");
  }
}
