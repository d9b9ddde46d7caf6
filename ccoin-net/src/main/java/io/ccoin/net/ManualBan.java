package io.ccoin.net;

import java.time.Instant;
import java.util.Objects;

/**
 * An operator's ban of an address or range (SPEC 11, {@code POST /peers/bans}): until {@code until}
 * the node closes the range's connections and refuses new ones, inbound and outbound, bootstrap
 * peers included.
 *
 * @param range the banned address or CIDR range
 * @param until when the ban ends
 */
public record ManualBan(IpRange range, Instant until) {
  public ManualBan {
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(until, "until");
  }
}
