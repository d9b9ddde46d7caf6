package io.ccoin.net;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IP address or a CIDR range of them, as an operator bans by hand (SPEC 11, {@code POST
 * /peers/bans}): {@code 10.0.0.7}, {@code 10.0.0.0/8}, {@code ::1}, {@code 2001:db8::/32}. Parsed
 * strictly from literals (never a DNS lookup): dotted-quad IPv4 with four decimal parts 0..255, or
 * IPv6 in any {@link InetAddress} literal form without a zone; an IPv4-mapped IPv6 address is the
 * IPv4 address. The host bits below the prefix are cleared, so {@code 10.1.2.3/8} is {@code
 * 10.0.0.0/8}. Immutable; {@link #toString()} is the canonical form (a single address without
 * {@code /32} or {@code /128}).
 */
public final class IpRange {
  private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
  private static final Pattern PREFIX = Pattern.compile("\\d{1,3}");

  private final byte[] network;
  private final int prefix;

  private IpRange(byte[] network, int prefix) {
    this.network = network;
    this.prefix = prefix;
  }

  /**
   * Parses {@code text}: an address, or an address, {@code /} and a prefix length (0..32 for IPv4,
   * 0..128 for IPv6).
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static IpRange parse(String text) {
    Objects.requireNonNull(text, "text");
    String s = text.strip();
    int slash = s.indexOf('/');
    String addressPart = slash < 0 ? s : s.substring(0, slash);
    InetAddress address = parseAddress(addressPart)
        .orElseThrow(() -> new IllegalArgumentException("'" + shorten(text) + "' is not an IP address or CIDR range"));
    int bits = address.getAddress().length * 8;
    int prefix = bits;
    if (slash >= 0) {
      String p = s.substring(slash + 1);
      if (!PREFIX.matcher(p).matches() || Integer.parseInt(p) > bits) {
        throw new IllegalArgumentException("'" + shorten(text) + "' has a bad prefix length: it must be 0.." + bits);
      }
      prefix = Integer.parseInt(p);
    }
    byte[] net = address.getAddress();
    for (int i = 0; i < net.length; i++) {
      int keep = Math.max(0, Math.min(8, prefix - i * 8));
      net[i] &= (byte) (0xff << (8 - keep));
    }
    return new IpRange(net, prefix);
  }

  /** The address {@code literal} names, if it is an IP literal (IPv4 dotted quad, or IPv6 without a zone). */
  public static Optional<InetAddress> parseAddress(String literal) {
    if (literal == null) {
      return Optional.empty();
    }
    String s = literal.startsWith("[") && literal.endsWith("]") ? literal.substring(1, literal.length() - 1) : literal;
    boolean v4 = IPV4.matcher(s).matches();
    if (!v4 && !(IPV6.matcher(s).matches() && s.indexOf(':') >= 0)) {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByName(s)); // a literal: no lookup
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  /** True when {@code address} is in this range (an IPv4 range holds no IPv6 address and the reverse). */
  public boolean contains(InetAddress address) {
    byte[] a = address.getAddress();
    if (a.length != network.length) {
      return false;
    }
    for (int i = 0; i < a.length; i++) {
      int keep = Math.max(0, Math.min(8, prefix - i * 8));
      int mask = (0xff << (8 - keep)) & 0xff;
      if ((a[i] & mask) != (network[i] & mask)) {
        return false;
      }
    }
    return true;
  }

  /** True when {@code host} is an IP literal in this range; a host name is never in a range. */
  public boolean contains(String host) {
    return parseAddress(host).map(this::contains).orElse(false);
  }

  /** The prefix length: 32 or 128 for a single address. */
  public int prefixLength() {
    return prefix;
  }

  public boolean isSingleAddress() {
    return prefix == network.length * 8;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IpRange r && r.prefix == prefix && java.util.Arrays.equals(r.network, network);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(network) * 31 + prefix;
  }

  @Override
  public String toString() {
    String a;
    try {
      a = InetAddress.getByAddress(network).getHostAddress();
    } catch (UnknownHostException e) {
      throw new IllegalStateException("4 or 16 bytes are always an address", e);
    }
    if (!(network.length == 4) && a.contains(":")) {
      a = compressIpv6(a);
    }
    return isSingleAddress() ? a : a + "/" + prefix;
  }

  /** Java prints {@code 0:0:0:0:0:0:0:1}; the canonical text form (RFC 5952) is {@code ::1}. */
  private static String compressIpv6(String full) {
    String[] groups = full.split(":");
    int bestStart = -1;
    int bestLen = 1;
    for (int i = 0; i < groups.length; ) {
      if (groups[i].equals("0")) {
        int j = i;
        while (j < groups.length && groups[j].equals("0")) {
          j++;
        }
        if (j - i > bestLen) {
          bestStart = i;
          bestLen = j - i;
        }
        i = j;
      } else {
        i++;
      }
    }
    if (bestStart < 0) {
      return full;
    }
    String head = String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart));
    String tail = String.join(":", java.util.Arrays.copyOfRange(groups, bestStart + bestLen, groups.length));
    return head + "::" + tail;
  }

  /** Whether the range is IPv4 (an {@link Inet4Address} range). */
  public boolean isIpv4() {
    return network.length == 4;
  }

  private static String shorten(String s) {
    return s.length() <= 64 ? s : s.substring(0, 64) + "...";
  }
}
