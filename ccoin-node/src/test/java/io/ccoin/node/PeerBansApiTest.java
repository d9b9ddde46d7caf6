package io.ccoin.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ccoin.core.Await;
import io.ccoin.core.Ccoin;
import io.ccoin.core.CcoinNode;
import io.ccoin.core.internal.chain.ChainFixture;
import io.ccoin.core.crypto.AccountKey;
import io.ccoin.net.NetworkConfig;
import io.ccoin.net.NetworkService;
import io.ccoin.net.tcp.TcpTransport;
import io.ccoin.node.http.ApiServer;
import io.ccoin.node.http.ApiToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /peers/bans}, {@code DELETE /peers/bans/{address}} and {@code GET /peers} (SPEC 11)
 * on a real node over TCP on 127.0.0.1 with a peer that bootstraps to it: a ban closes the peer's
 * connection and refuses its redials; lifting it lets the peer back in; bad input is refused with
 * 400 and changes nothing; the token is required.
 */
class PeerBansApiTest {
  static final String TOKEN = "peer-bans-token-0123456789";
  static final MediaType JSON = MediaType.get("application/json");
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final Duration WAIT = Duration.ofSeconds(15);

  final ChainFixture f = new ChainFixture();
  final OkHttpClient http = new OkHttpClient.Builder().readTimeout(10, TimeUnit.SECONDS).retryOnConnectionFailure(false).build();
  CcoinNode a;
  CcoinNode b;
  NetworkService netA;
  NetworkService netB;
  ApiServer api;
  String base;

  record Reply(int status, String text) {
    JsonNode json() {
      try {
        return MAPPER.readTree(text);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + text, e);
      }
    }

