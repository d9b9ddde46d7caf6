package io.ccoin.node;

import io.ccoin.core.crypto.AccountKey;
import io.ccoin.core.crypto.Keystore;
import io.ccoin.core.crypto.SecretFiles;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * A complete local network in one folder (default {@code ./.ccoin-devnet}): three miner accounts, a
 * genesis, a discovery service, three validators and one basic node, each a child process on
 * 127.0.0.1 with its own {@code ccoin.json} and durable store. The folder is created on the first
 * start and reused afterwards, so the chain survives restarts.
 */
public final class Devnet implements AutoCloseable {
  /** The names of the nodes, in start order. */
  public static final List<String> NODES = List.of("miner1", "miner2", "miner3", "basic");

  private final Path dir;
  private final int basePort;
  private final int discoveryPort;
  private static final Optional<Path> SETSID = java.util.stream.Stream.of("/usr/bin/setsid", "/bin/setsid").map(Path::of)
      .filter(Files::isExecutable).findFirst();
  private final ChildProcesses children = new ChildProcesses();
  /** OkHttp, ccoin's one HTTP client: 2 s for each call to a local node. */
  private final OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(2)).build();

  public Devnet(Path dir, int basePort, int discoveryPort) {
    this.dir = dir.toAbsolutePath().normalize();
    this.basePort = basePort;
    this.discoveryPort = discoveryPort;
  }

  public Path dir() {
    return dir;
  }

  /** The P2P port of node {@code i} (0-based); its API listens on the next port. */
  public int p2pPort(int i) {
    return basePort + 2 * i;
  }

  public int httpPort(int i) {
    return p2pPort(i) + 1;
  }

  public String apiUrl(int i) {
    return "http://127.0.0.1:" + httpPort(i);
  }

  public Path passphraseFile() {
    return dir.resolve("passphrase");
  }

  public Path config(String node) {
    return dir.resolve(node).resolve("ccoin.json");
  }

  /** Every port the devnet listens on: each node's P2P and API port, then the discovery service's. */
  public List<Integer> ports() {
    List<Integer> ports = new ArrayList<>();
    for (int i = 0; i < NODES.size(); i++) {
      ports.add(p2pPort(i));
      ports.add(httpPort(i));
    }
    ports.add(discoveryPort);
    return ports;
  }

  /**
   * The first of {@link #ports()} that cannot be bound on 127.0.0.1 (another devnet or program
   * holds it), or empty when all are free. Checked before anything is created or started.
   */
  public Optional<Integer> busyPort() {
    for (int port : ports()) {
      try (ServerSocket s = new ServerSocket()) {
        s.setReuseAddress(true); // as the nodes bind: a port in TIME_WAIT from a previous run is free
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      } catch (IOException e) {
        return Optional.of(port);
      }
    }
    return Optional.empty();
  }

  /** Creates the folder's files unless they exist. Returns true when it created them. */
  public boolean prepare(PrintWriter out) throws IOException {
    if (Files.exists(dir.resolve("genesis.json"))) {
      return false;
    }
    out.println("Creating a devnet in " + dir + " ...");
    out.flush();
    Files.createDirectories(dir);
    byte[] secret = new byte[16];
    new SecureRandom().nextBytes(secret);
    String passphrase = HexFormat.of().formatHex(secret);
    SecretFiles.writeAtomically(passphraseFile(), passphrase.getBytes(StandardCharsets.UTF_8));
    List<AccountKey> miners = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      AccountKey key = AccountKey.generate(new SecureRandom());
      miners.add(key);
      Keystore.write(dir.resolve(NODES.get(i)).resolve("keystore"), key, passphrase.toCharArray());
    }
    StringBuilder alloc = new StringBuilder();
    for (AccountKey k : miners) {
      alloc.append(alloc.length() == 0 ? "" : ", ").append('"').append(k.address()).append("\": {\"balance\": 1000000000}");
    }
    String genesis = """
        {
          // a local devnet: three miners taking turns every second when idle
          "network_id": 1337,
          "miners": ["%s", "%s", "%s"],
          "block_mining": {"interval": 1, "max_bound": 2000, "min_bound": 1, "reward": 100, "difficulty": 3,
                           "allow_empty": true, "placeholder_data": ["rnd", 15], "leader_timeout": 3},
          "max_peers": 25,
          "genesis_block": {"coinbase": "", "coinbase_reward": 0, "difficulty": 3},
          "alloc": {%s}
        }
        """.formatted(miners.get(0).address(), miners.get(1).address(), miners.get(2).address(), alloc);
    Files.writeString(dir.resolve("genesis.json"), genesis, StandardCharsets.UTF_8);
    for (int i = 0; i < NODES.size(); i++) {
      String node = NODES.get(i);
      Path nodeDir = dir.resolve(node);
      Files.createDirectories(nodeDir);
      String account = i < 3 ? miners.get(i).address().toHex() : "";
      String bootstrap = i == 0 ? "" : "\"127.0.0.1:" + p2pPort(0) + "\"";
      String config = """
          {
            "app": {"base_path": "."},
            "client": {"account_address": "%s"},
            "discovery_service": {"host": "127.0.0.1", "port": %d, "proto": "http"},
            "p2p": {"host": "127.0.0.1", "port": %d, "bootstrap": [%s], "min_peers": 1},
            "http": {"host": "127.0.0.1", "port": %d, "submit_rate": 0},
            "store": {"type": "mapdb"}
          }
          """.formatted(account, discoveryPort, p2pPort(i), bootstrap, httpPort(i));
      Files.writeString(config(node), config, StandardCharsets.UTF_8);
      Files.writeString(nodeDir.resolve("genesis.json"), genesis, StandardCharsets.UTF_8);
    }
    return true;
  }

  /** Starts the discovery service and the four nodes as child processes, logging to {@code logs/}. */
  public void start() throws IOException {
    Files.createDirectories(dir.resolve("logs"));
    long discoveryLog = logLength("discovery");
    children.add("discovery", 0, launch("discovery", List.of("discovery", "--port", Integer.toString(discoveryPort), "--exit-with-parent")),
        log("discovery"), discoveryLog);
    for (int i = 0; i < NODES.size(); i++) {
      String node = NODES.get(i);
      long start = logLength(node);
      children.add(node, 1, launch(node, nodeArgs(i)), log(node), start);
    }
  }

  private List<String> nodeArgs(int i) {
    String node = NODES.get(i);
    return List.of("node", "-c", config(node).toString(), "-t", i < 3 ? "validator" : "basic",
        "--passphrase-file", passphraseFile().toString(), "--exit-with-parent");
  }

  private Path log(String name) {
    return dir.resolve("logs").resolve(name + ".log");
  }

  private long logLength(String name) throws IOException {
    return Files.exists(log(name)) ? Files.size(log(name)) : 0;
  }

  /**
   * A child (the discovery service or a node) that has exited, described with its own last error
   * line and its log; empty while all run.
   */
  public Optional<String> exitedChild() {
    return children.firstExited();
  }

  /** Starts one node again (after it was stopped), with the same settings. */
  public Process restart(int i) throws IOException {
    String node = NODES.get(i);
    long start = logLength(node);
    Process p = launch(node, nodeArgs(i));
    children.replace(node, p, start);
    return p;
  }

  /** The process of node {@code i}. */
  public Process process(int i) {
    return children.process(NODES.get(i));
  }

  private Process launch(String name, List<String> args) throws IOException {
    List<String> command = new ArrayList<>();
    // In a session of its own a child does not get the terminal's Ctrl-C: the launcher stops the
    // children itself, nodes first, so that the discovery service is still there when they deregister.
    SETSID.ifPresent(setsid -> command.add(setsid.toString()));
    command.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.add("-Xmx1g"); // room for a pool of thousands of transactions and blocks of 2,000 under load
    command.add("-cp");
    command.add(absoluteClassPath(System.getProperty("java.class.path"), Path.of("").toAbsolutePath()));
    command.add("io.ccoin.node.cli.CcoinCli");
    command.addAll(args);
    Path log = log(name);
    return new ProcessBuilder(command)
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .redirectInput(ProcessBuilder.Redirect.PIPE)
        .start();
  }

  /**
   * The class path {@code classPath} with every entry resolved against {@code workingDir}: the children
   * run in the devnet folder, where a relative entry such as {@code ccoin-bench/target/benchmarks.jar}
   * names nothing. Entries stay in order; an empty entry (the working directory) becomes {@code workingDir}; a
   * wildcard entry ({@code lib/*}) keeps its star.
   */
  static String absoluteClassPath(String classPath, Path workingDir) {
    List<String> out = new ArrayList<>();
    for (String entry : classPath.split(Pattern.quote(File.pathSeparator), -1)) {
      Path p = entry.isEmpty() ? workingDir : workingDir.resolve(entry);
      out.add(p.normalize().toString());
    }
    return String.join(File.pathSeparator, out);
  }

  /**
   * Waits until every node's API answers, or fails when a child exits (with that child's own error)
   * or the time is up.
   */
  public void awaitReady(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (int i = 0; i < NODES.size(); i++) {
      while (headNumber(i) < 0 || exitedChild().isPresent()) {
        Optional<String> exited = exitedChild();
        if (exited.isPresent()) {
          throw new IllegalStateException(exited.get());
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(NODES.get(i) + " did not start within " + timeout.toSeconds() + " s; see "
              + dir.resolve("logs").resolve(NODES.get(i) + ".log"));
        }
        Thread.sleep(200);
      }
    }
  }

  /** The head number node {@code i} reports, or -1 when its API does not answer. */
  public long headNumber(int i) {
    try (Response r = http.newCall(new Request.Builder().url(apiUrl(i) + "/api/v1/blocks/count").build()).execute()) {
      if (r.code() != 200) {
        return -1;
      }
      Matcher m = Pattern.compile("\"count\"\\s*:\\s*(\\d+)").matcher(r.body().string());
      return m.find() ? Long.parseLong(m.group(1)) - 1 : -1;
    } catch (IOException e) {
      return -1;
    }
  }

  /** The JSON of {@code GET path} on node {@code i}, or empty text when it does not answer. */
  public String get(int i, String path) {
    try (Response r = http.newCall(new Request.Builder().url(apiUrl(i) + path).build()).execute()) {
      return r.body().string();
    } catch (IOException e) {
      return "";
    }
  }

  /** The miner addresses, from the genesis. */
  public List<String> minerAddresses() throws IOException {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      out.add(new String(Files.readAllBytes(config(NODES.get(i))), StandardCharsets.UTF_8)
          .replaceAll("(?s).*\"account_address\": \"([0-9a-f]{40})\".*", "$1"));
    }
    return out;
  }

  /**
   * Stops every child (SIGTERM, then SIGKILL after 10 s): the nodes first, then the discovery
   * service, so that the nodes can deregister from it. Idempotent.
   */
  @Override
  public void close() {
    children.stopAll();
  }
}
