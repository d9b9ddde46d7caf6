package io.ccoin.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints every ccoin figure of a JMH run beside its baseline from the same run, and their ratio,
 * from the JSON JMH writes with {@code -rf json -rff results.json}:
 *
 * <pre>
 * java -cp ccoin-bench/target/benchmarks.jar io.ccoin.bench.Ratios results.json
 * </pre>
 *
 * A figure is paired with the baseline named below that has the same parameters; scores are in
 * operations per second (a single-shot score, time per operation, is turned into operations per
 * second, and its error with it: {@code 1 / t} with {@code t ± e} gives {@code 1/t ± e/t²}), and
 * {@code @Threads(MAX)} scores are also shown per thread.
 */
public final class Ratios {
  /** Figure → baseline, as {@code Class.method}. */
  static final Map<String, String> BASELINES = new LinkedHashMap<>();

  static {
    BASELINES.put("HeaderHashBenchmark.blockHash", "HeaderHashBenchmark.rawBlockHash");
    BASELINES.put("HeaderHashBenchmark.powHash", "HeaderHashBenchmark.rawPowHash");
    BASELINES.put("ProofOfWorkBenchmark.grindOneThread", "ProofOfWorkBenchmark.rawDigestOneThread");
    BASELINES.put("ProofOfWorkBenchmark.grindAllThreads", "ProofOfWorkBenchmark.rawDigestAllThreads");
    BASELINES.put("AdmissionBenchmark.admitOneThread", "AdmissionBenchmark.rawVerifyOneThread");
    BASELINES.put("AdmissionBenchmark.admitAllThreads", "AdmissionBenchmark.rawVerifyOneThread");
    BASELINES.put("AdmissionBenchmark.rawVerifyAllThreads", "AdmissionBenchmark.rawVerifyOneThread");
    BASELINES.put("CodecBenchmark.encode", "CodecBenchmark.copy");
    BASELINES.put("CodecBenchmark.decode", "CodecBenchmark.msgpackSkip");
    BASELINES.put("StateRootBenchmark.importBlock", "StateRootBenchmark.rawHashes");
    BASELINES.put("BlockApplyBenchmark.applyPreVerified", "BlockApplyBenchmark.rawHashFloor");
    BASELINES.put("BlockApplyBenchmark.applyWithVerification", "BlockApplyBenchmark.rawVerifyAllCores");
  }

  private Ratios() {}

  /** One benchmark result: name (Class.method), parameters, threads, score and error. */
  record Result(String name, Map<String, String> params, int threads, double score, double error) {}

  static List<Result> read(Path json) throws IOException {
    List<Result> out = new ArrayList<>();
    for (JsonNode r : new ObjectMapper().readTree(json.toFile())) {
      String full = r.path("benchmark").asText();
      String[] parts = full.split("\\.");
      String name = parts[parts.length - 2] + "." + parts[parts.length - 1];
      Map<String, String> params = new LinkedHashMap<>();
      r.path("params").properties().forEach(e -> params.put(e.getKey(), e.getValue().asText()));
      JsonNode m = r.path("primaryMetric");
      double score = m.path("score").asDouble();
      double error = m.path("scoreError").asDouble();
      double secondsPerUnit = secondsPerOperation(m.path("scoreUnit").asText(""));
      if (secondsPerUnit > 0 && score > 0) {
        double t = score * secondsPerUnit;
        error = error * secondsPerUnit / (t * t);
        score = 1 / t;
      }
      out.add(new Result(name, params, r.path("threads").asInt(1), score, error));
    }
    return out;
  }

  /** Seconds in the time unit of a time-per-operation score ({@code "us/op"}), 0 for a rate ({@code "ops/s"}). */
  static double secondsPerOperation(String unit) {
    return switch (unit) {
      case "s/op" -> 1;
      case "ms/op" -> 1e-3;
      case "us/op" -> 1e-6;
      case "ns/op" -> 1e-9;
      default -> 0;
    };
  }

  /** The lines of the ratio table for {@code results}. */
  static List<String> table(List<Result> results) {
    List<String> lines = new ArrayList<>();
    lines.add("| figure | params | score (ops/s) | per thread | baseline | baseline score | ratio |");
    lines.add("|---|---|---:|---:|---|---:|---:|");
    for (Result r : results) {
      String baselineName = BASELINES.get(r.name());
      if (baselineName == null) {
        continue;
      }
      Result base = results.stream().filter(b -> b.name().equals(baselineName) && b.params().equals(r.params())).findFirst()
          .orElse(null);
      String perThread = r.threads() > 1 ? fmt(r.score() / r.threads()) : "";
      lines.add(String.format(Locale.ROOT, "| %s | %s | %s ± %s | %s | %s | %s | %s |", r.name(), r.params().isEmpty() ? "" : r.params(),
          fmt(r.score()), fmt(r.error()), perThread, baselineName.substring(baselineName.indexOf('.') + 1),
          base == null ? "?" : fmt(base.score()), base == null ? "?" : String.format(Locale.ROOT, "%.2f", r.score() / base.score())));
    }
    return lines;
  }

  private static String fmt(double v) {
    return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.3g", v);
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: Ratios <JMH results.json>");
      System.exit(2);
    }
    table(read(Path.of(args[0]))).forEach(System.out::println);
  }
}
