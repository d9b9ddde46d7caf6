package io.ccoin.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccoin.api.StoredBlock;
import io.ccoin.api.Vote;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The explorer on a network that votes (SPEC 7.1), in a real headless Chromium: a block page shows
 * its vote; the miners page shows the set, the turn order, the pending votes and this node's
 * proposals, and follows a change of the set without a reload. Screenshots under
 * target/explorer-screenshots.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExplorerVotingBrowserTest {
  ApiFixture api;
  Browser browser;

  @BeforeAll
  void start() {
    browser = Browser.start();
    api = VotingApiTest.votingValidator();
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.close();
    }
    if (api != null) {
      api.close();
    }
  }

  String page(String route) {
    return api.base + "/" + route;
  }

  @Test
  void blocksShowTheirVoteAndTheMinersPageTheTallyTurnOrderAndProposalsAndFollowsTheSet() {
    String bob = api.bob.address().toHex();
    StoredBlock voted = VotingApiTest.voteBlock(api, new Vote(api.bob.address(), true));
    browser.open(page("#/block/" + voted.number()));
    String vote = browser.awaitContains("block-vote", bob);
    assertThat(vote).contains("add");
    browser.screenshot("block-vote");
    browser.open(page("#/block/0"));
    browser.awaitText("block-vote", "none");

    assertThat(api.node.propose(api.f.miners.get(2).address(), false)).hasSize(1);
    browser.open(page("#/miners"));
    String votes = browser.awaitContains("vote-rows", bob);
    assertThat(votes).contains(voted.block().header().miner().toHex(), "add");
    // the first row of the turn order is the next leader
    browser.awaitContains("turn-order", "1" + api.f.leaderOn(voted).address().toHex());
    assertThat(browser.awaitContains("proposal-rows", api.f.miners.get(2).address().toHex())).contains("remove");
    browser.awaitContains("voting", "Epoch " + VotingApiTest.EPOCH);
    browser.screenshot("miners-voting");

    // the second vote passes: the page shows bob in the set without a reload
    browser.script("window.__sameDocument = 'yes'");
    VotingApiTest.voteBlock(api, new Vote(api.bob.address(), true));
    browser.awaitContains("miner-rows", bob);
    browser.awaitContains("no-votes", "No pending votes");
    assertThat(browser.script("return window.__sameDocument")).as("no reload").isEqualTo("yes");
    assertThat(List.of(browser.textOf(browser.byId("turn-order")))).allMatch(t -> t.contains(bob));
  }
}
