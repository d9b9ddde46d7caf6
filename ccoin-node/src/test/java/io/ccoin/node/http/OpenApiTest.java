package io.ccoin.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ccoin.api.Transaction;
import io.ccoin.core.Await;
import io.ccoin.core.Hashes;
import io.ccoin.core.pool.PoolConfig;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v1/openapi.json}: a valid OpenAPI 3 document that describes exactly the routes
 * the server registers, and whose schemas and statuses match what the server answers.
 */
class OpenApiTest {
  private static final Pattern TEMPLATE = Pattern.compile("\\{([^}]+)}");

  /** A network that takes bans, so that the server registers every route it can have. */
  final FakeNetwork network = bannable();
  ApiFixture fx = new ApiFixture(b -> b.network(network), io.ccoin.core.pool.PoolConfig.DEFAULT);

  private static FakeNetwork bannable() {
    FakeNetwork n = new FakeNetwork(io.ccoin.api.Hash.ZERO);
    n.canBan = true;
    return n;
  }

  @AfterEach
  void stop() {
    fx.close();
  }

  private JsonNode document() {
    ApiFixture.Reply r = fx.get("/api/v1/openapi.json");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.headers().get("Content-Type")).startsWith("application/json");
    return r.json();
  }

  /** "GET /api/v1/blocks/{id}" for every operation of the document. */
  private static Set<String> described(JsonNode doc) {
    Set<String> out = new TreeSet<>();
    doc.get("paths").properties().forEach(p -> p.getValue().properties().forEach(op -> out.add(op.getKey().toUpperCase(Locale.ROOT) + " " + p.getKey())));
    return out;
  }

  @Test
  void everyRegisteredRouteIsDescribedAndEveryDescribedRouteExists() {
    List<String> routes = fx.server.routes();
    assertThat(routes).as("the routes read from Javalin").contains("GET /api/v1/status", "POST /api/v1/wallet/transactions", "GET /metrics",
        "POST /api/v1/peers/bans", "DELETE /api/v1/peers/bans/{address}");
    assertThat(new TreeSet<>(routes)).hasSameSizeAs(routes);
    assertThat(described(document())).containsExactlyInAnyOrderElementsOf(routes);
    // a node without a wallet and a network registers three routes less, and nothing undescribed
    try (ApiServer bare = ApiServer.builder(fx.node).build()) {
      assertThat(described(document())).containsAll(bare.routes());
      assertThat(bare.routes()).doesNotContain("POST /api/v1/wallet/transactions", "POST /api/v1/peers/bans")
          .hasSize(routes.size() - 3);
    }
  }

  @Test
  void theDocumentIsValidOpenApi3() {
    String text = fx.get("/api/v1/openapi.json").text();
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(text, null, options);
    assertThat(parsed.getMessages()).as("the parser's complaints").isEmpty();
    OpenAPI api = parsed.getOpenAPI();
    assertThat(api.getOpenapi()).startsWith("3.0.");
    assertThat(api.getInfo().getTitle()).isNotBlank();
    assertThat(api.getPaths()).isNotEmpty();
    Set<String> operationIds = new HashSet<>();
    api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
      String where = method + " " + path;
      assertThat(op.getOperationId()).as("operationId of %s", where).isNotBlank();
      assertThat(operationIds.add(op.getOperationId())).as("operationId of %s is unique", where).isTrue();
      assertThat(op.getSummary()).as("summary of %s", where).isNotBlank();
      assertThat(op.getResponses()).as("responses of %s", where).isNotEmpty();
      assertThat(op.getResponses().keySet()).as("statuses of %s", where).allMatch(s -> s.matches("[1-5][0-9][0-9]"));
      assertThat(op.getResponses()).as("%s has a success answer", where).containsKey(success(op));
      assertThat(pathParameters(item, op)).as("the path parameters of %s", where).isEqualTo(templateVariables(path));
    }));
  }

  @Test
  void theErrorCodesAreTheServersCodes() {
    Set<String> described = new TreeSet<>();
    document().at("/components/schemas/Error/properties/error/properties/code/enum").forEach(c -> described.add(c.asText()));
    Set<String> codes = new TreeSet<>();
    for (ErrorCode c : ErrorCode.values()) {
      codes.add(c.code());
    }
    assertThat(described).isEqualTo(codes);
  }

  private static String success(Operation op) {
    return op.getResponses().keySet().stream().filter(s -> s.startsWith("2")).findFirst().orElse("2xx");
  }

  private static Set<String> pathParameters(PathItem item, Operation op) {
    Set<String> out = new TreeSet<>();
    List<Parameter> all = new ArrayList<>();
    if (item.getParameters() != null) {
      all.addAll(item.getParameters());
    }
    if (op.getParameters() != null) {
      all.addAll(op.getParameters());
    }
    all.stream().filter(p -> "path".equals(p.getIn())).forEach(p -> {
      assertThat(p.getRequired()).as("path parameter %s is required", p.getName()).isTrue();
      out.add(p.getName());
    });
    return out;
  }

  private static Set<String> templateVariables(String path) {
    Set<String> out = new TreeSet<>();
    Matcher m = TEMPLATE.matcher(path);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  @Test
  void theServerAnswersAsDescribed() {
    JsonNode doc = document();
    SchemaCheck schemas = new SchemaCheck(doc);
    Transaction tx = fx.transfer(fx.alice, 0, fx.bob, 1000, 5);
    String txHash = Hashes.txHash(tx).toHex();
    String alice = fx.alice.address().toHex();
    List<String> checked = new ArrayList<>();

    conforms(schemas, doc, checked, "POST", "/api/v1/transactions", fx.submit(tx));
    conforms(schemas, doc, checked, "POST", "/api/v1/transactions", fx.submit(tx));
    conforms(schemas, doc, checked, "GET", "/api/v1/transactions/{hash}", fx.get("/api/v1/transactions/" + txHash));
    fx.extend(List.of(tx));
    fx.extend(List.of());
    conforms(schemas, doc, checked, "POST", "/api/v1/transactions", fx.submit(tx));
    conforms(schemas, doc, checked, "POST", "/api/v1/wallet/transactions",
        fx.wallet("{\"to\": \"" + fx.bob.address().toHex() + "\", \"value\": \"3\"}", ApiFixture.TOKEN));
    conforms(schemas, doc, checked, "POST", "/api/v1/wallet/transactions", fx.wallet("{}", null));
    conforms(schemas, doc, checked, "POST", "/api/v1/wallet/transactions", fx.wallet("{}", "wrong"));
    conforms(schemas, doc, checked, "POST", "/api/v1/transactions", fx.postJson("/api/v1/transactions", "{\"raw\": 1}"));
    conforms(schemas, doc, checked, "POST", "/api/v1/transactions", fx.submit(fx.transfer(fx.alice, 0, fx.bob, 1, 5)));
    conforms(schemas, doc, checked, "POST", "/api/v1/transactions", fx.submit(fx.transfer(fx.alice, 9, fx.bob, 1, 0)));
    // batches: confirmed, new, refused with a hash, refused undecodable; and the msgpack form
    String batch = SubmitBatchTest.jsonBatch(List.of(tx, fx.transfer(fx.alice, 2, fx.bob, 1, 5), fx.transfer(fx.alice, 3, fx.bob, 1, 0)));
    ApiFixture.Reply batchReply = fx.postJson("/api/v1/transactions", batch.substring(0, batch.length() - 1) + ", {\"raw\": \"AAAA\"}]");
    assertThat(batchReply.json().get("refused").asInt()).isEqualTo(2);
    conforms(schemas, doc, checked, "POST", "/api/v1/transactions", batchReply);
    conforms(schemas, doc, checked, "POST", "/api/v1/transactions", fx.post("/api/v1/transactions",
        SubmitBatchTest.msgpackBatch(List.of(fx.transfer(fx.alice, 3, fx.bob, 1, 5))), ApiFixture.MSGPACK, Map.of()));
    conforms(schemas, doc, checked, "POST", "/api/v1/transactions", fx.postJson("/api/v1/transactions", "[]"));
    for (Map.Entry<String, String> get : Map.ofEntries(
        Map.entry("/api/v1/status", "/api/v1/status"),
        Map.entry("/api/v1/blocks/count", "/api/v1/blocks/count"),
        Map.entry("/api/v1/blocks/head", "/api/v1/blocks/head"),
        Map.entry("/api/v1/blocks/1", "/api/v1/blocks/{id}"),
        Map.entry("/api/v1/blocks/1?transactions=hashes", "/api/v1/blocks/{id}"),
        Map.entry("/api/v1/blocks/1?transactions=all", "/api/v1/blocks/{id}"),
        Map.entry("/api/v1/blocks/head?transactions=hashes", "/api/v1/blocks/head"),
        Map.entry("/api/v1/blocks/head?transactions=x", "/api/v1/blocks/head"),
        Map.entry("/api/v1/blocks/0", "/api/v1/blocks/{id}"),
        Map.entry("/api/v1/blocks/nope", "/api/v1/blocks/{id}"),
        Map.entry("/api/v1/blocks/99", "/api/v1/blocks/{id}"),
        Map.entry("/api/v1/blocks?limit=5", "/api/v1/blocks"),
        Map.entry("/api/v1/blocks?limit=500", "/api/v1/blocks"),
        Map.entry("/api/v1/transactions/" + txHash, "/api/v1/transactions/{hash}"),
        Map.entry("/api/v1/transactions/" + "0".repeat(64), "/api/v1/transactions/{hash}"),
        Map.entry("/api/v1/accounts/" + alice, "/api/v1/accounts/{address}"),
        Map.entry("/api/v1/accounts/zz", "/api/v1/accounts/{address}"),
        Map.entry("/api/v1/accounts/" + alice + "/proof", "/api/v1/accounts/{address}/proof"),
        Map.entry("/api/v1/accounts/" + "0".repeat(40) + "/proof", "/api/v1/accounts/{address}/proof"),
        Map.entry("/api/v1/accounts/" + alice + "/transactions", "/api/v1/accounts/{address}/transactions"),
        Map.entry("/api/v1/accounts/" + alice + "/transactions?before=1-1&limit=1", "/api/v1/accounts/{address}/transactions"),
        Map.entry("/api/v1/accounts/" + alice + "/transactions?before=x", "/api/v1/accounts/{address}/transactions"),
        Map.entry("/api/v1/txpool", "/api/v1/txpool"),
        Map.entry("/api/v1/peers", "/api/v1/peers"),
        Map.entry("/api/v1/miners", "/api/v1/miners"),
        Map.entry("/api/v1/health/live", "/api/v1/health/live"),
        Map.entry("/api/v1/health/ready", "/api/v1/health/ready"),
        Map.entry("/api/v1/openapi.json", "/api/v1/openapi.json")).entrySet()) {
      conforms(schemas, doc, checked, "GET", get.getValue(), fx.get(get.getKey()));
    }
    Map<String, String> token = Map.of("Authorization", "Bearer " + ApiFixture.TOKEN);
    byte[] ban = "{\"address\": \"10.1.2.3/8\", \"seconds\": 60}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    conforms(schemas, doc, checked, "POST", "/api/v1/peers/bans", fx.post("/api/v1/peers/bans", ban, ApiFixture.JSON, token));
    conforms(schemas, doc, checked, "POST", "/api/v1/peers/bans", fx.post("/api/v1/peers/bans", ban, ApiFixture.JSON, Map.of()));
    conforms(schemas, doc, checked, "GET", "/api/v1/peers", fx.get("/api/v1/peers"));
    conforms(schemas, doc, checked, "DELETE", "/api/v1/peers/bans/{address}",
        fx.call(new Request.Builder().url(fx.base + "/api/v1/peers/bans/10.0.0.0%2F8").header("Authorization", "Bearer " + ApiFixture.TOKEN).delete().build()));
    conforms(schemas, doc, checked, "DELETE", "/api/v1/peers/bans/{address}",
        fx.call(new Request.Builder().url(fx.base + "/api/v1/peers/bans/10.0.0.0%2F8").header("Authorization", "Bearer " + ApiFixture.TOKEN).delete().build()));
    // a version 1 network takes no proposals
    conforms(schemas, doc, checked, "POST", "/api/v1/miners/proposals", fx.post("/api/v1/miners/proposals",
        ("{\"candidate\": \"" + fx.bob.address().toHex() + "\", \"authorize\": true}").getBytes(StandardCharsets.UTF_8), ApiFixture.JSON, token));
    conforms(schemas, doc, checked, "DELETE", "/api/v1/miners/proposals/{candidate}",
        fx.delete("/api/v1/miners/proposals/" + fx.bob.address().toHex(), ApiFixture.TOKEN));
    conforms(schemas, doc, checked, "GET", "/api/v1/events",
        fx.call(new Request.Builder().url(fx.base + "/api/v1/events").header("Accept", "application/json").build()));
    ApiFixture.Reply metrics = fx.get("/metrics");
    conforms(schemas, doc, checked, "GET", "/metrics", metrics);
    assertThat(checked).contains("POST /api/v1/peers/bans 201", "POST /api/v1/peers/bans 401", "DELETE /api/v1/peers/bans/{address} 204",
        "DELETE /api/v1/peers/bans/{address} 404", "POST /api/v1/miners/proposals 404", "DELETE /api/v1/miners/proposals/{candidate} 404");
    assertThat(checked).contains("POST /api/v1/transactions 202", "POST /api/v1/transactions 200", "POST /api/v1/transactions 400",
        "POST /api/v1/transactions 409", "POST /api/v1/transactions 422", "GET /api/v1/blocks/{id} 404", "GET /api/v1/events 406",
        "POST /api/v1/wallet/transactions 401", "POST /api/v1/wallet/transactions 403");
  }

  @Test
  void theVotingAnswersAreDescribed() {
    fx.close();
    fx = VotingApiTest.votingValidator();
    JsonNode doc = document();
    SchemaCheck schemas = new SchemaCheck(doc);
    List<String> checked = new ArrayList<>();
    String bob = fx.bob.address().toHex();
    Map<String, String> token = Map.of("Authorization", "Bearer " + ApiFixture.TOKEN);
    java.util.function.Function<String, ApiFixture.Reply> propose = body -> fx.post("/api/v1/miners/proposals",
        body.getBytes(StandardCharsets.UTF_8), ApiFixture.JSON, token);
    VotingApiTest.voteBlock(fx, new io.ccoin.api.Vote(fx.alice.address(), true));
    conforms(schemas, doc, checked, "POST", "/api/v1/miners/proposals", propose.apply("{\"candidate\": \"" + bob + "\", \"authorize\": true}"));
    conforms(schemas, doc, checked, "POST", "/api/v1/miners/proposals", propose.apply("{\"candidate\": \"" + bob + "\"}"));
    conforms(schemas, doc, checked, "POST", "/api/v1/miners/proposals",
        propose.apply("{\"candidate\": \"" + fx.f.miners.get(1).address().toHex() + "\", \"authorize\": true}"));
    conforms(schemas, doc, checked, "POST", "/api/v1/miners/proposals", fx.post("/api/v1/miners/proposals", new byte[0], ApiFixture.JSON, Map.of()));
    conforms(schemas, doc, checked, "POST", "/api/v1/miners/proposals", fx.post("/api/v1/miners/proposals", new byte[0], ApiFixture.JSON,
        Map.of("Authorization", "Bearer wrong-token-0123456789")));
    conforms(schemas, doc, checked, "GET", "/api/v1/miners", fx.get("/api/v1/miners"));
    conforms(schemas, doc, checked, "GET", "/api/v1/blocks/{id}", fx.get("/api/v1/blocks/1"));
    conforms(schemas, doc, checked, "GET", "/api/v1/blocks/{id}", fx.get("/api/v1/blocks/0"));
    conforms(schemas, doc, checked, "GET", "/api/v1/blocks", fx.get("/api/v1/blocks"));
    conforms(schemas, doc, checked, "DELETE", "/api/v1/miners/proposals/{candidate}", fx.delete("/api/v1/miners/proposals/" + bob, ApiFixture.TOKEN));
    conforms(schemas, doc, checked, "DELETE", "/api/v1/miners/proposals/{candidate}", fx.delete("/api/v1/miners/proposals/" + bob, ApiFixture.TOKEN));
    assertThat(checked).contains("POST /api/v1/miners/proposals 202", "POST /api/v1/miners/proposals 400", "POST /api/v1/miners/proposals 409",
        "POST /api/v1/miners/proposals 401", "POST /api/v1/miners/proposals 403", "DELETE /api/v1/miners/proposals/{candidate} 204",
        "DELETE /api/v1/miners/proposals/{candidate} 404");
    assertThat(fx.get("/api/v1/miners").json().has("votes")).isTrue();
  }

  @Test
  void aRateLimitedAnswerIsDescribedWithItsRetryAfter() {
    fx.close();
    fx = new ApiFixture(b -> b.config(ApiConfig.builder().submitRate(new ApiConfig.RateLimit(0.001, 1)).maxEventClients(1).build()),
        PoolConfig.DEFAULT);
    JsonNode doc = document();
    SchemaCheck schemas = new SchemaCheck(doc);
    List<String> checked = new ArrayList<>();
    fx.postJson("/api/v1/transactions", "{");
    ApiFixture.Reply limited = fx.postJson("/api/v1/transactions", "{");
    conforms(schemas, doc, checked, "POST", "/api/v1/transactions", limited);
    JsonNode declared = schemas.resolve(doc.at("/paths/~1api~1v1~1transactions/post/responses/429"));
    assertThat(declared.at("/headers/Retry-After/required").asBoolean()).isTrue();
    assertThat(limited.headers().get("Retry-After")).matches("[1-9][0-9]*");
    assertThat(checked).containsExactly("POST /api/v1/transactions 429");
  }

  @Test
  void aBusyAnswerIsDescribedWithItsRetryAfter() throws Exception {
    fx.close();
    fx = new ApiFixture(b -> b.config(ApiConfig.builder().submitConcurrency(1).submitQueue(0).submitRate(ApiConfig.RateLimit.UNLIMITED).build()), PoolConfig.DEFAULT);
    JsonNode doc = document();
    SchemaCheck schemas = new SchemaCheck(doc);
    List<String> checked = new ArrayList<>();
    // a submission whose body never finishes holds the only place
    try (SlowSubmission slow = new SlowSubmission(fx.server.port(), 50, "{")) {
      ApiFixture.Reply busy = slow.awaitBusy(() -> fx.postJson("/api/v1/transactions", "{"), r -> { });
      conforms(schemas, doc, checked, "POST", "/api/v1/transactions", busy);
      assertThat(busy.headers().get("Retry-After")).isEqualTo("1");
    }
    assertThat(checked).containsExactly("POST /api/v1/transactions 503");
  }

  /** Asserts that the operation documents {@code reply}'s status and that a JSON body matches its schema. */
  private static void conforms(SchemaCheck schemas, JsonNode doc, List<String> checked, String method, String path, ApiFixture.Reply reply) {
    String where = method + " " + path + " " + reply.status();
    JsonNode op = doc.path("paths").path(path).path(method.toLowerCase(Locale.ROOT));
    assertThat(op.isMissingNode()).as("%s is described", method + " " + path).isFalse();
    JsonNode response = op.path("responses").path(Integer.toString(reply.status()));
    assertThat(response.isMissingNode()).as("%s: the status is described (answer %s)", where, reply.text()).isFalse();
    response = schemas.resolve(response);
    if (reply.status() == 204) {
      assertThat(reply.text()).as("%s has no body", where).isEmpty();
      assertThat(response.path("content").isMissingNode()).as("%s is described without content", where).isTrue();
      checked.add(where);
      return;
    }
    String type = reply.headers().get("Content-Type");
    assertThat(type).as("%s has a content type", where).isNotNull();
    String mediaType = type.split(";")[0].strip();
    JsonNode content = response.path("content").path(mediaType);
    assertThat(content.isMissingNode()).as("%s: %s is described", where, mediaType).isFalse();
    if (mediaType.equals("application/json")) {
      assertThat(schemas.problems(reply.json(), content.get("schema"))).as("%s: %s", where, reply.text()).isEmpty();
    } else {
      assertThat(reply.text().getBytes(StandardCharsets.UTF_8)).isNotEmpty();
    }
    checked.add(where);
  }
}
