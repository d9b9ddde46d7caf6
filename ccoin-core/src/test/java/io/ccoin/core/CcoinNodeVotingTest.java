package io.ccoin.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ccoin.api.Address;
import io.ccoin.api.Genesis;
import io.ccoin.api.InvalidVoteException;
import io.ccoin.api.Vote;
import io.ccoin.api.VotingUnavailableException;
import io.ccoin.api.event.AuthoritiesChangedEvent;
import io.ccoin.core.crypto.AccountKey;
import io.ccoin.core.genesis.GenesisParser;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The voting methods of {@link CcoinNode}: proposals, their refusals, and a single validator casting one. */
class CcoinNodeVotingTest {
  final AccountKey miner = TestKeys.vector(0);
  final Address outsider = TestKeys.vector(1).address();

  Genesis genesis(String extra) {
    return GenesisParser.parse("""
        {"network_id": 9, "miners": ["%s"],
         "block_mining": {"interval": 0.2, "max_bound": 100, "min_bound": 1, "reward": 50, "difficulty": 1,
                          "allow_empty": true, "placeholder_data": ["predef", "idle"]%s},
         "genesis_block": {"difficulty": 1}}
        """.formatted(miner.address(), extra));
  }

  @Test
  void aVersion1NetworkHasNoVoting() {
    try (CcoinNode node = Ccoin.builder().genesis(genesis("")).validator(miner).build()) {
      assertThat(node.votingEnabled()).isFalse();
      assertThat(node.authorities()).containsExactly(miner.address());
      assertThat(node.tally()).isEmpty();
      assertThat(node.proposals()).isEmpty();
      assertThat(node.inTurnNext()).isEqualTo(miner.address());
      assertThat(node.recentWindow()).isZero();
      assertThatThrownBy(() -> node.propose(outsider, true)).isInstanceOf(VotingUnavailableException.class)
          .hasMessageContaining("version 1 network");
      assertThatThrownBy(() -> node.withdraw(outsider)).isInstanceOf(VotingUnavailableException.class);
      assertThat(node.authoritiesAfter(0)).contains(List.of(miner.address()));
    }
  }

  @Test
  void aNodeWithoutAValidatorKeyCannotPropose() {
    try (CcoinNode node = Ccoin.builder().genesis(genesis(", \"epoch\": 100")).build()) {
      assertThat(node.votingEnabled()).isTrue();
      assertThatThrownBy(() -> node.propose(outsider, true)).isInstanceOf(VotingUnavailableException.class)
          .hasMessageContaining("no validator key");
      assertThat(node.proposals()).isEmpty();
    }
  }

  @Test
  void aVoteThatWouldBeInvalidNowIsRefusedAndChangesNothing() {
    try (CcoinNode node = Ccoin.builder().genesis(genesis(", \"epoch\": 100")).validator(miner).build()) {
      assertThatThrownBy(() -> node.propose(miner.address(), true)).isInstanceOf(InvalidVoteException.class)
          .hasMessageContaining("add a member");
      assertThatThrownBy(() -> node.propose(outsider, false)).isInstanceOf(InvalidVoteException.class)
          .hasMessageContaining("remove a non-member");
      assertThatThrownBy(() -> node.propose(Address.ZERO, true)).isInstanceOf(InvalidVoteException.class)
          .hasMessageContaining("zero address");
      assertThatThrownBy(() -> node.propose(miner.address(), false)).isInstanceOf(InvalidVoteException.class)
          .hasMessageContaining("last authority");
      assertThat(node.proposals()).isEmpty();

      assertThat(node.propose(outsider, true)).containsExactly(new Vote(outsider, true));
      assertThat(node.propose(outsider, true)).as("proposing again replaces").containsExactly(new Vote(outsider, true));
      assertThat(node.withdraw(outsider)).isTrue();
      assertThat(node.withdraw(outsider)).isFalse();
      assertThat(node.proposals()).isEmpty();
    }
  }

  @Test
  void aSingleValidatorCastsItsProposalWhichPassesAndIsDropped() throws Exception {
    try (CcoinNode node = Ccoin.builder().genesis(genesis(", \"epoch\": 100")).validator(miner).build()) {
      List<AuthoritiesChangedEvent> events = new CopyOnWriteArrayList<>();
      node.onAuthoritiesChanged(events::add);
      node.propose(outsider, true);
      node.start();
      Await.until("the vote to pass", () -> node.authorities().contains(outsider));
      assertThat(node.authorities()).containsExactly(miner.address(), outsider).isSorted();
      Await.until("the proposal to be dropped", () -> node.proposals().isEmpty());
      // listeners run on the importing thread after the new head is visible, so the event may come a moment later
      Await.until("the authorities-changed event", () -> !events.isEmpty());
      assertThat(events).singleElement().satisfies(e -> assertThat(e.added()).containsExactly(outsider));
      long passedAt = events.get(0).number();
      assertThat(node.block(passedAt).orElseThrow().block().header().vote()).contains(new Vote(outsider, true));
      assertThat(node.authoritiesAfter(passedAt - 1).orElseThrow()).containsExactly(miner.address());
      assertThat(node.authoritiesAfter(passedAt).orElseThrow()).contains(outsider);
      assertThat(node.recentWindow()).isEqualTo(1);
      assertThat(node.rank(node.block(passedAt).orElseThrow().hash())).hasValue(0);
    }
  }
}
