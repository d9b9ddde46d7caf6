package io.ccoin.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ccoin.api.Address;
import io.ccoin.net.NetworkConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * docs/API.md against the node: each endpoint's JSON example has the fields, types and shapes the
 * node answers with (through the schemas of the OpenAPI document, which {@link OpenApiTest} holds
 * to the node's real answers), and the facts the doc states about answers hold.
 */
class ApiDocTest {
  private static final Pattern JSON_BLOCK = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern SH_COMMENT = Pattern.compile("curl -s \\$API(\\S+)\\s+# (\\{.*})");

  static ApiFixture fx;
  static JsonNode openapi;
  static String apiMd;

  @BeforeAll
  static void start() throws IOException {
    fx = new ApiFixture();
    openapi = fx.get("/api/v1/openapi.json").json();
    apiMd = Files.readString(docs().resolve("API.md"), StandardCharsets.UTF_8);
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  /** The repository's docs/ folder, found from the module's directory. */
  static Path docs() {
    Path dir = Path.of("").toAbsolutePath();
    for (int up = 0; up < 4 && dir != null; up++, dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("docs/API.md"))) {
        return dir.resolve("docs");
      }
    }
    throw new AssertionError("no docs/API.md above " + Path.of("").toAbsolutePath());
  }

  /** The text of the section whose heading line starts with {@code heading}, up to the next heading of any level. */
  static String section(String heading) {
    int start = apiMd.indexOf("\n" + heading);
    assertThat(start).as("API.md has a section %s", heading).isNotNegative();
    int end = apiMd.indexOf("\n#", start + 1);
    return apiMd.substring(start, end < 0 ? apiMd.length() : end);
  }

  static List<JsonNode> jsonExamples(String section) {
    List<JsonNode> out = new ArrayList<>();
    Matcher m = JSON_BLOCK.matcher(section);
    while (m.find()) {
      try {
        out.add(ApiFixture.MAPPER.readTree(m.group(1)));
      } catch (IOException e) {
        throw new AssertionError("an example that is not JSON:\n" + m.group(1), e);
      }
    }
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "### `GET /status`                    | /api/v1/status",
      "### `GET /transactions/{hash}`       | /api/v1/transactions/{hash}",
      "### `GET /accounts/{address}`        | /api/v1/accounts/{address}",
      "### `GET /accounts/{address}/proof`  | /api/v1/accounts/{address}/proof",
      "### `GET /accounts/{address}/transactions?before=N-I&limit=L` | /api/v1/accounts/{address}/transactions",
      "### `GET /txpool`                    | /api/v1/txpool",
      "### `GET /peers`                     | /api/v1/peers",
      "### `GET /miners`                    | /api/v1/miners",
  })
  void theExampleOfAnEndpointHasTheShapeOfItsAnswer(String heading, String path) {
    List<JsonNode> examples = jsonExamples(section(heading));
    assertThat(examples).as("JSON examples under %s", heading).isNotEmpty();
    JsonNode schema = openapi.at("/paths/" + path.replace("/", "~1") + "/get/responses/200/content/application~1json/schema");
    assertThat(schema.isMissingNode()).isFalse();
    for (JsonNode example : examples) {
      assertThat(new SchemaCheck(openapi).forExamples().problems(example, schema)).as("the example %s under %s", example, heading).isEmpty();
    }
  }

  @Test
  void theOneLineExamplesInCommentsAreWhatTheNodeAnswers() {
    Matcher m = SH_COMMENT.matcher(apiMd);
    int checked = 0;
    while (m.find()) {
      String path = m.group(1);
      JsonNode example = parse(m.group(2));
      JsonNode real = fx.get("/api/v1" + path).json();
      List<String> names = new ArrayList<>();
      example.fieldNames().forEachRemaining(names::add);
      List<String> realNames = new ArrayList<>();
      real.fieldNames().forEachRemaining(realNames::add);
      assertThat(names).as("the fields of the example of %s", path).containsExactlyInAnyOrderElementsOf(realNames);
      checked++;
    }
    assertThat(checked).as("one-line examples found").isGreaterThanOrEqualTo(2);
  }

  @Test
  void theErrorExampleHasTheErrorShape() {
    List<JsonNode> examples = jsonExamples(section("## Conventions"));
    assertThat(examples).hasSize(1);
    assertThat(new SchemaCheck(openapi).problems(examples.get(0), openapi.at("/components/schemas/Error"))).isEmpty();
  }

  @Test
  void thePeersExampleShowsTheAgentTheNodeSends() {
    JsonNode peer = jsonExamples(section("### `GET /peers`")).get(0).get("peers").get(0);
    String agent = NetworkConfig.DEFAULT.agent();
    assertThat(peer.get("agent").asText()).isEqualTo(agent);
    assertThat(section("### `GET /peers`")).contains("`" + agent + "` for this node");
  }

  @Test
  void theMinersAreListedByAddressAsTheDocSays() {
    assertThat(section("### `GET /miners`")).contains("sorted by address (ascending");
    JsonNode miners = fx.get("/api/v1/miners").json().get("miners");
    List<String> listed = new ArrayList<>();
    miners.forEach(m -> listed.add(m.get("address").asText()));
    List<String> genesisOrder = fx.f.miners.stream().map(k -> k.address().toHex()).toList();
    assertThat(listed).containsExactlyInAnyOrderElementsOf(genesisOrder).isSorted();
    assertThat(fx.node.params().miners().stream().map(Address::toHex).toList()).isEqualTo(listed);
  }

  private static JsonNode parse(String json) {
    try {
      return ApiFixture.MAPPER.readTree(json);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + json, e);
    }
  }
}
