package io.ccoin.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildProcessesTest {
  @TempDir
  Path dir;

  /** A process that records when it was told to stop and when someone waited for it to end. */
  static final class FakeProcess extends Process {
    final String name;
    final List<String> events;
    boolean alive = true;
    int exit;

    FakeProcess(String name, List<String> events) {
      this.name = name;
      this.events = events;
    }

    @Override
    public OutputStream getOutputStream() {
      return OutputStream.nullOutputStream();
    }

    @Override
    public InputStream getInputStream() {
      return InputStream.nullInputStream();
    }

    @Override
    public InputStream getErrorStream() {
      return InputStream.nullInputStream();
    }

    @Override
    public int waitFor() {
      return waitFor(0, TimeUnit.SECONDS) ? exit : exit;
    }

    @Override
    public boolean waitFor(long timeout, TimeUnit unit) {
      events.add("waited " + name);
      return !alive;
    }

    @Override
    public int exitValue() {
      if (alive) {
        throw new IllegalThreadStateException(name + " is running");
      }
      return exit;
    }

    @Override
    public void destroy() {
      events.add("stop " + name);
      alive = false;
      exit = 143;
    }

    @Override
    public boolean isAlive() {
      return alive;
    }
  }

  @Test
  void theNodesStopBeforeTheDiscoveryServiceIsToldTo() {
    List<String> events = new ArrayList<>();
    ChildProcesses children = new ChildProcesses();
    children.add("discovery", 0, new FakeProcess("discovery", events), dir.resolve("d.log"), 0);
    children.add("miner1", 1, new FakeProcess("miner1", events), dir.resolve("m1.log"), 0);
    children.add("basic", 1, new FakeProcess("basic", events), dir.resolve("b.log"), 0);
    children.stopAll();
    assertThat(events).containsExactly("stop miner1", "stop basic", "waited miner1", "waited basic", "stop discovery", "waited discovery");
  }

  @Test
  void anExitedChildIsReportedWithItsOwnErrorFromThisRun() throws Exception {
    Path log = dir.resolve("miner2.log");
    Files.writeString(log, "ccoin: an error from an earlier run\n");
    long start = Files.size(log);
    List<String> events = new ArrayList<>();
    FakeProcess miner2 = new FakeProcess("miner2", events);
    ChildProcesses children = new ChildProcesses();
    children.add("discovery", 0, new FakeProcess("discovery", events), dir.resolve("d.log"), 0);
    children.add("miner2", 1, miner2, log, start);
    assertThat(children.firstExited()).isEmpty();

    Files.writeString(log, "2026-12-07T03:00:00.000Z INFO  [NodeRunner] starting\nccoin: cannot listen on 127.0.0.1:30335: address already in use\n",
        java.nio.file.StandardOpenOption.APPEND);
    miner2.alive = false;
    miner2.exit = 1;
    assertThat(children.firstExited()).contains("miner2 exited with status 1: cannot listen on 127.0.0.1:30335: address already in use (log: "
        + log + ")");
  }

  @Test
  void withoutACliLineTheLastErrorOrLastLineExplains() throws Exception {
    Path log = dir.resolve("x.log");
    Files.writeString(log, "a ERROR line\nsomething else\n");
    assertThat(ChildProcesses.lastError(new ChildProcesses.Child("x", 1, new FakeProcess("x", new ArrayList<>()), log, 0)))
        .isEqualTo("a ERROR line");
    Files.writeString(log, "only this\n\n");
    assertThat(ChildProcesses.lastError(new ChildProcesses.Child("x", 1, new FakeProcess("x", new ArrayList<>()), log, 0)))
        .isEqualTo("only this");
    assertThat(ChildProcesses.lastError(new ChildProcesses.Child("x", 1, new FakeProcess("x", new ArrayList<>()), dir.resolve("none"), 0)))
        .isEqualTo("no output");
  }

  @Test
  void theProgressLineNamesTransactionsPeersAndPending() {
    assertThat(DevnetProgress.format(42, "basic", 17, 3, 3, 5)).isEqualTo("block #42 (basic): 17 transactions in 3 blocks, 3 peers, 5 pending");
    assertThat(DevnetProgress.format(1, "basic", 1, 1, 1, 0)).isEqualTo("block #1 (basic): 1 transaction, 1 peer, 0 pending");
    assertThat(DevnetProgress.format(900, "basic", 10, 250, 3, 0)).contains("in the last 100 of 250 blocks");
  }
}
