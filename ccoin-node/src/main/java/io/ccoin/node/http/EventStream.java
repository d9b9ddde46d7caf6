package io.ccoin.node.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ccoin.api.Hash;
import io.ccoin.api.StoredBlock;
import io.ccoin.api.event.AuthoritiesChangedEvent;
import io.ccoin.api.event.NewHeadEvent;
import io.ccoin.api.event.ReorgEvent;
import io.ccoin.api.event.Subscription;
import io.ccoin.api.event.TxAddedEvent;
import io.ccoin.api.event.TxDroppedEvent;
import io.ccoin.core.CcoinNode;
import io.ccoin.core.crypto.PublicKeys;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.sse.SseClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /events}: server-sent events {@code block} (the new head, as a block summary),
 * {@code reorg} (old and new head, common ancestor, dropped and added hashes) and {@code tx} (a
 * transaction entered the pool, {@code status: "pending"}, or was dropped from it,
 * {@code status: "dropped"} with its {@code reason}: hash, from, to, value, fee, nonce, status) and,
 * on a version 2 network, {@code authorities} (the set in force after the canonical head changed:
 * {@code number} and {@code hash} of the block after which the new set is in force, the new
 * {@code authorities}, and the {@code added} and {@code removed} addresses, SPEC 7.1).
 *
 * <p>Memory is bounded everywhere. Node events are turned into JSON once, on one dispatcher thread
 * fed by a bounded queue; each stream has its own bounded queue and writer thread, so a slow
 * client delays no one else. A client whose queue is full is disconnected (it then knows it missed
 * events and must re-read the state), as are all clients if the dispatcher itself overflows (one
 * warning per overflow, not one per event it could not take). A node event reaches the dispatcher
 * only while a stream is open: without clients the node's events cost nothing here, however many
 * transactions a second it admits. At
 * most {@link ApiConfig#maxEventClients()} streams are open at once. An idle stream gets a comment
 * line every {@link ApiConfig#eventHeartbeat()}, which also finds clients that went away.
 * Thread-safe.
 */
final class EventStream implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);
  private static final int DISPATCH_QUEUE = 10_000;
  static final String EVENT_STREAM = "text/event-stream";

  private final CcoinNode node;
  private final Views views;
  private final ApiConfig config;
  private final Semaphore permits;
  private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
  private final AtomicInteger threadIds = new AtomicInteger();
  private final ThreadPoolExecutor dispatcher;
  private final List<Subscription> subscriptions = new ArrayList<>();
  private volatile boolean closed;
  /** Set by an overflow until the dispatcher has caught up, so that one overflow is one warning. */
  private final AtomicBoolean overflowing = new AtomicBoolean();

  EventStream(CcoinNode node, Views views, ApiConfig config) {
    this.node = node;
    this.views = views;
    this.config = config;
    this.permits = new Semaphore(config.maxEventClients());
    this.dispatcher = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(DISPATCH_QUEUE), r -> {
      Thread t = new Thread(r, "ccoin-http-events");
      t.setDaemon(true);
      return t;
    }, (r, executor) -> overflow());
  }

  /** Starts listening to the node. */
  synchronized void start() {
    subscriptions.add(node.onNewHead(Runnable::run, whenStreaming(this::onNewHead)::accept));
    subscriptions.add(node.onReorg(Runnable::run, whenStreaming(this::onReorg)::accept));
    subscriptions.add(node.onTxAdded(Runnable::run, whenStreaming(this::onTxAdded)::accept));
    subscriptions.add(node.onAuthoritiesChanged(Runnable::run, whenStreaming(this::onAuthorities)::accept));
    // inclusions (most departures) are no drop: filter them before they take room in the dispatcher's queue
    Consumer<TxDroppedEvent> dropped = whenStreaming(this::onTxDropped);
    subscriptions.add(node.onTxDropped(Runnable::run, e -> {
      if (e.reason().isDrop()) {
        dropped.accept(e);
      }
    }));
  }

  /**
   * A listener, called on the node's thread that fires the event, that hands the event to the
   * dispatcher only while a stream is open: under load a node fires an event per admitted
   * transaction, and without clients none of them should take a place in the dispatcher's queue.
   */
  private <E> Consumer<E> whenStreaming(Consumer<E> handler) {
    return e -> {
      if (!subscribers.isEmpty() && !closed) {
        dispatcher.execute(() -> {
          handler.accept(e);
          if (dispatcher.getQueue().isEmpty()) {
            overflowing.set(false); // caught up: a later overflow is a new one, and warned about
          }
        });
      }
    };
  }

  /** Node events handed to the dispatcher so far. For tests. */
  long dispatched() {
    return dispatcher.getTaskCount();
  }

  /** The number of open streams. */
  int clientCount() {
    return subscribers.size();
  }

  /**
   * Handles {@code GET /events}. Every request becomes a stream, whatever its {@code Accept} header
   * (curl sends <code>&#42;/&#42;</code>), except one whose {@code Accept} excludes
   * {@code text/event-stream} ({@code 406 not_acceptable}, taking no place; Javalin answers a
   * {@code HEAD} itself, without this handler). When all places are taken: {@code 429 rate_limited} with
   * {@code Retry-After}, the heartbeat period, within which a stream whose client went away is
   * found and gives its place back.
   */
  void handle(Context ctx) {
    if (closed) {
      throw new ApiException(ErrorCode.NOT_READY, "the server is stopping");
    }
    if (!AcceptHeader.allows(ctx.header(Header.ACCEPT), EVENT_STREAM)) {
      throw new ApiException(ErrorCode.NOT_ACCEPTABLE,
          "GET /events answers only text/event-stream (server-sent events); send Accept: text/event-stream, */* or none");
    }
    if (!permits.tryAcquire()) {
      throw ApiException.rateLimited("too many event streams are open (" + config.maxEventClients() + ")", retryAfterSeconds());
    }
    // From here the permit belongs to the stream, which gives it back when it ends; until the
    // stream exists, whatever fails gives it back here.
    boolean handedOver = false;
    try {
      streamHeaders(ctx);
      ctx.res().flushBuffer();
      ctx.async(async -> async.timeout = 0, () -> connect(new SseClient(ctx)));
      handedOver = true;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (!handedOver) {
        permits.release();
      }
    }
  }

  /** The headers of a stream (as Javalin's {@code SseHandler} sends them). */
  private static void streamHeaders(Context ctx) {
    ctx.status(200);
    ctx.res().setCharacterEncoding("UTF-8");
    ctx.res().setContentType(EVENT_STREAM);
    ctx.res().addHeader(Header.CONNECTION, "close");
    ctx.res().addHeader(Header.CACHE_CONTROL, "no-cache");
    ctx.res().addHeader(Header.X_ACCEL_BUFFERING, "no");
  }

  /** The seconds after which a full server may have a place again: one heartbeat, rounded up. */
  long retryAfterSeconds() {
    return Math.max(1, (config.eventHeartbeat().toMillis() + 999) / 1000);
  }

  /** Runs on the request's async thread; the new stream owns the permit taken in {@link #handle}. */
  private void connect(SseClient client) {
    Subscriber s;
    try {
      client.keepAlive();
      s = register(new SseSink(client), true);
    } catch (RuntimeException | Error e) {
      permits.release();
      client.close();
      throw e;
    }
    client.onClose(s::close);
    if (client.terminated()) {
      s.close();
    }
  }

  /** Where one stream's events go: an SSE client, or a fake in tests. */
  interface Sink {
    /** Sends one event; may block while the client is slow. */
    void send(String name, String data);

    void comment(String text);

    /** True once the client is gone. */
    boolean terminated();

    void close();
  }

  private record SseSink(SseClient client) implements Sink {
    @Override
    public void send(String name, String data) {
      client.sendEvent(name, data);
    }

    @Override
    public void comment(String text) {
      client.sendComment(text);
    }

    @Override
    public boolean terminated() {
      return client.terminated();
    }

    @Override
    public void close() {
      client.close();
    }
  }

  /** Adds a stream and starts its writer thread; the stream gives back its permit when it ends, if it holds one. */
  Subscriber register(Sink sink, boolean holdsPermit) {
    Subscriber s = new Subscriber(sink, holdsPermit);
    subscribers.add(s);
    if (closed) {
      s.close();
      return s;
    }
    Thread t = new Thread(s::run, "ccoin-http-events-" + threadIds.incrementAndGet());
    t.setDaemon(true);
    s.writer = t;
    t.start();
    return s;
  }

  private void onNewHead(NewHeadEvent e) {
    if (subscribers.isEmpty()) {
      return;
    }
    ObjectNode summary = views.summary(new StoredBlock(e.head(), e.hash(), e.totalWeight()), node.head());
    publish("block", summary.toString());
  }

  private void onReorg(ReorgEvent e) {
    if (subscribers.isEmpty()) {
      return;
    }
    ObjectNode o = Json.object();
    o.put("oldHead", e.oldHead().toHex());
    o.put("newHead", e.newHead().toHex());
    o.put("commonAncestor", e.commonAncestor().toHex());
    hashes(o.putArray("dropped"), e.dropped());
    hashes(o.putArray("added"), e.added());
    publish("reorg", o.toString());
  }

  private void onAuthorities(AuthoritiesChangedEvent e) {
    if (subscribers.isEmpty()) {
      return;
    }
    ObjectNode o = Json.object();
    o.put("number", e.number());
    o.put("hash", e.blockHash().toHex());
    addresses(o.putArray("authorities"), e.authorities());
    addresses(o.putArray("added"), e.added());
    addresses(o.putArray("removed"), e.removed());
    publish("authorities", o.toString());
  }

  private static void addresses(ArrayNode a, List<io.ccoin.api.Address> addresses) {
    addresses.forEach(x -> a.add(x.toHex()));
  }

  private static void hashes(ArrayNode a, List<Hash> hashes) {
    hashes.forEach(h -> a.add(h.toHex()));
  }

  private void onTxAdded(TxAddedEvent e) {
    if (subscribers.isEmpty()) {
      return;
    }
    publish("tx", tx(e.hash(), e.transaction()).put("status", "pending").toString());
  }

  /** A drop; inclusion is not one (the {@code block} event tells of it). */
  private void onTxDropped(TxDroppedEvent e) {
    if (subscribers.isEmpty() || !e.reason().isDrop()) {
      return;
    }
    publish("tx", tx(e.hash(), e.transaction()).put("status", "dropped").put("reason", e.reason().code()).toString());
  }

  private static ObjectNode tx(Hash hash, io.ccoin.api.Transaction tx) {
    ObjectNode o = Json.object();
    o.put("hash", hash.toHex());
    o.put("from", PublicKeys.address(tx.publicKey()).toHex());
    o.put("to", tx.to().toHex());
    o.put("value", Long.toString(tx.value()));
    o.put("fee", Long.toString(tx.fee()));
    o.put("nonce", tx.nonce());
    return o;
  }

  private void publish(String name, String data) {
    Event event = new Event(name, data);
    for (Subscriber s : subscribers) {
      if (!s.queue.offer(event)) {
        LOG.info("closing an event stream that fell {} events behind", config.eventQueueSize());
        s.close();
      }
    }
  }

  private void overflow() {
    if (closed) {
      return;
    }
    if (overflowing.compareAndSet(false, true)) {
      LOG.warn("the event dispatcher fell {} events behind: closing all {} event streams", DISPATCH_QUEUE, subscribers.size());
    }
    subscribers.forEach(Subscriber::close);
  }

  /** Stops listening and closes every stream. */
  @Override
  public synchronized void close() {
    closed = true;
    subscriptions.forEach(Subscription::close);
    subscriptions.clear();
    subscribers.forEach(Subscriber::close);
    dispatcher.shutdownNow();
  }

  private record Event(String name, String data) {}

  final class Subscriber {
    final Sink client;
    final BlockingQueue<Event> queue = new ArrayBlockingQueue<>(config.eventQueueSize());
    final AtomicBoolean done = new AtomicBoolean();
    final boolean holdsPermit;
    volatile Thread writer;

    Subscriber(Sink client, boolean holdsPermit) {
      this.client = client;
      this.holdsPermit = holdsPermit;
    }

    void run() {
      long heartbeatMs = config.eventHeartbeat().toMillis();
      try {
        client.comment("ccoin events");
        while (!done.get() && !client.terminated()) {
          Event e = queue.poll(heartbeatMs, TimeUnit.MILLISECONDS);
          if (e == null) {
            client.comment("keep-alive");
          } else {
            client.send(e.name(), e.data());
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        LOG.debug("event stream failed", e);
      } finally {
        close();
      }
    }

    void close() {
      if (!done.compareAndSet(false, true)) {
        return;
      }
      subscribers.remove(this);
      if (holdsPermit) {
        permits.release();
      }
      Thread w = writer;
      if (w != null && w != Thread.currentThread()) {
        w.interrupt();
      }
      try {
        client.close();
      } catch (RuntimeException e) {
        LOG.debug("closing an event stream failed", e);
      }
    }
  }
}
