package io.ccoin.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ccoin.api.Address;
import io.ccoin.api.Hash;
import io.ccoin.core.TransactionBuilder;
import io.ccoin.core.codec.Codec;
import io.ccoin.core.crypto.AccountKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * How fast the load generator alone submits on this machine (issue 16: it must submit at the
 * offered rate up to 0.3 V, so that it never limits a measurement): the generator's own
 * {@link Submitter}, with a run's batches and connections, sends to sinks on 127.0.0.1 (one per
 * node it stands for) that read each request, count the transactions in its msgpack array header
 * and answer every one taken, without decoding or checking anything. A devnet run cannot show this:
 * its nodes refuse what they cannot take, and the generator holds a sender's later transactions
 * back while one is refused.
 *
 * <p>The transactions are real signed transfers of the usual size, a few hundred of them repeated
 * (the sinks do not look at them, and signing a whole run's would take minutes). The sinks share
 * the machine with the generator, so the figure is what the generator reaches with something
 * answering it, a lower bound of its own capacity.
 */
public final class SubmitCapacity {
  private static final int DISTINCT = 256;

  /** The outcome: what was offered and sent, how late, and what the sinks saw. */
  record Result(double v, double offered, int total, int firstSent, double seconds, long lagP50Nanos, long lagP99Nanos,
      long lagMaxNanos, long sinkTransactions, long sinkRequests) {
    double sentRate() {
      return firstSent / seconds;
    }

    String format() {
      return String.format("V (raw RSA-2048 verify, one thread, measured before the run) %,.0f/s%n"
          + "offered %,.0f tx/s (%.3f V) for %,d transactions%n"
          + "sent %,d first submissions in %.2f s = %,.0f tx/s (%.3f V, %.1f %% of offered)%n"
          + "lag behind the schedule (a batch leaves when its last transaction is due): p50 %,.1f ms, p99 %,.1f ms, max %,.1f ms%n"
          + "the sinks took %,d transactions in %,d requests%n",
          v, offered, offered / v, total, firstSent, seconds, sentRate(), sentRate() / v, 100.0 * sentRate() / offered,
          lagP50Nanos / 1e6, lagP99Nanos / 1e6, lagMaxNanos / 1e6, sinkTransactions, sinkRequests);
    }
  }

  private SubmitCapacity() {}

  /**
   * Sends {@code rate × duration} transactions at {@code rate} to {@code nodes} sinks with the
   * generator's submitter ({@code connections} threads, batches of {@code batchWindow}'s
   * transactions), and measures it.
   */
  static Result run(double v, double rate, Duration duration, int nodes, int senders, int connections, Duration batchWindow)
      throws IOException, InterruptedException {
    int total = (int) Math.max(1, Math.round(rate * duration.toNanos() / 1e9));
    byte[][] raw = transactions(total);
    List<Sink> sinks = new ArrayList<>();
    try {
      List<URI> uris = new ArrayList<>();
      for (int i = 0; i < nodes; i++) {
        Sink s = new Sink();
        sinks.add(s);
        uris.add(s.uri());
      }
      Schedule schedule = Schedule.steady(rate);
      int batch = (int) Math.max(1, Math.min(LoadGenerator.MAX_BATCH, Math.round(rate * batchWindow.toNanos() / 1e9)));
      long t0 = System.nanoTime() + 200_000_000L;
      Submitter submitter = new Submitter(uris, raw, senders, t0, schedule, false, batch, true);
      submitter.start(connections);
      submitter.stop();
      long[] lags = new long[total];
      int sent = 0;
      for (int i = 0; i < total; i++) {
        if (submitter.submitNanos[i] != 0) {
          lags[sent++] = Math.max(0, submitter.submitNanos[i] - (t0 + schedule.offsetNanos(i)));
        }
      }
      long[] l = Arrays.copyOf(lags, sent);
      Arrays.sort(l);
      double seconds = Math.max(1e-3, (submitter.lastFirstSubmit.get() - t0) / 1e9);
      long sinkTxs = sinks.stream().mapToLong(s -> s.transactions.sum()).sum();
      long sinkRequests = sinks.stream().mapToLong(s -> s.requests.sum()).sum();
      return new Result(v, rate, total, submitter.firstSent.get(), seconds, quantile(l, 0.5), quantile(l, 0.99),
          l.length == 0 ? 0 : l[l.length - 1], sinkTxs, sinkRequests);
    } finally {
      sinks.forEach(Sink::close);
    }
  }

  private static long quantile(long[] sorted, double q) {
    return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  }

  /** {@code total} encoded transfers, {@value #DISTINCT} distinct ones repeated. */
  private static byte[][] transactions(int total) {
    SecureRandom random = new SecureRandom();
    AccountKey key = AccountKey.generate(random);
    Hash genesis = Hash.of(new byte[32]);
    byte[][] distinct = new byte[DISTINCT][];
    for (int i = 0; i < DISTINCT; i++) {
      Address to = BenchNetwork.randomAddress(random);
      distinct[i] = Codec.encode(TransactionBuilder.forNetwork(1337, genesis).nonce(i).to(to).value(1).fee(1).sign(key));
    }
    byte[][] raw = new byte[total][];
    for (int i = 0; i < total; i++) {
      raw[i] = distinct[i % DISTINCT];
    }
    return raw;
  }

  /**
   * A stand-in for a node's {@code POST /api/v1/transactions} on 127.0.0.1 and a free port: it reads
   * the body, takes the count of a msgpack array header (a batch; anything else is one transaction)
   * and answers each entry {@code pending}.
   */
  static final class Sink implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "submit-sink");
      t.setDaemon(true);
      return t;
    });
    final LongAdder transactions = new LongAdder();
    final LongAdder requests = new LongAdder();

    Sink() throws IOException {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext("/api/v1/transactions", this::handle);
      server.setExecutor(executor);
      server.start();
    }

    URI uri() {
      return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
      try (exchange; InputStream in = exchange.getRequestBody()) {
        byte[] body = in.readAllBytes();
        int n = arrayLength(body);
        requests.increment();
        transactions.add(Math.max(n, 1));
        StringBuilder json = new StringBuilder(n < 0 ? 32 : 16 + 22 * n);
        if (n < 0) {
          json.append("{\"status\":\"pending\"}");
        } else {
          json.append("{\"results\":[");
          for (int i = 0; i < n; i++) {
            json.append(i == 0 ? "" : ",").append("{\"status\":\"pending\"}");
          }
          json.append("]}");
        }
        byte[] answer = json.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, answer.length);
        exchange.getResponseBody().write(answer);
      }
    }

    /** The length of the msgpack array {@code body} starts with, or -1 when it starts with no array. */
    static int arrayLength(byte[] body) {
      if (body.length == 0) {
        return -1;
      }
      int b = body[0] & 0xff;
      if (b >= 0x90 && b <= 0x9f) {
        return b & 0x0f;
      }
      if (b == 0xdc && body.length >= 3) {
        return ((body[1] & 0xff) << 8) | (body[2] & 0xff);
      }
      if (b == 0xdd && body.length >= 5) {
        long n = ((long) (body[1] & 0xff) << 24) | ((body[2] & 0xff) << 16) | ((body[3] & 0xff) << 8) | (body[4] & 0xff);
        return (int) Math.min(n, LoadGenerator.MAX_BATCH);
      }
      return -1;
    }

    @Override
    public void close() {
      server.stop(0);
      executor.shutdownNow();
      try {
        executor.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The command line. */
  @Command(name = "SubmitCapacity", mixinStandardHelpOptions = true, sortOptions = false,
      description = {"Measures how fast the load generator alone submits on this machine: its submitter, as a run uses it,",
          "against sinks on 127.0.0.1 that take every transaction unchecked. Prints V, the rate reached and the lag."})
  static final class Cli implements Callable<Integer> {
    @Option(names = "--rate-of-v", defaultValue = "0.3", paramLabel = "X",
        description = "offer X times V (raw RSA-2048 verify on one thread, measured first) (default: ${DEFAULT-VALUE})")
    double rateOfV;

    @Option(names = "--duration", defaultValue = "30", description = "seconds of submission (default: ${DEFAULT-VALUE})")
    long duration;

    @Option(names = "--nodes", defaultValue = "3", description = "sinks, one per node a devnet run submits to (default: ${DEFAULT-VALUE})")
    int nodes;

    @Option(names = "--senders", defaultValue = "4096", description = "senders the transactions are spread over, as in a run (default: ${DEFAULT-VALUE})")
    int senders;

    @Option(names = "--connections", defaultValue = "32", description = "submitting threads, as the load generator's (default: ${DEFAULT-VALUE})")
    int connections;

    @Option(names = "--batch-ms", defaultValue = "100", description = "a batch holds the transactions due in this many ms, as the load generator's (default: ${DEFAULT-VALUE})")
    long batchMs;

    @Option(names = "--verify-seconds", defaultValue = "3", description = "how long V is measured before the run (default: ${DEFAULT-VALUE})")
    long verifySeconds;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      if (!(rateOfV > 0 && rateOfV <= 10) || duration < 1 || duration > 3600 || nodes < 1 || nodes > 16 || senders < 1
          || connections < 1 || connections > 1024 || batchMs < 1 || batchMs > 10_000 || verifySeconds < 1 || verifySeconds > 60) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--rate-of-v must be in (0, 10], --duration 1 to 3600, --nodes 1"
            + " to 16, --senders at least 1, --connections 1 to 1024, --batch-ms 1 to 10000, --verify-seconds 1 to 60");
      }
      PrintStream out = System.out;
      double v = RawVerifyRate.measure(Duration.ofSeconds(1), Duration.ofSeconds(verifySeconds));
      double rate = RawVerifyRate.offeredRate(rateOfV, v);
      out.printf("Submitting %,.0f tx/s for %d s to %d sink(s) ...%n", rate, duration, nodes);
      Result r = run(v, rate, Duration.ofSeconds(duration), nodes, senders, connections, Duration.ofMillis(batchMs));
      out.print(r.format());
      return 0;
    }
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new Cli()).execute(args));
  }
}
