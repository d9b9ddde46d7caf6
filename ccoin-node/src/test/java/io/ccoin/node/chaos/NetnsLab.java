package io.ccoin.node.chaos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A private network made of Linux network namespaces: one bridge in the test's own namespace and,
 * per host, a namespace joined to the bridge by a veth pair. Every address is in 198.18.0.0/15 (the
 * range RFC 2544 sets aside for network tests) and exists only inside this machine, on namespaces
 * this lab created; {@link #close()} deletes all of them, and a later lab deletes those of a killed run.
 *
 * <p>A partition is made with blackhole routes inside the hosts' namespaces, so the hosts of one side
 * cannot reach those of the other while the test (on the bridge) still reaches every host. Latency
 * and loss would need the kernel's {@code sch_netem}; {@link #netemReason()} says whether it is there.
 */
final class NetnsLab implements AutoCloseable {
  /** A prefix that marks every interface and namespace of a lab, so stale ones can be found. */
  static final String PREFIX = "ccx";
  /** A lab's namespace ({@code ccx<tag>h<n>}) or bridge ({@code ccx<tag>br}). */
  private static final Pattern NAME = Pattern.compile(PREFIX + "[0-9a-f]{4}(h[0-9]+|br)");
  /** One file per running lab, named by its tag, holding the pid of the test process that made it. */
  private static final Path OWNERS = Path.of(System.getProperty("java.io.tmpdir"), "ccoin-netns-labs");

  private final String tag;
  private final int subnet;
  private final List<Host> hosts = new ArrayList<>();
  private final List<String> blackholes = new ArrayList<>();
  private boolean bridgeUp;

  /** One namespace on the lab's bridge. */
  record Host(String name, String namespace, String address) {}

  private NetnsLab(String tag, int subnet) {
    this.tag = tag;
    this.subnet = subnet;
  }

  /** Why a lab cannot be made on this machine, or empty when it can. */
  static Optional<String> unavailableReason() {
    if (!"root".equals(System.getProperty("user.name"))) {
      return Optional.of("network namespaces need root (running as " + System.getProperty("user.name") + ")");
    }
    String probe = PREFIX + "probe" + ProcessHandle.current().pid() % 10_000;
    try {
      Result add = run(List.of("ip", "netns", "add", probe));
      if (add.code != 0) {
        return Optional.of("cannot create a network namespace: " + add.output.strip());
      }
      run(List.of("ip", "netns", "del", probe));
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of("cannot run ip(8): " + e.getMessage());
    }
  }

  /** Why latency and loss cannot be injected here (no {@code sch_netem}), or empty when they can. */
  static Optional<String> netemReason() throws IOException {
    String probe = PREFIX + "netem" + ProcessHandle.current().pid() % 10_000;
    run(List.of("ip", "netns", "add", probe));
    try {
      Result r = run(List.of("ip", "netns", "exec", probe, "tc", "qdisc", "add", "dev", "lo", "root", "netem", "delay", "1ms"));
      return r.code == 0 ? Optional.empty() : Optional.of("tc netem is not available: " + r.output.strip());
    } finally {
      run(List.of("ip", "netns", "del", probe));
    }
  }

  /** Creates the bridge; the test reaches every host through it. */
  static NetnsLab create() throws IOException {
    removeStale();
    int n = ThreadLocalRandom.current().nextInt(1 << 16);
    NetnsLab lab = new NetnsLab(String.format("%04x", n), 1 + ThreadLocalRandom.current().nextInt(254));
    Files.createDirectories(OWNERS);
    Files.writeString(OWNERS.resolve(lab.tag), Long.toString(ProcessHandle.current().pid()), StandardCharsets.UTF_8);
    try {
      lab.must("ip", "link", "add", lab.bridge(), "type", "bridge");
      lab.bridgeUp = true;
      lab.must("ip", "addr", "add", lab.ip(1) + "/24", "dev", lab.bridge());
      lab.must("ip", "link", "set", lab.bridge(), "up");
    } catch (IOException | RuntimeException e) {
      lab.close();
      throw e;
    }
    return lab;
  }

  /** The address of the bridge, the test's own side of the lab. */
  String gateway() {
    return ip(1);
  }

  /** Adds a host: a namespace with loopback and one address on the bridge. */
  Host addHost(String name) throws IOException {
    int index = hosts.size();
    String ns = PREFIX + tag + "h" + index;
    String outside = PREFIX + tag + "v" + index;
    Host host = new Host(name, ns, ip(10 + index));
    must("ip", "netns", "add", ns);
    hosts.add(host);
    must("ip", "link", "add", outside, "type", "veth", "peer", "name", "eth0", "netns", ns);
    must("ip", "link", "set", outside, "master", bridge(), "up");
    must("ip", "-n", ns, "addr", "add", host.address() + "/24", "dev", "eth0");
    must("ip", "-n", ns, "link", "set", "eth0", "up");
    must("ip", "-n", ns, "link", "set", "lo", "up");
    return host;
  }

  List<Host> hosts() {
    return List.copyOf(hosts);
  }

  /** The command prefix that runs a program inside {@code host}'s namespace. */
  List<String> inside(Host host) {
    return List.of("ip", "netns", "exec", host.namespace());
  }

  /** Cuts every path between the two sides (both directions); the test still reaches both. */
  void partition(Collection<Host> left, Collection<Host> right) throws IOException {
    for (Host a : left) {
      for (Host b : right) {
        blackhole(a, b);
        blackhole(b, a);
      }
    }
  }

  /** Lifts every partition. */
  void heal() throws IOException {
    for (String route : List.copyOf(blackholes)) {
      String[] parts = route.split(" ");
      must("ip", "-n", parts[0], "route", "del", "blackhole", parts[1] + "/32");
      blackholes.remove(route);
    }
  }

  private void blackhole(Host from, Host to) throws IOException {
    must("ip", "-n", from.namespace(), "route", "add", "blackhole", to.address() + "/32");
    blackholes.add(from.namespace() + " " + to.address());
  }

  @Override
  public void close() {
    for (Host h : hosts) {
      quietly("ip", "netns", "del", h.namespace());
    }
    hosts.clear();
    if (bridgeUp) {
      quietly("ip", "link", "del", bridge());
      bridgeUp = false;
    }
    try {
      Files.deleteIfExists(OWNERS.resolve(tag));
    } catch (IOException e) {
      // a stale owner file names a dead process: the next lab cleans up after it
    }
  }

  /**
   * Deletes the namespaces and bridges of labs whose test process is gone (a killed run), and only
   * those: a lab running in another process (a second build on the same machine) is left alone.
   */
  private static void removeStale() throws IOException {
    for (String line : run(List.of("ip", "netns", "list")).output.split("\n")) {
      String ns = line.split(" ")[0].strip();
      if (NAME.matcher(ns).matches() && !ownerAlive(ns.substring(PREFIX.length(), PREFIX.length() + 4))) {
        run(List.of("ip", "netns", "del", ns));
      }
    }
    for (String line : run(List.of("ip", "-o", "link", "show", "type", "bridge")).output.split("\n")) {
      String[] parts = line.split(":\\s*");
      if (parts.length > 1 && NAME.matcher(parts[1]).matches() && !ownerAlive(parts[1].substring(PREFIX.length(), PREFIX.length() + 4))) {
        run(List.of("ip", "link", "del", parts[1]));
      }
    }
  }

  private static boolean ownerAlive(String tag) {
    try {
      long pid = Long.parseLong(Files.readString(OWNERS.resolve(tag), StandardCharsets.UTF_8).strip());
      if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
        return true;
      }
      Files.deleteIfExists(OWNERS.resolve(tag));
      return false;
    } catch (IOException | NumberFormatException e) {
      return false;
    }
  }

  private String bridge() {
    return PREFIX + tag + "br";
  }

  private String ip(int last) {
    return "198.18." + subnet + "." + last;
  }

  private void must(String... command) throws IOException {
    Result r = run(List.of(command));
    if (r.code != 0) {
      throw new IOException(String.join(" ", command) + " failed (" + r.code + "): " + r.output.strip());
    }
  }

  private static void quietly(String... command) {
    try {
      run(List.of(command));
    } catch (IOException e) {
      // best effort: the lab is going away
    }
  }

  private record Result(int code, String output) {}

  private static Result run(List<String> command) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(String.join(" ", command) + " did not finish in 20 s");
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted running " + String.join(" ", command), e);
    }
    return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }
}
