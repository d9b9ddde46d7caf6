package io.ccoin.net.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.ccoin.api.Hash;
import io.ccoin.core.Await;
import io.ccoin.core.MutableClock;
import io.ccoin.core.TestKeys;
import io.ccoin.core.crypto.AccountKey;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The discovery client against a real service on 127.0.0.1, a service that is down, and a liar. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DiscoveryClientTest {
  static final long T0 = 1_700_000_000_000L;
  static final long CHAIN = 7;

  final MutableClock clock = new MutableClock(T0);
  final AccountKey key0 = TestKeys.vector(0);
  final AccountKey key1 = TestKeys.vector(1);
  final List<AutoCloseable> closeables = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      closeables.get(i).close();
    }
  }

  DiscoveryService service(int port) {
    DiscoveryService s = DiscoveryService.builder().bind("127.0.0.1", port).clock(clock).build().start();
    closeables.add(s);
    return s;
  }

  DiscoveryClient client(int port, AccountKey key) {
    DiscoveryClient c = DiscoveryClient.builder("http://127.0.0.1:" + port, key).clock(clock)
        .interval(Duration.ofMillis(100)).retryDelay(Duration.ofMillis(50)).timeout(Duration.ofSeconds(2)).build();
    closeables.add(c);
    return c;
  }

  static int unusedPort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void registersAndFindsPeers() {
    DiscoveryService s = service(0);
    DiscoveryClient c0 = client(s.port(), key0);
    DiscoveryClient c1 = client(s.port(), key1);
    assertThat(c0.register("10.0.0.1", 30333, CHAIN)).isTrue();
    clock.advance(10);
    assertThat(c1.register("node1.example.org", 30334, CHAIN)).isTrue();
    Optional<List<PeerInfo>> peers = c0.peers(CHAIN);
    assertThat(peers).isPresent();
    assertThat(peers.get()).containsExactly(
        new PeerInfo("node1.example.org", 30334, key1Id(), T0 + 10),
        new PeerInfo("10.0.0.1", 30333, key0Id(), T0));
    assertThat(c0.peers(CHAIN + 1)).contains(List.of());
    assertThat(c0.registrations()).isEqualTo(1);
    assertThat(c0.failures()).isZero();
  }

  Hash key0Id() {
    return PeerRegistration.deregister(key0, CHAIN, 0).nodeId();
  }

  Hash key1Id() {
    return PeerRegistration.deregister(key1, CHAIN, 0).nodeId();
  }

  @Test
  void timestampsIncreaseEvenWhenTheClockStandsStill() {
    DiscoveryService s = service(0);
    DiscoveryClient c = client(s.port(), key0);
    for (int i = 0; i < 5; i++) {
      assertThat(c.register("10.0.0.1", 30333, CHAIN)).isTrue();
    }
    assertThat(c.deregister(CHAIN)).isTrue();
    assertThat(c.register("10.0.0.1", 30333, CHAIN)).isTrue();
  }

  @Test
  void aStartedClientRegistersAgainAndAgainUntilStopped() throws Exception {
    DiscoveryService s = service(0);
    // The client's one scheduler thread, seen from the test: after stop() the queue shows that no
    // registration is left to run, instead of a wait that hopes none comes.
    ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
    scheduler.setRemoveOnCancelPolicy(true);
    closeables.add(scheduler::shutdownNow);
    DiscoveryClient c = DiscoveryClient.builder("http://127.0.0.1:" + s.port(), key0).clock(clock).scheduler(scheduler)
        .interval(Duration.ofMillis(100)).retryDelay(Duration.ofMillis(50)).timeout(Duration.ofSeconds(2)).build();
    closeables.add(c);
    DiscoveryClient reader = client(s.port(), key1);
    c.start("10.0.0.1", 30333, CHAIN);
    Await.until("first registration", () -> c.registrations() >= 1);
    clock.advance(100_000);
    Await.until("registered again", () -> c.registrations() >= 3);
    long lastSeen = reader.peers(CHAIN).orElseThrow().get(0).lastSeen();
    assertThat(lastSeen).isGreaterThan(T0);
    c.stop();
    // One thread runs the tasks in order: when this no-op has run, a registration that was in
    // flight at stop() has finished, and it could not schedule another (stop() ended its round).
    scheduler.submit(() -> { }).get(10, TimeUnit.SECONDS);
    assertThat(scheduler.getQueue()).as("registrations still scheduled after stop()").isEmpty();
    clock.advance(121_000);
    assertThat(reader.peers(CHAIN).orElseThrow()).isEmpty();
  }

  @Test
  void startingAgainRegistersTheNewAddress() throws InterruptedException {
    DiscoveryService s = service(0);
    DiscoveryClient c = client(s.port(), key0);
    c.start("10.0.0.1", 30333, CHAIN);
    Await.until("first registration", () -> c.registrations() >= 1);
    c.start("10.0.0.2", 30444, CHAIN);
    Await.until("new address", () -> c.peers(CHAIN).orElseThrow().get(0).host().equals("10.0.0.2"));
    assertThat(c.peers(CHAIN).orElseThrow()).hasSize(1);
  }

  @Test
  void deregisterRemovesTheNode() {
    DiscoveryService s = service(0);
    DiscoveryClient c = client(s.port(), key0);
    assertThat(c.register("10.0.0.1", 30333, CHAIN)).isTrue();
    assertThat(c.deregister(CHAIN)).isTrue();
    assertThat(c.peers(CHAIN).orElseThrow()).isEmpty();
    assertThat(c.deregister(CHAIN)).as("already gone").isFalse();
    assertThat(c.lastError()).hasValueSatisfying(e -> assertThat(e).contains("404"));
  }

  @Test
  void aRefusedRequestIsAFalseNotAnException() {
    DiscoveryService s = service(0);
    DiscoveryClient c = client(s.port(), key0);
    assertThat(c.register("not a host", 30333, CHAIN)).isFalse();
    assertThat(c.register("10.0.0.1", 0, CHAIN)).isFalse();
    DiscoveryClient skewed = DiscoveryClient.builder("http://127.0.0.1:" + s.port(), key1)
        .clock(new MutableClock(T0 + 120_000)).build();
    closeables.add(skewed);
    assertThat(skewed.register("10.0.0.1", 30333, CHAIN)).isFalse();
    assertThat(skewed.lastError()).hasValueSatisfying(e -> assertThat(e).contains("401").contains("bad_timestamp"));
    assertThat(c.failures()).isEqualTo(2);
  }

  @Test
  void aServiceThatIsDownIsSurvivedAndRejoinedWhenItComesBack() throws InterruptedException {
    int port = unusedPort();
    DiscoveryClient c = client(port, key0);
    assertThat(c.register("10.0.0.1", 30333, CHAIN)).isFalse();
    assertThat(c.peers(CHAIN)).isEmpty();
    assertThat(c.deregister(CHAIN)).isFalse();
    c.start("10.0.0.1", 30333, CHAIN);
    Await.until("retries while the service is down", () -> c.failures() >= 6);
    assertThat(c.registrations()).isZero();
    DiscoveryService s;
    try {
      s = service(port);
    } catch (RuntimeException e) {
      assumeThat(false).as("port " + port + " was taken meanwhile").isTrue();
      return;
    }
    Await.until("registration once the service is back", () -> c.registrations() >= 1);
    assertThat(s.size()).isEqualTo(1);
  }

  @Test
  void theClientDoesNotBelieveEverythingTheServiceSays() {
    String valid = "{\"host\":\"10.0.0.1\",\"port\":30333,\"nodeId\":\"" + key0Id().toHex() + "\",\"lastSeen\":5}";
    String[] answers = {
        "[" + valid + ",{\"host\":\"bad host\",\"port\":1,\"nodeId\":\"" + key1Id().toHex() + "\",\"lastSeen\":5},"
            + "{\"host\":\"10.0.0.2\",\"port\":0,\"nodeId\":\"" + key1Id().toHex() + "\",\"lastSeen\":5},"
            + "{\"host\":\"10.0.0.2\",\"port\":1,\"nodeId\":\"abcd\",\"lastSeen\":5},"
            + "{\"host\":\"10.0.0.2\",\"port\":1,\"nodeId\":\"" + key1Id().toHex() + "\",\"lastSeen\":5,\"x\":1},"
            + "42]",
        "not json",
        "{\"peers\":[]}",
        "[" + (valid + ",").repeat(DiscoveryClient.MAX_ANSWER_BYTES / valid.length() + 1) + valid + "]",
    };
    int[] which = {0};
    Javalin liar = Javalin.create(config -> {
      config.showJavalinBanner = false;
      config.startupWatcherEnabled = false;
    });
    liar.get("/peers", ctx -> ctx.contentType("application/json").result(answers[which[0]]));
    liar.start("127.0.0.1", 0);
    closeables.add(liar::stop);
    DiscoveryClient c = client(liar.port(), key0);
    assertThat(c.peers(CHAIN).orElseThrow()).containsExactly(new PeerInfo("10.0.0.1", 30333, key0Id(), 5));
    for (which[0] = 1; which[0] < answers.length; which[0]++) {
      assertThat(c.peers(CHAIN)).as("answer %d", which[0]).isEmpty();
    }
  }

  @Test
  void aClosedClientCannotStartAndClosesTwiceQuietly() {
    DiscoveryClient c = client(unusedPort(), key0);
    c.close();
    c.close();
    assertThatThrownBy(() -> c.start("10.0.0.1", 1, CHAIN))
        .isInstanceOf(IllegalStateException.class);
  }
}
