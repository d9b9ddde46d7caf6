package io.ccoin.examples;

import io.ccoin.api.Genesis;
import io.ccoin.core.Ccoin;
import io.ccoin.core.CcoinNode;
import io.ccoin.core.crypto.AccountKey;
import io.ccoin.core.genesis.GenesisParser;
import io.ccoin.core.mining.PowMiner;
import io.ccoin.net.NetworkService;
import io.ccoin.net.tcp.TcpTransport;
import io.ccoin.store.mapdb.MapDbChainStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * Three validators in one JVM, talking over the TCP transport on 127.0.0.1, each with its own MapDB
 * store in a temporary folder. They take turns mining; then one is stopped and the other two go on.
 */
public final class ThreeMinersOnLoopback {
  private ThreeMinersOnLoopback() {}

  record Member(CcoinNode node, NetworkService network) {}

  public static void main(String[] args) throws Exception {
    SecureRandom random = new SecureRandom();
    List<AccountKey> keys = List.of(AccountKey.generate(random), AccountKey.generate(random), AccountKey.generate(random));
    Genesis genesis = GenesisParser.parse("""
        {"network_id": 4, "miners": ["%s", "%s", "%s"],
         "block_mining": {"interval": 0.3, "max_bound": 100, "min_bound": 1, "reward": 10, "difficulty": 2,
                          "allow_empty": true, "placeholder_data": ["rnd", 4], "leader_timeout": 0.3},
         "genesis_block": {"difficulty": 2}}
        """.formatted(keys.get(0).address(), keys.get(1).address(), keys.get(2).address()));
    Path dir = Files.createTempDirectory("ccoin-three-miners");

    List<Member> members = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      CcoinNode node = Ccoin.builder()
          .genesis(genesis)
          .store(MapDbChainStore.open(dir.resolve("node" + i)))
          .validator(keys.get(i))
          .miner(new PowMiner(1))
          .build();
      TcpTransport transport = TcpTransport.builder().bind("127.0.0.1", 0).build();
      NetworkService network = NetworkService.builder(node, transport).nodeKey(AccountKey.generate(random)).build();
      node.start();
      network.start();
      members.add(new Member(node, network));
    }
    // a full mesh on loopback
    members.get(1).network().connect(members.get(0).network().localAddress()).get();
    members.get(2).network().connect(members.get(0).network().localAddress()).get();
    members.get(2).network().connect(members.get(1).network().localAddress()).get();

    waitForHead(members, 6);
    for (Member m : members) {
      System.out.println(m.node().validatorAddress().orElseThrow() + " sees head #" + m.node().head().number());
    }

    System.out.println("stopping " + members.get(2).node().validatorAddress().orElseThrow());
    members.get(2).network().close();
    members.get(2).node().close();
    List<Member> rest = members.subList(0, 2);
    long before = rest.get(0).node().head().number();
    waitForHead(rest, before + 4);
    System.out.println("the other two went on to #" + rest.get(0).node().head().number());

    for (Member m : rest) {
      m.network().close();
      m.node().close();
    }
  }

  private static void waitForHead(List<Member> members, long number) throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (members.stream().anyMatch(m -> m.node().head().number() < number)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("no block #" + number + " within 60 s");
      }
      Thread.sleep(50);
    }
  }
}
