package io.ccoin.node.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ccoin.net.IpRange;
import io.ccoin.net.ManualBan;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * The operator's peer bans (SPEC 11): {@code POST /peers/bans} with {@code {"address": "IP or
 * CIDR", "seconds": N}} and {@code DELETE /peers/bans/{address}} (a CIDR's {@code /} written
 * {@code %2F}), both behind the API token; and the misbehaviour part of {@code GET /peers}. Bad
 * input is refused with {@code 400} and changes nothing. Thread-safe.
 */
final class PeerBans {
  /** The longest ban: 365 days. */
  static final long MAX_SECONDS = 365L * 24 * 3600;

  private final NetworkView network;
  private final ApiConfig config;
  private final ApiToken token;

  PeerBans(NetworkView network, ApiConfig config, ApiToken token) {
    this.network = network;
    this.config = config;
    this.token = token;
  }

  void ban(Context ctx) {
    Endpoints.authorize(ctx, token);
    ObjectNode o = Inputs.jsonObject(Inputs.body(ctx, config.maxBodyBytes()));
    Inputs.onlyFields(o, Set.of("address", "seconds"));
    IpRange range = range(Inputs.requiredString(o, "address"));
    long seconds = seconds(o.get("seconds"));
    ManualBan ban = network.ban(range, Duration.ofSeconds(seconds));
    ctx.header("Location", ApiServer.BASE + "/peers/bans/" + URLEncoder.encode(range.toString(), StandardCharsets.UTF_8));
    Endpoints.send(ctx, 201, json(ban));
  }

  void unban(Context ctx) {
    Endpoints.authorize(ctx, token);
    IpRange range = range(ctx.pathParam("address"));
    if (!network.unban(range)) {
      throw ApiException.notFound("no ban of " + range + " is in force");
    }
    ctx.status(204);
  }

  private static IpRange range(String text) {
    try {
      return IpRange.parse(text);
    } catch (IllegalArgumentException e) {
      throw ApiException.badParameter("address: " + Inputs.shorten(e.getMessage())
          + " (an IPv4 or IPv6 address, or a CIDR range such as 10.0.0.0/8)");
    }
  }

  private static long seconds(JsonNode v) {
    if (v == null) {
      throw ApiException.badParameter("seconds is required");
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 1 || v.longValue() > MAX_SECONDS) {
      throw ApiException.badParameter("seconds must be a JSON integer from 1 to " + MAX_SECONDS + " (365 days)");
    }
    return v.longValue();
  }

  static ObjectNode json(ManualBan ban) {
    ObjectNode o = Json.object();
    o.put("address", ban.range().toString());
    o.put("until", ban.until().toEpochMilli());
    return o;
  }

  /** Adds {@code discouraged}, {@code refusedNodeIds} and {@code bans} to a {@code GET /peers} answer. */
  void describe(ObjectNode answer) {
    expiries(answer.putArray("discouraged"), "address", network.discouraged());
    expiries(answer.putArray("refusedNodeIds"), "nodeId", network.refusedNodeIds());
    ArrayNode bans = answer.putArray("bans");
    network.bans().forEach(b -> bans.add(json(b)));
  }

  private static void expiries(ArrayNode list, String field, Map<String, Instant> until) {
    until.forEach((k, t) -> list.addObject().put(field, k).put("until", t.toEpochMilli()));
  }
}
