package io.ccoin.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodeConfigParserTest {
  static final Path DIR = Path.of("/tmp/ccoin-config-test");
  static final Map<String, String> ENV = Map.of("BASE_DIRECTORY", "/data", "PORT", "4000");

  static NodeConfig parse(String text) {
    return NodeConfigParser.parse(text, ENV, DIR);
  }

  @Test
  void theOriginalsExampleWithDefaults() {
    NodeConfig c = parse("""
        {
          "app": {"base_path": "${BASE_DIRECTORY}/.ccoin"},
          "client": {"account_address": ""},
          // the discovery service
          "discovery_service": {"host": "127.0.0.1", "port": 4444, "proto": "http"}
        }
        """);
    assertThat(c.basePath()).isEqualTo(Path.of("/data/.ccoin"));
    assertThat(c.accountAddress()).isEmpty();
    assertThat(c.discovery()).hasValueSatisfying(d -> assertThat(d.baseUrl()).isEqualTo("http://127.0.0.1:4444"));
    assertThat(c.p2p().port()).isEqualTo(30333);
    assertThat(c.p2p().host()).isEqualTo("127.0.0.1");
    assertThat(c.p2p().minPeers()).isEqualTo(1);
    assertThat(c.p2p().maxReorgDepth()).isEqualTo(1024);
    assertThat(c.p2p().maxPeers()).isEmpty();
    assertThat(c.http().host()).isEqualTo("127.0.0.1");
    assertThat(c.http().port()).isEqualTo(30334);
    assertThat(c.http().submitRate()).isEqualTo(20);
    assertThat(c.http().submitBurst()).isEqualTo(100);
    assertThat(c.http().submitConcurrency()).as("the API's own default, from the processors").isEmpty();
    assertThat(c.http().submitQueue()).isEqualTo(64);
    assertThat(c.http().submitInFlight()).isEqualTo(2_048);
    assertThat(c.p2p().txQueueLimit()).isEqualTo(4_096);
    assertThat(c.storeType()).isEqualTo(NodeConfig.StoreType.MAPDB);
    assertThat(c.storeWriteBehind()).isZero();
    assertThat(c.txpool().maxCount()).isEqualTo(50_000);
    assertThat(c.keystoreDir()).isEqualTo(Path.of("/data/.ccoin/keystore"));
  }

  @Test
  void everyKey() {
    NodeConfig c = parse("""
        {"app": {"base_path": "rel/dir"},
         "client": {"account_address": "0x956BDB28B5EDB38DA3D6D794BA3F0B569EC4937A"},
         "p2p": {"host": "0.0.0.0", "port": 31000, "advertise_host": "node1.example", "bootstrap": ["127.0.0.1:31001", "[::1]:31002"],
                 "max_peers": 8, "min_peers": 2, "max_reorg_depth": 64, "tx_queue_limit": 2048},
         "http": {"host": "127.0.0.1", "port": 8080, "submit_rate": 0, "submit_burst": 5, "submit_concurrency": 3,
                  "submit_queue": 0, "submit_in_flight": 3000},
         "store": {"type": "memory", "write_behind": 6},
         "txpool": {"max_count": 10, "max_bytes": 1000, "max_per_sender": 5}}
        """);
    assertThat(c.basePath()).isEqualTo(DIR.resolve("rel/dir"));
    assertThat(c.accountAddress()).hasValueSatisfying(a -> assertThat(a.toHex()).isEqualTo("956bdb28b5edb38da3d6d794ba3f0b569ec4937a"));
    assertThat(c.p2p().bootstrap()).hasSize(2);
    assertThat(c.p2p().bootstrap().get(1).getHostString()).isEqualTo("::1");
    assertThat(c.p2p().maxPeers()).contains(8);
    assertThat(c.http().port()).isEqualTo(8080);
    assertThat(c.http().submitRate()).isZero();
    assertThat(c.http().submitBurst()).isEqualTo(5);
    assertThat(c.http().submitConcurrency()).contains(3);
    assertThat(c.http().submitQueue()).isZero();
    assertThat(c.http().submitInFlight()).isEqualTo(3_000);
    assertThat(c.p2p().txQueueLimit()).isEqualTo(2_048);
    assertThat(c.storeType()).isEqualTo(NodeConfig.StoreType.MEMORY);
    assertThat(c.storeWriteBehind()).isEqualTo(6);
    assertThat(c.txpool().maxPerSender()).isEqualTo(5);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      unknown top key      | {"app": {"base_path": "x"}, "p2pp": {}}                         | p2pp: unknown key
      unknown nested key   | {"app": {"base_path": "x"}, "p2p": {"prot": 1}}                 | p2p.prot: unknown key
      missing base_path    | {"app": {}}                                                     | app.base_path: is required
      unset variable       | {"app": {"base_path": "${NOPE}/x"}}                             | environment variable NOPE is not set
      bad address          | {"app": {"base_path": "x"}, "client": {"account_address": "12"}}| client.account_address: not an address
      port out of range    | {"app": {"base_path": "x"}, "p2p": {"port": 70000}}             | p2p.port: must be 0 .. 65535
      port as string       | {"app": {"base_path": "x"}, "p2p": {"port": "${PORT}"}}         | p2p.port: must be a plain integer
      bad bootstrap        | {"app": {"base_path": "x"}, "p2p": {"bootstrap": ["nohost"]}}   | p2p.bootstrap[0]: must be "host:port"
      bad store type       | {"app": {"base_path": "x"}, "store": {"type": "leveldb"}}       | store.type: must be "mapdb" or "memory"
      write-behind too deep | {"app": {"base_path": "x"}, "store": {"write_behind": 65}}     | store.write_behind
      write-behind negative | {"app": {"base_path": "x"}, "store": {"write_behind": -1}}     | store.write_behind
      bad proto            | {"app": {"base_path": "x"}, "discovery_service": {"proto": "ftp"}} | discovery_service.proto
      bad host             | {"app": {"base_path": "x"}, "http": {"host": "a b"}}            | http.host: not a host name
      negative submit rate | {"app": {"base_path": "x"}, "http": {"submit_rate": -1}}        | http.submit_rate: must not be negative
      zero submit burst    | {"app": {"base_path": "x"}, "http": {"submit_burst": 0}}        | http.submit_burst: must be 1 .. 1000000
      zero concurrency     | {"app": {"base_path": "x"}, "http": {"submit_concurrency": 0}}  | http.submit_concurrency: must be 1 .. 256, got 0
      negative concurrency | {"app": {"base_path": "x"}, "http": {"submit_concurrency": -2}} | http.submit_concurrency: must not be negative, got -2
      huge concurrency     | {"app": {"base_path": "x"}, "http": {"submit_concurrency": 257}} | http.submit_concurrency: must be 1 .. 256, got 257
      concurrency string   | {"app": {"base_path": "x"}, "http": {"submit_concurrency": "4"}} | http.submit_concurrency: must be a plain integer
      concurrency fraction | {"app": {"base_path": "x"}, "http": {"submit_concurrency": 1.5}} | http.submit_concurrency: must be a plain integer
      concurrency null     | {"app": {"base_path": "x"}, "http": {"submit_concurrency": null}} | http.submit_concurrency: must be a plain integer
      negative queue       | {"app": {"base_path": "x"}, "http": {"submit_queue": -1}}       | http.submit_queue: must not be negative, got -1
      huge queue           | {"app": {"base_path": "x"}, "http": {"submit_queue": 65537}}    | http.submit_queue: must be 0 .. 65536, got 65537
      queue beyond long    | {"app": {"base_path": "x"}, "http": {"submit_queue": 99999999999999999999}} | http.submit_queue: must be 0 .. 65536
      queue as boolean     | {"app": {"base_path": "x"}, "http": {"submit_queue": true}}     | http.submit_queue: must be a plain integer
      zero in flight       | {"app": {"base_path": "x"}, "http": {"submit_in_flight": 0}}    | http.submit_in_flight: must be 1 .. 1048576, got 0
      negative in flight   | {"app": {"base_path": "x"}, "http": {"submit_in_flight": -5}}   | http.submit_in_flight: must not be negative, got -5
      huge in flight       | {"app": {"base_path": "x"}, "http": {"submit_in_flight": 1048577}} | http.submit_in_flight: must be 1 .. 1048576, got 1048577
      in flight as string  | {"app": {"base_path": "x"}, "http": {"submit_in_flight": "2048"}} | http.submit_in_flight: must be a plain integer
      in flight fraction   | {"app": {"base_path": "x"}, "http": {"submit_in_flight": 2.5}}  | http.submit_in_flight: must be a plain integer
      small tx queue       | {"app": {"base_path": "x"}, "p2p": {"tx_queue_limit": 1023}}    | p2p.tx_queue_limit: must be 1024 .. 1048576, got 1023
      zero tx queue        | {"app": {"base_path": "x"}, "p2p": {"tx_queue_limit": 0}}       | p2p.tx_queue_limit: must be 1024 .. 1048576, got 0
      huge tx queue        | {"app": {"base_path": "x"}, "p2p": {"tx_queue_limit": 1048577}} | p2p.tx_queue_limit: must be 1024 .. 1048576, got 1048577
      tx queue as string   | {"app": {"base_path": "x"}, "p2p": {"tx_queue_limit": "4096"}}  | p2p.tx_queue_limit: must be a plain integer
      duplicate key        | {"app": {"base_path": "x"}, "app": {"base_path": "y"}}          | Duplicate field 'app'
      not JSON             | {"app":                                                         | not valid JSON
      http default too big | {"app": {"base_path": "x"}, "p2p": {"port": 65535}}             | set http.port
      """)
  void mistakesAreNamed(String what, String text, String message) {
    assertThatThrownBy(() -> parse(text)).as(what).isInstanceOf(ConfigException.class).hasMessageContaining(message);
  }

  @Test
  void admissionBoundsAcceptTheirLimits() {
    NodeConfig low = parse("""
        {"app": {"base_path": "x"}, "http": {"submit_concurrency": 1, "submit_queue": 0, "submit_in_flight": 1}, "p2p": {"tx_queue_limit": 1024}}
        """);
    assertThat(low.http().submitInFlight()).isEqualTo(1);
    assertThat(low.http().submitConcurrency()).contains(1);
    assertThat(low.http().submitQueue()).isZero();
    assertThat(low.p2p().txQueueLimit()).isEqualTo(1_024);
    NodeConfig high = parse("""
        {"app": {"base_path": "x"}, "http": {"submit_concurrency": 256, "submit_queue": 65536, "submit_in_flight": 1048576}, "p2p": {"tx_queue_limit": 1048576}}
        """);
    assertThat(high.http().submitInFlight()).isEqualTo(1_048_576);
    assertThat(high.http().submitConcurrency()).contains(256);
    assertThat(high.http().submitQueue()).isEqualTo(65_536);
    assertThat(high.p2p().txQueueLimit()).isEqualTo(1_048_576);
  }

  @Test
  void readNamesTheFile(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("ccoin.json");
    Files.writeString(f, "{\"app\": {\"base_path\": \"data\"}}");
    assertThat(NodeConfigParser.read(f, Map.of()).basePath()).isEqualTo(dir.resolve("data"));
    Files.writeString(f, "{\"app\": {}}");
    assertThatThrownBy(() -> NodeConfigParser.read(f, Map.of())).hasMessageStartingWith(f + ": app.base_path");
    assertThatThrownBy(() -> NodeConfigParser.read(dir.resolve("none.json"), Map.of())).hasMessageContaining("cannot read");
  }
}
