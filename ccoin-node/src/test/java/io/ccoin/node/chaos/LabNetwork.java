package io.ccoin.node.chaos;

import io.ccoin.api.Address;
import io.ccoin.core.crypto.AccountKey;
import io.ccoin.core.crypto.Keystore;
import io.ccoin.core.crypto.SecretFiles;
import io.ccoin.node.cli.CcoinCli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A ccoin network of real node processes, one validator per host of a {@link NetnsLab}: keys, a
 * genesis that also funds the load's senders, a {@code ccoin.json} per node, and the processes
 * themselves ({@code ip netns exec ... java ... ccoin node}), which can be killed with SIGKILL and
 * started again on their stores, or started under libfaketime with a skewed clock.
 */
final class LabNetwork implements AutoCloseable {
  static final int P2P_PORT = 30333;
  static final int HTTP_PORT = 30334;
  /** Each validator's balance in the genesis. */
  static final long MINER_BALANCE = 1_000_000_000L;
  /** Each sender's balance in the genesis. */
  static final long SENDER_BALANCE = 1_000_000_000L;
  static final long REWARD = 100;
  /** Debian's libfaketime (package {@code libfaketime}), multi-threaded flavour. */
  static final Path FAKETIME_LIBRARY = Path.of("/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1");

  private final NetnsLab lab;
  private final Path dir;
  private final List<NetnsLab.Host> hosts = new ArrayList<>();
  private final List<AccountKey> miners = new ArrayList<>();
  private final List<AccountKey> senders;
  private final Process[] processes;
  private final long[] clockSkewSeconds;
  private final Path passphrase;
  private final Process[] proxies;
  private SlowLinks slowLinks;

  private LabNetwork(NetnsLab lab, Path dir, int validators, List<AccountKey> senders) {
    this.lab = lab;
    this.dir = dir;
    this.senders = senders;
    this.processes = new Process[validators];
    this.clockSkewSeconds = new long[validators];
    this.proxies = new Process[validators];
    this.passphrase = dir.resolve("passphrase");
  }

  /** Writes every node's files for {@code validators} validators and {@code senders} funded senders. */
  static LabNetwork prepare(NetnsLab lab, Path dir, int validators, int senderCount) throws IOException {
    SecureRandom random = new SecureRandom();
    List<AccountKey> senders = new ArrayList<>();
    for (int i = 0; i < senderCount; i++) {
      senders.add(AccountKey.generate(random));
    }
    LabNetwork net = new LabNetwork(lab, dir, validators, senders);
    net.writeFiles(validators, random);
    return net;
  }

  private void writeFiles(int validators, SecureRandom random) throws IOException {
    Files.createDirectories(dir.resolve("logs"));
    String pass = "chaos-" + random.nextLong();
    SecretFiles.writeAtomically(passphrase, pass.getBytes(StandardCharsets.UTF_8));
    for (int i = 0; i < validators; i++) {
      hosts.add(lab.addHost("v" + i));
      AccountKey key = AccountKey.generate(random);
      miners.add(key);
      Keystore.write(nodeDir(i).resolve("keystore"), key, pass.toCharArray());
    }
    StringBuilder alloc = new StringBuilder();
    for (AccountKey k : miners) {
      alloc.append(alloc.length() == 0 ? "" : ", ").append('"').append(k.address()).append("\": {\"balance\": ").append(MINER_BALANCE).append('}');
    }
    for (AccountKey k : senders) {
      alloc.append(", \"").append(k.address()).append("\": {\"balance\": ").append(SENDER_BALANCE).append('}');
    }
    String minerList = miners.stream().map(k -> "\"" + k.address() + "\"").collect(Collectors.joining(", "));
    String genesis = """
        {
          "network_id": 4242,
          "miners": [%s],
          "block_mining": {"interval": 1, "max_bound": 2000, "min_bound": 1, "reward": %d, "difficulty": 3,
                           "allow_empty": true, "placeholder_data": ["rnd", 15], "leader_timeout": 2},
          "max_peers": 25,
          "genesis_block": {"coinbase": "", "coinbase_reward": 0, "difficulty": 3},
          "alloc": {%s}
        }
        """.formatted(minerList, REWARD, alloc);
    for (int i = 0; i < validators; i++) {
      writeConfig(i);
      Files.writeString(nodeDir(i).resolve("genesis.json"), genesis, StandardCharsets.UTF_8);
    }
  }

  /**
   * Node {@code i}'s {@code ccoin.json}. With {@link #slowLinks}, the node listens on 127.0.0.1 inside
   * its namespace behind a {@link LatencyProxy} on the namespace's address, and advertises that address.
   */
  private void writeConfig(int i) throws IOException {
    String bootstrap = hosts.stream().filter(h -> h != hosts.get(i))
        .map(h -> "\"" + h.address() + ":" + P2P_PORT + "\"").collect(Collectors.joining(", "));
    String p2pHost = slowLinks == null ? hosts.get(i).address() : "127.0.0.1";
    String config = """
        {
          "app": {"base_path": "."},
          "client": {"account_address": "%s"},
          "p2p": {"host": "%s", "advertise_host": "%s", "port": %d, "bootstrap": [%s], "min_peers": 1},
          "http": {"host": "%s", "port": %d, "submit_rate": 0},
          "store": {"type": "mapdb"}
        }
        """.formatted(miners.get(i).address().toHex(), p2pHost, hosts.get(i).address(), P2P_PORT, bootstrap, hosts.get(i).address(), HTTP_PORT);
    Files.writeString(nodeDir(i).resolve("ccoin.json"), config, StandardCharsets.UTF_8);
  }

