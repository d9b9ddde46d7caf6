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
 * A complete local network in one folder (default {@code ./.ccoin-devnet}): three miner accounts (or
 * {@code validators} of them, 1 to {@link #MAX_VALIDATORS}), a genesis naming them, a discovery
 * service, the validators and one basic node, each a child process on
 * 127.0.0.1 with its own {@code ccoin.json} and durable store. The folder is created on the first
 * start and reused afterwards, so the chain survives restarts.
 *
 * <p>The genesis sets {@code epoch} ({@link #EPOCH}): the devnet is a version 2 network whose
 * authorities add and remove authorities by vote (SPEC 7.1, docs/GOVERNANCE.md). With
 * {@code standby} validators ({@code standby1}, {@code standby2}, ...) it also runs validators whose
 * keys are not in the genesis: each follows the chain as a basic node would and mines once a
 * majority of the miners voted it in. A folder made before voting existed (a genesis without
 * {@code epoch}) still starts, without standby validators.
 */
public final class Devnet implements AutoCloseable {
  /** The names of the default devnet's nodes, in start order; standby validators follow them ({@link #nodes()}). */
  public static final List<String> NODES = List.of("miner1", "miner2", "miner3", "basic");
  /** The validators in the genesis of a default devnet. */
  public static final int DEFAULT_VALIDATORS = 3;
  /** The most validators a devnet's genesis names. */
  public static final int MAX_VALIDATORS = 7;
  /** How long a child gets to write its flight recording and stop before it is killed ({@link #recordFlights}). */
  static final Duration RECORDING_STOP_TIME = Duration.ofSeconds(60);
  /** The genesis {@code epoch} of a new devnet: every this many blocks a checkpoint forgets the votes that did not pass. */
  public static final int EPOCH = 1000;
  /** The most standby validators a devnet runs. */
  public static final int MAX_STANDBY = 8;

  private final Path dir;
  private final int basePort;
  private final int discoveryPort;
  private final int validators;
  private final List<String> nodes;
  private volatile Path recordings;
  private static final Optional<Path> SETSID = java.util.stream.Stream.of("/usr/bin/setsid", "/bin/setsid").map(Path::of)
      .filter(Files::isExecutable).findFirst();
  private final ChildProcesses children = new ChildProcesses();
  /** OkHttp, ccoin's one HTTP client: 2 s for each call to a local node. */
  private final OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(2)).build();

  public Devnet(Path dir, int basePort, int discoveryPort) {
    this(dir, basePort, discoveryPort, 0);
  }

  /**
   * A devnet with {@code standby} validators outside the genesis (0 to {@link #MAX_STANDBY}).
   *
   * @throws IllegalArgumentException for a count out of range
   */
  public Devnet(Path dir, int basePort, int discoveryPort, int standby) {
    this(dir, basePort, discoveryPort, standby, DEFAULT_VALIDATORS);
  }

  /**
   * A devnet whose genesis names {@code validators} miners (1 to {@link #MAX_VALIDATORS}; nodes
   * {@code miner1} .. {@code minerN}, then {@code basic}), with {@code standby} validators outside
   * the genesis (0 to {@link #MAX_STANDBY}).
   *
   * @throws IllegalArgumentException for a count out of range
   */
  public Devnet(Path dir, int basePort, int discoveryPort, int standby, int validators) {
    if (standby < 0 || standby > MAX_STANDBY) {
      throw new IllegalArgumentException("--standby must be 0 .. " + MAX_STANDBY + ", got " + standby);
    }
    if (validators < 1 || validators > MAX_VALIDATORS) {
      throw new IllegalArgumentException("--validators must be 1 .. " + MAX_VALIDATORS + ", got " + validators);
    }
    this.dir = dir.toAbsolutePath().normalize();
    this.basePort = basePort;
    this.discoveryPort = discoveryPort;
    this.validators = validators;
    List<String> all = new ArrayList<>();
    for (int i = 1; i <= validators; i++) {
      all.add("miner" + i);
    }
    all.add("basic");
    for (int i = 1; i <= standby; i++) {
      all.add("standby" + i);
    }
    this.nodes = List.copyOf(all);
  }

  /** Every node, in start order: {@code miner1} .. {@code minerN}, {@code basic} ({@link #NODES} by default), then {@code standby1}, {@code standby2}, ... */
  public List<String> nodes() {
    return nodes;
  }

  /** The validators in the genesis: nodes 0 .. validators - 1. */
  public int validators() {
    return validators;
  }

  /** The index in {@link #nodes()} of the basic node. */
  public int basic() {
    return validators;
  }

  /** The index in {@link #nodes()} of the first standby validator. */
  public int firstStandby() {
    return validators + 1;
  }

  /** True for a validator: the genesis miners and the standby validators. */
  public boolean isValidator(int i) {
    return i != basic();
  }

  /**
   * Makes every node started from now on record a flight recording (JFR, the JDK's {@code profile}
   * settings) from its start, written to {@code <folder>/<node>.jfr} when the node stops
   * ({@code dumponexit}); {@link #close} then gives each node {@link #RECORDING_STOP_TIME} to write
   * it before killing it. For profiling the devnet under load (docs/PERFORMANCE.md).
   */
  public void recordFlights(Path folder) {
    this.recordings = folder.toAbsolutePath().normalize();
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
    for (int i = 0; i < nodes.size(); i++) {
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

  /**
   * Creates the folder's files unless they exist, and the files of any standby validator that has
   * none yet (a standby key is not in the genesis, so one can join an existing devnet). Returns
   * true when it created the devnet.
   *
   * @throws IllegalArgumentException for standby validators in a devnet whose genesis does not vote
   */
  public boolean prepare(PrintWriter out) throws IOException {
    boolean created = false;
    if (!Files.exists(dir.resolve("genesis.json"))) {
      create(out);
      created = true;
    }
    int made = madeValidators();
    if (made != validators) {
      throw new IllegalArgumentException("the devnet in " + dir + " was made with " + made + " validator(s), not " + validators
          + "; remove the folder or use --dir with a new one");
    }
    if (nodes.size() > firstStandby()) {
      String genesis = Files.readString(dir.resolve("genesis.json"), StandardCharsets.UTF_8);
      if (!genesis.contains("\"epoch\"")) {
        throw new IllegalArgumentException("the devnet in " + dir + " was made before authority voting (its genesis has no epoch), so "
            + "standby validators could never be voted in; remove the folder or use --dir with a new one");
      }
      String passphrase = Files.readString(passphraseFile(), StandardCharsets.UTF_8).strip();
      for (int i = firstStandby(); i < nodes.size(); i++) {
        if (!Files.exists(config(nodes.get(i)))) {
          AccountKey key = AccountKey.generate(new SecureRandom());
          Keystore.write(dir.resolve(nodes.get(i)).resolve("keystore"), key, passphrase.toCharArray());
          writeNode(i, key.address().toHex(), genesis);
        }
      }
    }
    return created;
  }

  /** How many validator folders ({@code miner1}, {@code miner2}, ...) the existing devnet has. */
  private int madeValidators() {
    int n = 0;
    while (Files.exists(config("miner" + (n + 1)))) {
      n++;
    }
    return n;
  }

  private void create(PrintWriter out) throws IOException {
    out.println("Creating a devnet in " + dir + " ...");
    out.flush();
    Files.createDirectories(dir);
    byte[] secret = new byte[16];
    new SecureRandom().nextBytes(secret);
    String passphrase = HexFormat.of().formatHex(secret);
    SecretFiles.writeAtomically(passphraseFile(), passphrase.getBytes(StandardCharsets.UTF_8));
    List<AccountKey> miners = new ArrayList<>();
    for (int i = 0; i < validators; i++) {
      AccountKey key = AccountKey.generate(new SecureRandom());
      miners.add(key);
      Keystore.write(dir.resolve(NODES.get(i)).resolve("keystore"), key, passphrase.toCharArray());
    }
    StringBuilder alloc = new StringBuilder();
    for (AccountKey k : miners) {
      alloc.append(alloc.length() == 0 ? "" : ", ").append('"').append(k.address()).append("\": {\"balance\": 1000000000}");
    }
    StringBuilder minerList = new StringBuilder();
    for (AccountKey k : miners) {
      minerList.append(minerList.length() == 0 ? "" : ", ").append('"').append(k.address()).append('"');
    }
    String who = validators == 1 ? "one miner sealing a block" : (validators == 3 ? "three" : Integer.toString(validators))
        + " miners taking turns";
    String genesis = """
        {
          // a local devnet: %s every second when idle; they add and remove
          // miners by majority vote (epoch: a checkpoint every %d blocks forgets unfinished votes)
          "network_id": 1337,
          "miners": [%s],
          "block_mining": {"interval": 1, "max_bound": 4000, "min_bound": 1, "reward": 100, "difficulty": 3,
                           "allow_empty": true, "placeholder_data": ["rnd", 15], "leader_timeout": 3, "epoch": %d},
          "max_peers": 25,
          "genesis_block": {"coinbase": "", "coinbase_reward": 0, "difficulty": 3},
          "alloc": {%s}
        }
        """.formatted(who, EPOCH, minerList, EPOCH, alloc);
    Files.writeString(dir.resolve("genesis.json"), genesis, StandardCharsets.UTF_8);
    for (int i = 0; i <= validators; i++) {
      writeNode(i, i < validators ? miners.get(i).address().toHex() : "", genesis);
    }
  }

  /** The folder of node {@code i}: its ccoin.json (account {@code account}, or none) and a copy of the genesis. */
  private void writeNode(int i, String account, String genesis) throws IOException {
    String node = nodes.get(i);
    Path nodeDir = dir.resolve(node);
    Files.createDirectories(nodeDir);
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

  /** Starts the discovery service and the nodes as child processes, logging to {@code logs/}. */
  public void start() throws IOException {
    Files.createDirectories(dir.resolve("logs"));
    long discoveryLog = logLength("discovery");
    children.add("discovery", 0, launch("discovery", List.of("discovery", "--port", Integer.toString(discoveryPort), "--exit-with-parent")),
        log("discovery"), discoveryLog);
    for (int i = 0; i < nodes.size(); i++) {
      String node = nodes.get(i);
      long start = logLength(node);
      children.add(node, 1, launch(node, nodeArgs(i)), log(node), start);
    }
  }

  private List<String> nodeArgs(int i) {
    String node = nodes.get(i);
    return List.of("node", "-c", config(node).toString(), "-t", isValidator(i) ? "validator" : "basic",
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
    String node = nodes.get(i);
    long start = logLength(node);
    Process p = launch(node, nodeArgs(i));
    children.replace(node, p, start);
    return p;
  }

  /** The process of node {@code i}. */
  public Process process(int i) {
    return children.process(nodes.get(i));
  }

  private Process launch(String name, List<String> args) throws IOException {
    List<String> command = new ArrayList<>();
    // In a session of its own a child does not get the terminal's Ctrl-C: the launcher stops the
    // children itself, nodes first, so that the discovery service is still there when they deregister.
    SETSID.ifPresent(setsid -> command.add(setsid.toString()));
    command.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.add("-Xmx1g"); // room for a pool of thousands of transactions and blocks of 4,000 under load
    // The throughput collector: several nodes share a few cores here, and G1's concurrent work and
    // write barriers cost a loaded devnet a tenth to a fifth of its mined rate (docs/PERFORMANCE.md)
    command.add("-XX:+UseParallelGC");
    Path recordTo = recordings;
    if (recordTo != null && !name.equals("discovery")) {
      Files.createDirectories(recordTo);
      command.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + recordTo.resolve(name + ".jfr"));
    }
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
    for (int i = 0; i < nodes.size(); i++) {
      while (headNumber(i) < 0 || exitedChild().isPresent()) {
        Optional<String> exited = exitedChild();
        if (exited.isPresent()) {
          throw new IllegalStateException(exited.get());
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(nodes.get(i) + " did not start within " + timeout.toSeconds() + " s; see "
              + dir.resolve("logs").resolve(nodes.get(i) + ".log"));
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
    for (int i = 0; i < validators; i++) {
      out.add(accountAddress(i));
    }
    return out;
  }

  /** The addresses of the standby validators, in {@link #nodes()} order. */
  public List<String> standbyAddresses() throws IOException {
    List<String> out = new ArrayList<>();
    for (int i = firstStandby(); i < nodes.size(); i++) {
      out.add(accountAddress(i));
    }
    return out;
  }

  private String accountAddress(int i) throws IOException {
    return new String(Files.readAllBytes(config(nodes.get(i))), StandardCharsets.UTF_8)
        .replaceAll("(?s).*\"account_address\": \"([0-9a-f]{40})\".*", "$1");
  }

  /**
   * Stops every child (SIGTERM, then SIGKILL after 10 s, or {@link #RECORDING_STOP_TIME} when they
   * record flights): the nodes first, then the discovery service, so that the nodes can deregister
   * from it. Idempotent.
   */
  @Override
  public void close() {
    children.stopAll(recordings == null ? Duration.ofSeconds(ChildProcesses.STOP_SECONDS) : RECORDING_STOP_TIME);
  }
}
