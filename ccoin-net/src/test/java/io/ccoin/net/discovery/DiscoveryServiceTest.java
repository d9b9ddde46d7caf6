package io.ccoin.net.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ccoin.api.Bytes;
import io.ccoin.core.MutableClock;
import io.ccoin.core.TestKeys;
import io.ccoin.core.crypto.AccountKey;
import io.ccoin.core.crypto.Domain;
import io.ccoin.core.crypto.PublicKeys;
import io.ccoin.core.crypto.Signatures;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The discovery service over real HTTP on 127.0.0.1, with a clock the tests move. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DiscoveryServiceTest {
  static final long T0 = 1_700_000_000_000L;
  static final long CHAIN = 7;

  final MutableClock clock = new MutableClock(T0);
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  final AccountKey key0 = TestKeys.vector(0);
  final AccountKey key1 = TestKeys.vector(1);
  final AccountKey key2 = TestKeys.vector(2);
  DiscoveryService service;

  record Answer(int status, String body) {
    JsonNode json() {
      return DiscoveryJson.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    String errorCode() {
      return json().path("error").path("code").asText();
    }
  }

  @BeforeEach
  void start() {
    service = startService(DiscoveryService.builder());
  }

  @AfterEach
  void stop() {
    service.close();
  }

  DiscoveryService startService(DiscoveryService.Builder b) {
    return b.bind("127.0.0.1", 0).clock(clock).build().start();
  }

  void restart(DiscoveryService.Builder b) {
    service.close();
    service = startService(b);
  }

  URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + service.port() + pathAndQuery);
  }

  Answer send(String method, String pathAndQuery, BodyPublisher body) {
    try {
      HttpRequest request = HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(10))
          .header("Content-Type", "application/json").method(method, body).build();
      var response = http.send(request, BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  Answer post(String json) {
    return send("POST", "/peers", BodyPublishers.ofString(json));
  }

  Answer post(PeerRegistration r) {
    return post(json(r));
  }

  Answer delete(String nodeId, String json) {
    return send("DELETE", "/peers/" + nodeId, BodyPublishers.ofString(json));
  }

  Answer get(String pathAndQuery) {
    return send("GET", pathAndQuery, BodyPublishers.noBody());
  }

  JsonNode peers(long chainId) {
    Answer a = get("/peers?chainId=" + chainId);
    assertThat(a.status()).isEqualTo(200);
    return a.json();
  }

  static String json(PeerRegistration r) {
    return new String(DiscoveryJson.registrationJson(r), StandardCharsets.UTF_8);
  }

  static ObjectNode node(PeerRegistration r) {
    return (ObjectNode) DiscoveryJson.parse(DiscoveryJson.registrationJson(r));
  }

  PeerRegistration reg(AccountKey key, String host, int port, long timestamp) {
    return PeerRegistration.register(key, host, port, CHAIN, timestamp);
  }

  PeerRegistration reg(AccountKey key) {
    return reg(key, "127.0.0.1", 30333, clock.millis());
  }

  /** A request signed over exactly these values, valid or not. */
  static ObjectNode signedAnyway(AccountKey key, String host, int port, long chainId, long timestamp) {
    Bytes sig = key.sign(PeerRegistration.signingMessage(host, port, chainId, timestamp));
    ObjectNode o = DiscoveryJson.MAPPER.createObjectNode();
    o.put("host", host).put("port", port).put("chainId", chainId).put("nodeKey", key.publicKey().toBase64())
        .put("timestamp", timestamp).put("signature", sig.toBase64());
    return o;
  }

  static String nodeId(AccountKey key) {
    return PeerRegistration.deregister(key, CHAIN, 0).nodeId().toHex();
  }

  void assertError(Answer a, int status, String code) {
    assertThat(a.status()).as(a.body()).isEqualTo(status);
    assertThat(a.errorCode()).as(a.body()).isEqualTo(code);
    assertThat(a.json().path("error").path("message").asText()).isNotEmpty();
  }

  // ---- registration and listing

  @Test
  void aRegisteredNodeIsListedForItsChain() {
    Answer a = post(reg(key0, "node0.example.org", 30333, T0));
    assertThat(a.status()).as(a.body()).isEqualTo(204);
    JsonNode list = peers(CHAIN);
    assertThat(list).hasSize(1);
    JsonNode p = list.get(0);
    assertThat(p.get("host").asText()).isEqualTo("node0.example.org");
    assertThat(p.get("port").asInt()).isEqualTo(30333);
    assertThat(p.get("nodeId").asText()).isEqualTo(nodeId(key0)).hasSize(64);
    assertThat(p.get("lastSeen").asLong()).isEqualTo(T0);
    assertThat(p.size()).isEqualTo(4);
    assertThat(peers(CHAIN + 1)).isEmpty();
  }

  @Test
  void theListHoldsOneChainFreshestFirst() {
    assertThat(post(reg(key0)).status()).isEqualTo(204);
    clock.advance(1000);
    assertThat(post(reg(key1, "10.0.0.2", 4000, clock.millis())).status()).isEqualTo(204);
    assertThat(post(PeerRegistration.register(key2, "10.0.0.3", 4000, CHAIN + 1, clock.millis())).status()).isEqualTo(204);
    JsonNode list = peers(CHAIN);
    assertThat(list).hasSize(2);
    assertThat(list.get(0).get("nodeId").asText()).isEqualTo(nodeId(key1));
    assertThat(list.get(1).get("nodeId").asText()).isEqualTo(nodeId(key0));
    assertThat(peers(CHAIN + 1)).hasSize(1);
  }

  @Test
  void registeringAgainUpdatesTheAddressAndLastSeen() {
    assertThat(post(reg(key0, "10.0.0.1", 1000, T0)).status()).isEqualTo(204);
    clock.advance(30_000);
    assertThat(post(reg(key0, "10.0.0.9", 2000, clock.millis())).status()).isEqualTo(204);
    JsonNode list = peers(CHAIN);
    assertThat(list).hasSize(1);
    assertThat(list.get(0).get("host").asText()).isEqualTo("10.0.0.9");
    assertThat(list.get(0).get("port").asInt()).isEqualTo(2000);
    assertThat(list.get(0).get("lastSeen").asLong()).isEqualTo(T0 + 30_000);
  }

  @Test
  void anEntryExpires120sAfterItsLastRegistration() {
    assertThat(post(reg(key0)).status()).isEqualTo(204);
    clock.advance(100_000);
    assertThat(post(reg(key1)).status()).isEqualTo(204);
    clock.advance(20_000); // key0 registered exactly 120 s ago: still there
    assertThat(peers(CHAIN)).hasSize(2);
    clock.advance(1);
    assertThat(peers(CHAIN)).hasSize(1);
    assertThat(peers(CHAIN).get(0).get("nodeId").asText()).isEqualTo(nodeId(key1));
    clock.advance(100_000);
    assertThat(peers(CHAIN)).isEmpty();
    assertThat(service.size()).isZero();
  }

  // ---- authentication

  @Test
  void aSignatureByAnotherKeyIsRefused() {
    PeerRegistration byKey1 = reg(key1);
    ObjectNode forged = node(reg(key0));
    forged.put("signature", byKey1.signature().toBase64());
    assertError(post(forged.toString()), 401, "bad_signature");
    assertThat(peers(CHAIN)).isEmpty();
  }

  @Test
  void aChangedFieldBreaksTheSignature() {
    ObjectNode changedPort = node(reg(key0));
    changedPort.put("port", 30334);
    assertError(post(changedPort.toString()), 401, "bad_signature");
    ObjectNode changedHost = node(reg(key0));
    changedHost.put("host", "10.6.6.6");
    assertError(post(changedHost.toString()), 401, "bad_signature");
    ObjectNode changedChain = node(reg(key0));
    changedChain.put("chainId", CHAIN + 1);
    assertError(post(changedChain.toString()), 401, "bad_signature");
    assertThat(peers(CHAIN)).isEmpty();
  }

  @Test
  void aSignatureOfTheWrongLengthIsABadSignature() {
    ObjectNode o = node(reg(key0));
    o.put("signature", Bytes.of(new byte[10]).toBase64());
    assertError(post(o.toString()), 401, "bad_signature");
    o.put("signature", Bytes.of(new byte[0]).toBase64());
    assertError(post(o.toString()), 401, "bad_signature");
  }

  @Test
  void aSignatureForAnotherPurposeIsRefused() {
    ObjectNode o = node(reg(key0));
    byte[] message = PeerRegistration.signingMessage("127.0.0.1", 30333, CHAIN, T0);
    byte[] body = Arrays.copyOfRange(message, Domain.DISCOVERY.length(), message.length);
    o.put("signature", key0.sign(Signatures.signingMessage(Domain.P2P, body)).toBase64());
    assertError(post(o.toString()), 401, "bad_signature");
  }

  @Test
  void aNonCanonicalKeyIsRefused() {
    ObjectNode o = node(reg(key0));
    byte[] spki = key0.publicKey().toArray();
    o.put("nodeKey", Bytes.of(Arrays.copyOf(spki, spki.length - 1)).toBase64());
    assertError(post(o.toString()), 422, "bad_key");
    byte[] wrongExponent = spki.clone();
    wrongExponent[spki.length - 1] = 3;
    assertThat(PublicKeys.isValid(Bytes.of(wrongExponent))).isFalse();
    o.put("nodeKey", Bytes.of(wrongExponent).toBase64());
    assertError(post(o.toString()), 422, "bad_key");
  }

  @Test
  void aReplayedOrOlderRegistrationIsRefused() {
    String first = json(reg(key0, "10.0.0.1", 1000, T0));
    assertThat(post(first).status()).isEqualTo(204);
    assertError(post(first), 401, "replayed");
    assertError(post(reg(key0, "10.6.6.6", 1000, T0 - 1)), 401, "replayed");
    assertThat(peers(CHAIN).get(0).get("host").asText()).isEqualTo("10.0.0.1");
    assertThat(post(reg(key0, "10.0.0.2", 1000, T0 + 1)).status()).isEqualTo(204);
    assertError(post(first), 401, "replayed");
  }

  @Test
  void aRegistrationReplayedAfterTheNodeLeftIsRefused() {
    String registration = json(reg(key0, "10.0.0.1", 1000, T0));
    assertThat(post(registration).status()).isEqualTo(204);
    clock.advance(5_000);
    String bye = json(PeerRegistration.deregister(key0, CHAIN, clock.millis()));
    assertThat(delete(nodeId(key0), bye).status()).isEqualTo(204);
    assertError(post(registration), 401, "replayed");
    assertThat(peers(CHAIN)).isEmpty();
    assertThat(delete(nodeId(key0), bye).status()).isEqualTo(401);
  }

  @Test
  void aRegistrationReplayedAfterExpiryIsStale() {
    String registration = json(reg(key0, "10.0.0.1", 1000, T0));
    assertThat(post(registration).status()).isEqualTo(204);
    clock.advance(120_001);
    assertThat(peers(CHAIN)).isEmpty();
    assertError(post(registration), 401, "bad_timestamp");
  }

  @Test
  void theTimestampMustBeWithin60sOfTheServiceClock() {
    assertThat(post(reg(key0, "10.0.0.1", 1000, T0 + 60_000)).status()).isEqualTo(204);
    assertThat(post(reg(key1, "10.0.0.1", 1000, T0 - 60_000)).status()).isEqualTo(204);
    assertError(post(reg(key2, "10.0.0.1", 1000, T0 + 60_001)), 401, "bad_timestamp");
    assertError(post(reg(key2, "10.0.0.1", 1000, T0 - 60_001)), 401, "bad_timestamp");
    assertThat(peers(CHAIN)).hasSize(2);
  }

  // ---- input validation

  @ParameterizedTest
  @ValueSource(strings = {"localhost", "node-1.example.org", "a", "10.0.0.1", "255.255.255.255", "::1",
      "2001:db8::7", "::ffff:10.0.0.1", "xn--bcher-kva.example"})
  void acceptedHosts(String host) {
    Answer a = post(signedAnyway(key0, host, 30333, CHAIN, T0).toString());
    assertThat(a.status()).as(a.body()).isEqualTo(204);
    assertThat(peers(CHAIN).get(0).get("host").asText()).isEqualTo(host);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "a b", "node0.example.org ", "-a.example", "a-.example", "a..b", ".a", "a.",
      "host_name", "999.1.1.1", "1.2.3", "10.0.0.01x.5", "fe80::1%eth0", "[::1]", "::g", "1:2:3:4:5:6:7:8:9",
      "http://a", "a/b", "ä.example", "a\tb"})
  void refusedHosts(String host) {
    assertError(post(signedAnyway(key0, host, 30333, CHAIN, T0).toString()), 400, "bad_parameter");
  }

  @Test
  void aHostOf253CharactersIsTheLongest() {
    String label = "a".repeat(63);
    String host253 = label + "." + label + "." + label + "." + "a".repeat(61);
    assertThat(host253).hasSize(253);
    assertThat(post(signedAnyway(key0, host253, 1, CHAIN, T0).toString()).status()).isEqualTo(204);
    String host254 = label + "." + label + "." + label + "." + "a".repeat(62);
    assertError(post(signedAnyway(key1, host254, 1, CHAIN, T0).toString()), 400, "bad_parameter");
    assertError(post(signedAnyway(key1, "a".repeat(64) + ".example", 1, CHAIN, T0).toString()), 400, "bad_parameter");
  }

  @Test
  void badPorts() {
    assertError(post(signedAnyway(key0, "10.0.0.1", 0, CHAIN, T0).toString()), 400, "bad_parameter");
    for (String port : new String[] {"65536", "-1", "80.5", "\"80\"", "1e3", "true", "[80]", "99999999999999999999"}) {
      ObjectNode o = signedAnyway(key0, "10.0.0.1", 80, CHAIN, T0);
      String text = o.toString().replace("\"port\":80", "\"port\":" + port);
      assertError(post(text), 400, "bad_parameter");
    }
    assertThat(post(signedAnyway(key0, "10.0.0.1", 65535, CHAIN, T0).toString()).status()).isEqualTo(204);
  }

  @Test
  void badNumbersElsewhere() {
    ObjectNode o = signedAnyway(key0, "10.0.0.1", 80, CHAIN, T0);
    assertError(post(o.toString().replace("\"chainId\":7", "\"chainId\":-7")), 400, "bad_parameter");
    assertError(post(o.toString().replace("\"chainId\":7", "\"chainId\":7.0")), 400, "bad_parameter");
    assertError(post(o.toString().replace("\"timestamp\":" + T0, "\"timestamp\":\"" + T0 + "\"")), 400, "bad_parameter");
  }

  @Test
  void badBase64() {
    ObjectNode o = node(reg(key0));
    o.put("nodeKey", "!!!not base64!!!");
    assertError(post(o.toString()), 400, "bad_base64");
    ObjectNode unpadded = node(reg(key0));
    String sig = unpadded.get("signature").asText();
    assertThat(sig).endsWith("=");
    unpadded.put("signature", sig.replace("=", ""));
    assertError(post(unpadded.toString()), 400, "bad_base64");
    ObjectNode urlSafe = node(reg(key0));
    urlSafe.put("nodeKey", urlSafe.get("nodeKey").asText().replace('+', '-').replace('/', '_'));
    assertError(post(urlSafe.toString()), 400, "bad_base64");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "{", "not json", "{\"host\": }", "{} {}", "{\"host\":\"a\",\"host\":\"b\"}"})
  void malformedJson(String body) {
    assertError(post(body), 400, "malformed_json");
  }

  @Test
  void notAnObjectIsMalformed() {
    assertError(post("[]"), 400, "malformed_json");
    assertError(post("42"), 400, "malformed_json");
  }

  @Test
  void unknownMissingNullAndMistypedFieldsAreRefused() {
    ObjectNode unknown = node(reg(key0));
    unknown.put("extra", 1);
    assertError(post(unknown.toString()), 400, "bad_parameter");
    ObjectNode missing = node(reg(key0));
    missing.remove("timestamp");
    assertError(post(missing.toString()), 400, "bad_parameter");
    ObjectNode nulled = node(reg(key0));
    nulled.putNull("host");
    assertError(post(nulled.toString()), 400, "bad_parameter");
    ObjectNode mistyped = node(reg(key0));
    mistyped.put("host", 1234);
    assertError(post(mistyped.toString()), 400, "bad_parameter");
    ObjectNode nested = node(reg(key0));
    nested.putObject("nodeKey");
    assertError(post(nested.toString()), 400, "bad_parameter");
  }

  @Test
  void aBodyOverTheLimitIsTooLarge() {
    ObjectNode o = node(reg(key0));
    o.put("host", "a".repeat(DiscoveryService.MAX_BODY_BYTES));
    assertError(post(o.toString()), 413, "too_large");
    byte[] big = new byte[DiscoveryService.MAX_BODY_BYTES + 100];
    Arrays.fill(big, (byte) ' ');
    // without a Content-Length (chunked), the body is still cut off at the limit
    Answer chunked = send("POST", "/peers", BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)));
    assertError(chunked, 413, "too_large");
    assertThat(post(reg(key0)).status()).isEqualTo(204);
  }

  // ---- bounds

  @Test
  void oneClientAddressHoldsAtMostItsQuota() {
    restart(DiscoveryService.builder().maxEntriesPerClient(2));
    assertThat(post(reg(key0)).status()).isEqualTo(204);
    assertThat(post(reg(key1)).status()).isEqualTo(204);
    assertError(post(reg(key2)), 429, "quota_exceeded");
    clock.advance(1);
    assertThat(post(reg(key0)).status()).as("re-registering is no new entry").isEqualTo(204);
    assertThat(delete(nodeId(key1), json(PeerRegistration.deregister(key1, CHAIN, clock.millis()))).status())
        .isEqualTo(204);
    assertThat(post(reg(key2)).status()).isEqualTo(204);
    assertThat(peers(CHAIN)).hasSize(2);
  }

  @Test
  void theTableIsBounded() {
    restart(DiscoveryService.builder().maxEntries(2));
    assertThat(post(reg(key0)).status()).isEqualTo(204);
    assertThat(post(reg(key1)).status()).isEqualTo(204);
    assertError(post(reg(key2)), 429, "table_full");
    clock.advance(1);
    assertThat(post(reg(key1)).status()).isEqualTo(204);
    assertThat(service.size()).isEqualTo(2);
    clock.advance(120_000); // key0 expires, key1 (1 ms younger) not yet
    assertThat(post(reg(key2)).status()).isEqualTo(204);
    assertThat(peers(CHAIN)).hasSize(2);
  }

  @Test
  void theDefaultsAreThoseOfSpec10() {
    DiscoveryService d = DiscoveryService.builder().build();
    assertThat(d.maxEntries()).isEqualTo(10_000);
    assertThat(d.maxEntriesPerClient()).isEqualTo(16);
    assertThat(DiscoveryService.DEFAULT_PORT).isEqualTo(4444);
    d.close();
  }

  // ---- deregistration

  @Test
  void aSignedDeregistrationRemovesTheNode() {
    assertThat(post(reg(key0)).status()).isEqualTo(204);
    assertThat(post(reg(key1)).status()).isEqualTo(204);
    clock.advance(1);
    Answer a = delete(nodeId(key0), json(PeerRegistration.deregister(key0, CHAIN, clock.millis())));
    assertThat(a.status()).as(a.body()).isEqualTo(204);
    JsonNode list = peers(CHAIN);
    assertThat(list).hasSize(1);
    assertThat(list.get(0).get("nodeId").asText()).isEqualTo(nodeId(key1));
  }

  @Test
  void anUppercaseOr0xNodeIdNamesTheSameNode() {
    assertThat(post(reg(key0)).status()).isEqualTo(204);
    clock.advance(1);
    assertThat(delete("0x" + nodeId(key0).toUpperCase(), json(PeerRegistration.deregister(key0, CHAIN, clock.millis())))
        .status()).isEqualTo(204);
  }

  @Test
  void aForgedDeregistrationIsRefused() {
    assertThat(post(reg(key0)).status()).isEqualTo(204);
    clock.advance(1);
    ObjectNode forged = node(PeerRegistration.deregister(key0, CHAIN, clock.millis()));
    forged.put("signature", PeerRegistration.deregister(key1, CHAIN, clock.millis()).signature().toBase64());
    assertError(delete(nodeId(key0), forged.toString()), 401, "bad_signature");
    assertThat(peers(CHAIN)).hasSize(1);
  }

  @Test
  void anotherNodesKeyCannotDeregister() {
    assertThat(post(reg(key0)).status()).isEqualTo(204);
    clock.advance(1);
    String byKey1 = json(PeerRegistration.deregister(key1, CHAIN, clock.millis()));
    assertError(delete(nodeId(key0), byKey1), 403, "forbidden");
    assertThat(peers(CHAIN)).hasSize(1);
  }

  @Test
  void deregisteringAnUnknownNodeIsNotFound() {
    assertError(delete(nodeId(key2), json(PeerRegistration.deregister(key2, CHAIN, clock.millis()))), 404, "not_found");
  }

  @Test
  void aDeregistrationMustHaveNoAddressAndAFreshTimestamp() {
    assertThat(post(reg(key0)).status()).isEqualTo(204);
    clock.advance(1);
    assertError(delete(nodeId(key0), json(reg(key0))), 400, "bad_parameter");
    assertError(delete(nodeId(key0), json(PeerRegistration.deregister(key0, CHAIN, clock.millis() - 60_001))),
        401, "bad_timestamp");
    assertError(delete(nodeId(key0), json(PeerRegistration.deregister(key0, CHAIN, T0))), 401, "replayed");
    assertError(delete("abc", json(PeerRegistration.deregister(key0, CHAIN, clock.millis()))), 400, "bad_parameter");
    assertError(delete("zz" + nodeId(key0).substring(2), json(PeerRegistration.deregister(key0, CHAIN, clock.millis()))),
        400, "bad_parameter");
    assertThat(peers(CHAIN)).hasSize(1);
  }

  // ---- listing parameters and unknown endpoints

  @ParameterizedTest
  @ValueSource(strings = {"/peers", "/peers?chainId=", "/peers?chainId=abc", "/peers?chainId=-1", "/peers?chainId=1.0",
      "/peers?chainId=99999999999999999999", "/peers?chainId=9223372036854775808"})
  void badChainIdsAreRefused(String pathAndQuery) {
    assertError(get(pathAndQuery), 400, "bad_parameter");
  }

  @Test
  void theLargestChainIdIsAccepted() {
    assertThat(get("/peers?chainId=9223372036854775807").status()).isEqualTo(200);
  }

  @Test
  void anUnknownEndpointIsAJsonNotFound() {
    assertError(get("/nothing"), 404, "not_found");
  }
}
