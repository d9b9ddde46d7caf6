package io.ccoin.net.discovery;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * The host syntax discovery accepts: a DNS host name (labels of letters, digits and inner hyphens,
 * at most 63 characters each, 253 in all, no trailing dot), a dotted-quad IPv4 literal, or an IPv6
 * literal without brackets or zone. Nothing here resolves a name.
 */
final class Hosts {
  /** The longest host name. */
  static final int MAX_LENGTH = 253;

  private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
  private static final Pattern IPV4 = Pattern.compile(
      "(?:(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])");
  private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]{1,44}");
  private static final Pattern DIGITS = Pattern.compile("[0-9]+");

  private Hosts() {}

  /** Why {@code host} is not an acceptable host, or null when it is. */
  static String problem(String host) {
    if (host.isEmpty()) {
      return "host is empty";
    }
    if (host.length() > MAX_LENGTH) {
      return "host is longer than " + MAX_LENGTH + " characters";
    }
    if (host.indexOf(':') >= 0) {
      return ipv6(host) ? null : "host is not a valid IPv6 literal";
    }
    String[] labels = host.split("\\.", -1);
    for (String label : labels) {
      if (!LABEL.matcher(label).matches()) {
        return "host is not a valid host name or IP address";
      }
    }
    if (DIGITS.matcher(labels[labels.length - 1]).matches() && !IPV4.matcher(host).matches()) {
      // an all-numeric last label is no DNS name: it must be a dotted-quad address
      return "host is not a valid IPv4 address";
    }
    return null;
  }

  private static boolean ipv6(String host) {
    if (!IPV6_CHARS.matcher(host).matches()) {
      return false;
    }
    try {
      // a literal with ':' is parsed as an IPv6 address, never looked up
      return InetAddress.getByName(host) instanceof Inet6Address
          || host.startsWith("::ffff:");
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