  /** Every P2P connection from now on crosses a link with this delay and loss (before {@link #startAll}). */
  record SlowLinks(int minMs, int maxMs, double loss) {}

  void slowLinks(SlowLinks links) throws IOException {
    this.slowLinks = links;
    for (int i = 0; i < processes.length; i++) {
      writeConfig(i);
    }
  }

  int size() {
    return processes.length;
  }

  NetnsLab.Host host(int i) {
    return hosts.get(i);
  }

  String api(int i) {
    return "http://" + hosts.get(i).address() + ":" + HTTP_PORT;
  }

  List<AccountKey> senders() {
    return senders;
  }

  List<Address> minerAddresses() {
    return miners.stream().map(AccountKey::address).toList();
  }

  /** Everything the genesis allocated (miners and senders; no coinbase). */
  long genesisSupply() {
    return MINER_BALANCE * miners.size() + SENDER_BALANCE * senders.size();
  }

  Path log(int i) {
    return dir.resolve("logs").resolve("v" + i + ".log");
  }

  /** Runs node {@code i}'s clock {@code seconds} ahead (negative: behind) from its next start on. */
  void skewClock(int i, long seconds) {
    clockSkewSeconds[i] = seconds;
  }

  void startAll() throws IOException {
    for (int i = 0; i < processes.length; i++) {
      start(i);
    }
  }

  /** Starts node {@code i} (again) on its store. */
  void start(int i) throws IOException {
    if (processes[i] != null && processes[i].isAlive()) {
      throw new IllegalStateException("v" + i + " is running");
    }
    if (slowLinks != null && proxies[i] == null) {
      startProxy(i);
    }
    List<String> command = new ArrayList<>(lab.inside(hosts.get(i)));
    command.add(java());
    command.addAll(List.of("-Xmx384m", "-XX:+UseSerialGC"));
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), CcoinCli.class.getName(),
        "node", "-c", nodeDir(i).resolve("ccoin.json").toString(), "-t", "validator",
        "--passphrase-file", passphrase.toString(), "--exit-with-parent"));
    ProcessBuilder pb = new ProcessBuilder(command)
        .directory(nodeDir(i).toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log(i).toFile()))
        .redirectInput(ProcessBuilder.Redirect.PIPE);
    if (clockSkewSeconds[i] != 0) {
      // libfaketime preloaded into ip(8) and the JVM it becomes (exec keeps the pid, so SIGKILL reaches
      // the node itself); only the wall clock is faked, the JVM's monotonic timers stay real
      pb.environment().put("LD_PRELOAD", FAKETIME_LIBRARY.toString());
      pb.environment().put("FAKETIME", (clockSkewSeconds[i] > 0 ? "+" : "") + clockSkewSeconds[i] + "s");
      pb.environment().put("FAKETIME_DONT_FAKE_MONOTONIC", "1");
    }
    processes[i] = pb.start();
  }

  private void startProxy(int i) throws IOException {
    List<String> command = new ArrayList<>(lab.inside(hosts.get(i)));
    command.addAll(List.of(java(), "-Xmx64m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), LatencyProxy.class.getName(),
        hosts.get(i).address(), Integer.toString(P2P_PORT), Integer.toString(P2P_PORT), Integer.toString(slowLinks.minMs()),
        Integer.toString(slowLinks.maxMs()), Double.toString(slowLinks.loss())));
    proxies[i] = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("logs").resolve("proxy" + i + ".log").toFile())).start();
  }

  private static String java() {
    return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  /** SIGKILL, as a crash or a power cut would; waits until the process is gone. */
  void kill(int i) throws InterruptedException {
    Process p = processes[i];
    if (p != null && p.isAlive()) {
      p.destroyForcibly();
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        throw new IllegalStateException("v" + i + " survived SIGKILL for 20 s");
      }
    }
  }

  boolean alive(int i) {
    return processes[i] != null && processes[i].isAlive();
  }

  /** The exit code of a node that stopped by itself, if it did. */
  Optional<Integer> exited(int i) {
    Process p = processes[i];
    return p != null && !p.isAlive() ? Optional.of(p.exitValue()) : Optional.empty();
  }

  /** The last lines of node {@code i}'s log, for a failure message. */
  String logTail(int i, int lines) {
    try {
      List<String> all = Files.readAllLines(log(i), StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private Path nodeDir(int i) {
    return dir.resolve("v" + i);
  }

  /** A map of node name to its API address, for reports. */
  Map<String, String> apis() {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    for (int i = 0; i < processes.length; i++) {
      out.put("v" + i, api(i));
    }
    return out;
  }

  /** Stops every node (SIGTERM, then SIGKILL after 10 s) and every link proxy. */
  @Override
  public void close() {
    for (Process p : proxies) {
      if (p != null) {
        p.destroyForcibly();
      }
    }
    for (Process p : processes) {
      if (p != null) {
        p.destroy();
      }
    }
    for (Process p : processes) {
      if (p == null) {
        continue;
      }
      try {
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          p.waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        p.destroyForcibly();
      }
    }
  }
}
