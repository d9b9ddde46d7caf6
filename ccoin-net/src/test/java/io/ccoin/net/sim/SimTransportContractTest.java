package io.ccoin.net.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccoin.api.PeerTransport;
import io.ccoin.net.PeerTransportContractTest;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The simulator's transport keeps the same contract as TCP. The contract test waits in real time on
 * its own thread, so a driver thread runs the network's {@link VirtualScheduler} meanwhile: it runs
 * every queued task (the virtual clock jumping to each one's due time) and, with nothing queued,
 * waits a millisecond before it looks again; the clock never moves while nothing is queued. All
 * transport callbacks therefore run on the driver thread, as they run on Netty's event loops for
 * TCP.
 */
class SimTransportContractTest extends PeerTransportContractTest {
  private final VirtualScheduler scheduler = new VirtualScheduler(1_700_000_000_000L);
  private final SimNetwork network = new SimNetwork(scheduler, 7).latency(5, 20);
  private int nextHost = 1;
  private volatile boolean stopped;
  private Thread driver;

  @Override
  protected PeerTransport newTransport() {
    return network.transport("10.0.0." + nextHost++, 30333);
  }

  @Override
  protected InetSocketAddress unusedAddress() {
    return InetSocketAddress.createUnresolved("10.0.0.250", 30333);
  }

  @BeforeEach
  void startDriver() {
    driver = new Thread(this::drive, "sim-driver");
    driver.setDaemon(true);
    driver.start();
  }

  private void drive() {
    while (!stopped) {
      scheduler.runUntil(() -> stopped || scheduler.queued() == 0, Duration.ofHours(1));
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
    }
  }

  @AfterEach
  void stopDriver() throws InterruptedException {
    stopped = true;
    driver.join(TIMEOUT.toMillis());
    assertThat(driver.isAlive()).as("driver thread stopped").isFalse();
    assertThat(scheduler.failures()).as("exceptions in simulator tasks").isEmpty();
  }
}
