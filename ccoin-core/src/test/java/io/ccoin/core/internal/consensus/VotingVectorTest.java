package io.ccoin.core.internal.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ccoin.api.Address;
import io.ccoin.api.BlockHeader;
import io.ccoin.api.Bytes;
import io.ccoin.api.Hash;
import io.ccoin.api.PendingVote;
import io.ccoin.api.Vote;
import io.ccoin.core.Vectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** voting.json: SPEC 7.1 as a pure function, step for step, and the in-turn leader for parents whose miner left. */
class VotingVectorTest {
  static final JsonNode V = Vectors.json("voting.json");
  static final long EPOCH = V.get("epoch").asLong();

  static List<Address> addresses(JsonNode array) {
    return Vectors.elements(array).stream().map(n -> Address.fromHex(n.asText())).toList();
  }

  static List<PendingVote> tally(JsonNode array) {
    return Vectors.elements(array).stream()
        .map(n -> new PendingVote(Address.fromHex(n.get("voter").asText()), Address.fromHex(n.get("candidate").asText()),
            n.get("authorize").asBoolean()))
        .toList();
  }

  static Optional<Vote> vote(JsonNode step) {
    JsonNode v = step.get("vote");
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    return Optional.of(new Vote(Address.fromHex(v.get("candidate").asText()), v.get("authorize").asBoolean()));
  }

  /** Each step with the state before it, replayed from genesis through the valid steps before it. */
  static Stream<Arguments> steps() {
    List<Arguments> out = new ArrayList<>();
    VotingState s = VotingState.genesis(addresses(V.get("genesisSet")));
    int i = 0;
    for (JsonNode step : V.get("steps")) {
      out.add(Arguments.of(i++ + ": #" + step.get("number").asLong() + " " + step.get("why").asText(), s, step));
      if (step.get("valid").asBoolean()) {
        s = VotingState.of(addresses(step.get("setAfter")), tally(step.get("tallyAfter")));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("steps")
  void eachStepGivesTheVectorSetAndTally(String name, VotingState before, JsonNode step) {
    long number = step.get("number").asLong();
    Address miner = Address.fromHex(step.get("miner").asText());
    Optional<Vote> vote = vote(step);
    Optional<String> error = before.voteError(number, vote, EPOCH);
    if (step.get("valid").asBoolean()) {
      assertThat(error).as(name).isEmpty();
      VotingState after = before.next(number, miner, vote, EPOCH);
      assertThat(after.authorities()).as(name + ": set").isEqualTo(addresses(step.get("setAfter")));
      assertThat(after.tally()).as(name + ": tally").isEqualTo(tally(step.get("tallyAfter")));
    } else {
      assertThat(error).as(name).isPresent();
      assertThat(error.get()).startsWith(step.get("why").asText());
      // an invalid vote changes nothing: the vector's state after is the state before
      assertThat(before.authorities()).isEqualTo(addresses(step.get("setAfter")));
      assertThat(before.tally()).isEqualTo(tally(step.get("tallyAfter")));
    }
  }

  @Test
  void theStepsReplayToTheLastState() {
    VotingState s = VotingState.genesis(addresses(V.get("genesisSet")));
    JsonNode last = null;
    for (JsonNode step : V.get("steps")) {
      if (step.get("valid").asBoolean()) {
        s = s.next(step.get("number").asLong(), Address.fromHex(step.get("miner").asText()), vote(step), EPOCH);
        last = step;
      }
    }
    assertThat(last).isNotNull();
    assertThat(s.authorities()).isEqualTo(addresses(last.get("setAfter")));
    assertThat(s.tally()).isEqualTo(tally(last.get("tallyAfter")));
  }

  static Stream<Arguments> inTurn() {
    return Vectors.elements(V.get("inTurn")).stream().map(n -> Arguments.of(n.get("parentMiner").asText(), n));
  }

  @ParameterizedTest(name = "parent mined by {0}")
  @MethodSource("inTurn")
  void theInTurnLeaderIsTheFirstMemberAboveTheParentsMiner(String parentMiner, JsonNode c) {
    boolean genesis = parentMiner.equals("genesis");
    BlockHeader parent = new BlockHeader(2, 1, genesis ? 0 : 7, Hash.ZERO, 0, genesis ? Address.ZERO : Address.fromHex(parentMiner),
        Hash.ZERO, Hash.ZERO, 0, Bytes.EMPTY, 0);
    List<Address> set = addresses(c.get("set"));
    Address expected = Address.fromHex(c.get("inTurn").asText());
    assertThat(Ranks.leader(set, parent)).isEqualTo(expected);
    assertThat(Ranks.rank(set, parent, expected)).isZero();
    for (Address m : set) {
      assertThat(Ranks.rank(set, parent, m)).isBetween(0, set.size() - 1);
    }
  }
}