    String code() {
      return json().get("error").get("code").asText();
    }
  }

  static NetworkConfig config(List<InetSocketAddress> boot) {
    return NetworkConfig.builder().tick(Duration.ofMillis(100)).reconnectBackoff(Duration.ofMillis(100), Duration.ofMillis(500))
        .bootstrap(boot).build();
  }

  @org.junit.jupiter.api.io.TempDir
  java.nio.file.Path basePath;
  PeerBanFile banFile;

  @BeforeEach
  void start() {
    banFile = new PeerBanFile(basePath.resolve("peer-bans.json"));
    a = Ccoin.builder().genesis(f.genesis.genesis()).build().start();
    netA = NetworkService.builder(a, TcpTransport.builder().bind("127.0.0.1", 0).ioThreads(1).build())
        .nodeKey(AccountKey.generate(new SecureRandom())).config(config(List.of())).build().start();
    InetSocketAddress addressA = new InetSocketAddress("127.0.0.1", netA.localAddress().getPort());
    b = Ccoin.builder().genesis(f.genesis.genesis()).build().start();
    netB = NetworkService.builder(b, TcpTransport.builder().bind("127.0.0.1", 0).ioThreads(1).build())
        .nodeKey(AccountKey.generate(new SecureRandom())).config(config(List.of(addressA))).build().start();
    api = ApiServer.builder(a).apiToken(ApiToken.of(TOKEN)).network(new NetworkViewAdapter(netA, "127.0.0.1:" + addressA.getPort(), 1,
        java.util.Optional.of(banFile)))
        .build().start("127.0.0.1", 0);
    base = "http://127.0.0.1:" + api.port() + "/api/v1";
    assertThat(Await.within(WAIT, () -> netA.peers().size() == 1)).isTrue();
  }

  @AfterEach
  void stop() {
    api.stop();
    netB.close();
    netA.close();
    b.close();
    a.close();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }


  Reply call(Request.Builder r, String token) {
    if (token != null) {
      r.header("Authorization", "Bearer " + token);
    }
    try (Response res = http.newCall(r.build()).execute()) {
      return new Reply(res.code(), res.body() == null ? "" : res.body().string());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Reply ban(String body, String token) {
    return call(new Request.Builder().url(base + "/peers/bans").post(RequestBody.create(body, JSON)), token);
  }

  Reply unban(String encodedAddress, String token) {
    return call(new Request.Builder().url(base + "/peers/bans/" + encodedAddress).delete(), token);
  }

  JsonNode peers() {
    Reply r = call(new Request.Builder().url(base + "/peers"), null);
    assertThat(r.status()).isEqualTo(200);
    return r.json();
  }

  @Test
  void aBanClosesThePeerAndRefusesItsRedialsUntilLifted() {
    JsonNode before = peers();
    assertThat(before.get("peers")).hasSize(1);
    assertThat(before.get("bans")).isEmpty();
    assertThat(before.get("discouraged")).isEmpty();
    assertThat(before.get("refusedNodeIds")).isEmpty();

    long now = System.currentTimeMillis();
    Reply banned = ban("{\"address\": \"127.0.0.0/8\", \"seconds\": 3600}", TOKEN);
    assertThat(banned.status()).as(banned.text()).isEqualTo(201);
    assertThat(banned.json().get("address").asText()).isEqualTo("127.0.0.0/8");
    assertThat(banned.json().get("until").asLong()).isBetween(now + 3_600_000, System.currentTimeMillis() + 3_600_000);
    assertThat(Await.within(WAIT, () -> netA.peers().isEmpty() && netB.peers().isEmpty())).as("the peer is cut off").isTrue();
    // refused both ways, shown by causes rather than by a quiet second: A's own dial to the banned
    // address fails at once, and B's dial to A is answered with a BYE and closed, never established
    InetSocketAddress addressA = new InetSocketAddress("127.0.0.1", netA.localAddress().getPort());
    InetSocketAddress addressB = new InetSocketAddress("127.0.0.1", netB.localAddress().getPort());
    assertThatThrownBy(() -> netA.connect(addressB).get(WAIT.toSeconds(), TimeUnit.SECONDS))
        .isInstanceOf(java.util.concurrent.ExecutionException.class).hasMessageContaining("banned");
    assertThatThrownBy(() -> netB.connect(addressA).get(WAIT.toSeconds(), TimeUnit.SECONDS))
        .isInstanceOf(java.util.concurrent.ExecutionException.class);
    assertThat(netA.peers()).isEmpty();
    JsonNode during = peers();
    assertThat(during.get("peers")).isEmpty();
    assertThat(during.get("bans")).hasSize(1);
    assertThat(during.get("bans").get(0).get("address").asText()).isEqualTo("127.0.0.0/8");

    assertThat(unban("127.0.0.1%2F8", TOKEN).status()).as("the same range, URL-encoded").isEqualTo(204);
    assertThat(unban("127.0.0.0%2F8", TOKEN).code()).isEqualTo("not_found");
    assertThat(Await.within(WAIT, () -> netA.peers().size() == 1)).as("the peer gets back in").isTrue();
    assertThat(peers().get("bans")).isEmpty();
  }

  @Test
  void aSingleAddressBanIsListedAndLiftedByItsPlainAddress() {
    assertThat(ban("{\"address\": \"10.1.2.3\", \"seconds\": 1}", TOKEN).status()).isEqualTo(201);
    assertThat(ban("{\"address\": \"::1\", \"seconds\": 31536000}", TOKEN).status()).isEqualTo(201);
    assertThat(peers().get("bans")).extracting(j -> j.get("address").asText()).containsExactlyInAnyOrder("10.1.2.3", "::1");
    assertThat(netA.peers()).as("nobody on those addresses").hasSize(1);
    assertThat(unban("::1", TOKEN).status()).isEqualTo(204);
  }

  @Test
  void theTokenIsRequired() {
    String body = "{\"address\": \"127.0.0.1\", \"seconds\": 60}";
    Reply none = ban(body, null);
    assertThat(none.status()).isEqualTo(401);
    assertThat(none.code()).isEqualTo("unauthorized");
    Reply wrong = ban(body, "wrong-token-0123456789abc");
    assertThat(wrong.status()).isEqualTo(403);
    assertThat(wrong.code()).isEqualTo("unauthorized");
    assertThat(unban("127.0.0.1", null).status()).isEqualTo(401);
    assertThat(unban("127.0.0.1", "wrong-token-0123456789abc").status()).isEqualTo(403);
    assertThat(netA.bans()).isEmpty();
    assertThat(netA.peers()).hasSize(1);
  }

  @Test
  void badInputIs400AndChangesNothing() {
    assertThat(ban("{\"address\": \"10.0.0.1\", \"seconds\": ", TOKEN).code()).isEqualTo("malformed_json");
    assertThat(ban("[1, 2]", TOKEN).code()).isEqualTo("malformed_json");
    for (String body : List.of(
        "{\"address\": \"10.0.0.256\", \"seconds\": 60}",
        "{\"address\": \"localhost\", \"seconds\": 60}",
        "{\"address\": \"10.0.0\", \"seconds\": 60}",
        "{\"address\": \"10.0.0.0/33\", \"seconds\": 60}",
        "{\"address\": \"10.0.0.0/-1\", \"seconds\": 60}",
        "{\"address\": \"::1/129\", \"seconds\": 60}",
        "{\"address\": \"fe80::1%eth0\", \"seconds\": 60}",
        "{\"address\": 167772161, \"seconds\": 60}",
        "{\"seconds\": 60}",
        "{\"address\": \"10.0.0.1\"}",
        "{\"address\": \"10.0.0.1\", \"seconds\": 0}",
        "{\"address\": \"10.0.0.1\", \"seconds\": -5}",
        "{\"address\": \"10.0.0.1\", \"seconds\": 31536001}",
        "{\"address\": \"10.0.0.1\", \"seconds\": 1.5}",
        "{\"address\": \"10.0.0.1\", \"seconds\": \"60\"}",
        "{\"address\": \"10.0.0.1\", \"seconds\": 60, \"reason\": \"x\"}")) {
      Reply r = ban(body, TOKEN);
      assertThat(r.status()).as(body).isEqualTo(400);
      assertThat(r.code()).as(body).isEqualTo("bad_parameter");
    }
    assertThat(unban("not-an-address", TOKEN).code()).isEqualTo("bad_parameter");
    assertThat(unban("10.0.0.0%2F99", TOKEN).code()).isEqualTo("bad_parameter");
    assertThat(netA.bans()).isEmpty();
    assertThat(netA.peers()).hasSize(1);
  }

  record Run(int status, String out, String err) {}

  Run cli(String... args) {
    java.io.StringWriter out = new java.io.StringWriter();
    java.io.StringWriter err = new java.io.StringWriter();
    int status = io.ccoin.node.cli.CcoinCli.run(args, new java.io.PrintWriter(out), new java.io.PrintWriter(err), java.util.Map.of());
    return new Run(status, out.toString(), err.toString());
  }

  @Test
  void theCommandLineListsBansAndLiftsThem(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws IOException {
    java.nio.file.Path tokenFile = tmp.resolve("api.token");
    java.nio.file.Files.writeString(tokenFile, TOKEN + "\n");
    String node = "http://127.0.0.1:" + api.port();

    Run ban = cli("peers", "ban", "127.0.0.1/8", "--seconds", "600", "--node", node, "--token-file", tokenFile.toString());
    assertThat(ban.status()).as(ban.err()).isZero();
    assertThat(MAPPER.readTree(ban.out()).get("address").asText()).isEqualTo("127.0.0.0/8");
    assertThat(Await.within(WAIT, () -> netA.peers().isEmpty())).isTrue();

    Run list = cli("peers", "list", "--node", node);
    assertThat(list.status()).as(list.err()).isZero();
    assertThat(MAPPER.readTree(list.out()).get("bans").get(0).get("address").asText()).isEqualTo("127.0.0.0/8");

    Run unban = cli("peers", "unban", "127.0.0.0/8", "--node", node, "--token-file", tokenFile.toString());
    assertThat(unban.status()).as(unban.err()).isZero();
    assertThat(unban.out()).contains("lifted the ban of 127.0.0.0/8");
    assertThat(Await.within(WAIT, () -> netA.peers().size() == 1)).isTrue();

    Run again = cli("peers", "unban", "127.0.0.0/8", "--node", node, "--token-file", tokenFile.toString());
    assertThat(again.status()).isEqualTo(1);
    assertThat(again.err()).contains("not_found");
    for (String[] bad : List.of(
        new String[] {"peers", "ban", "10.0.0.300", "--seconds", "60", "--node", node, "--token-file", tokenFile.toString()},
        new String[] {"peers", "ban", "10.0.0.1", "--seconds", "0", "--node", node, "--token-file", tokenFile.toString()},
        new String[] {"peers", "ban", "10.0.0.1", "--seconds", "60", "--node", node},
        new String[] {"peers", "unban", "nonsense", "--node", node, "--token-file", tokenFile.toString()},
        new String[] {"peers", "ban", "10.0.0.1", "--seconds", "60", "--node", node, "--token-file", tmp.resolve("missing").toString()})) {
      Run r = cli(bad);
      assertThat(r.status()).as(String.join(" ", bad) + ": " + r.err()).isEqualTo(2);
      assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
      assertThat(r.err()).startsWith("ccoin: ");
    }
    java.nio.file.Files.writeString(tokenFile, "wrong-token-0123456789abc");
    Run wrong = cli("peers", "ban", "10.0.0.1", "--seconds", "60", "--node", node, "--token-file", tokenFile.toString());
    assertThat(wrong.status()).isEqualTo(1);
    assertThat(wrong.err()).contains("unauthorized");
    assertThat(netA.bans()).isEmpty();
  }

  @Test
  void bansAreKeptInTheBasePathAndRestoredOnARestart() throws Exception {
    assertThat(ban("{\"address\": \"10.9.0.0/16\", \"seconds\": 600}", TOKEN).status()).isEqualTo(201);
    assertThat(ban("{\"address\": \"10.8.0.1\", \"seconds\": 600}", TOKEN).status()).isEqualTo(201);
    assertThat(unban("10.8.0.1", TOKEN).status()).isEqualTo(204);
    java.time.Instant now = java.time.Instant.now();
    assertThat(banFile.read(now)).extracting(b -> b.range().toString()).containsExactly("10.9.0.0/16");

    // a restarted node: a new network service, the bans read back before it starts
    CcoinNode c = Ccoin.builder().genesis(f.genesis.genesis()).build();
    NetworkService restarted = NetworkService.builder(c, TcpTransport.builder().bind("127.0.0.1", 0).ioThreads(1).build())
        .nodeKey(AccountKey.generate(new SecureRandom())).config(config(List.of())).build();
    try {
      assertThat(banFile.restore(restarted, now)).isEqualTo(1);
      assertThat(restarted.bans()).hasSize(1);
      assertThat(restarted.bans().get(0).range()).isEqualTo(io.ccoin.net.IpRange.parse("10.9.0.0/16"));
      assertThat(restarted.bans().get(0).until()).isEqualTo(netA.bans().get(0).until());
    } finally {
      c.close();
    }
  }
}
