package io.ccoin.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One persistent HTTP/1.1 connection to a node's API, as lean as a client can be, so that the load
 * generator leaves the CPU to the nodes it shares the machine with: a request is one write, a
 * response is read by {@code Content-Length} or chunked framing. It reconnects once when the server
 * closed an idle connection. Not thread-safe: one per thread.
 */
final class HttpConnection implements Closeable {
  /** A response: status code and body. */
  record Response(int status, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final String host;
  private final int port;
  private final String hostHeader;
  private Socket socket;
  private InputStream in;
  private OutputStream out;

  HttpConnection(URI base) {
    this.host = base.getHost();
    this.port = base.getPort() > 0 ? base.getPort() : 80;
    this.hostHeader = host + ":" + port;
  }

  Response get(String path) throws IOException {
    return exchange(("GET " + path + " HTTP/1.1\r\nHost: " + hostHeader + "\r\nAccept: application/json\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII), null);
  }

  Response post(String path, String contentType, byte[] body) throws IOException {
    byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: " + hostHeader + "\r\nContent-Type: " + contentType
        + "\r\nContent-Length: " + body.length + "\r\nAccept: application/json\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    return exchange(head, body);
  }

  private Response exchange(byte[] head, byte[] body) throws IOException {
    boolean fresh = socket == null;
    try {
      return once(head, body);
    } catch (IOException e) {
      close();
      if (fresh) {
        throw e;
      }
      return once(head, body); // the server may have closed an idle keep-alive connection
    }
  }

  private Response once(byte[] head, byte[] body) throws IOException {
    if (socket == null) {
      socket = new Socket();
      socket.setTcpNoDelay(true);
      socket.connect(new InetSocketAddress(host, port), 5_000);
      socket.setSoTimeout(30_000);
      in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
      out = socket.getOutputStream();
    }
    if (body == null) {
      out.write(head);
    } else {
      byte[] all = new byte[head.length + body.length];
      System.arraycopy(head, 0, all, 0, head.length);
      System.arraycopy(body, 0, all, head.length, body.length);
      out.write(all);
    }
    out.flush();
    String statusLine = line();
    if (!statusLine.startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP response: " + statusLine);
    }
    int status = Integer.parseInt(statusLine.substring(9, 12));
    long length = -1;
    boolean chunked = false;
    boolean close = false;
    for (String h = line(); !h.isEmpty(); h = line()) {
      int colon = h.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = h.substring(colon + 1).trim();
      switch (name) {
        case "content-length" -> length = Long.parseLong(value);
        case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
        case "connection" -> close = value.equalsIgnoreCase("close");
        default -> { }
      }
    }
    byte[] content;
    if (chunked) {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0; size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
        b.write(in.readNBytes(size));
        line();
      }
      for (String trailer = line(); !trailer.isEmpty(); trailer = line()) {
        // trailers are ignored
      }
      content = b.toByteArray();
    } else if (length >= 0) {
      content = in.readNBytes((int) length);
      if (content.length != length) {
        throw new IOException("connection closed in the body");
      }
    } else {
      content = in.readAllBytes();
      close = true;
    }
    if (close) {
      close();
    }
    return new Response(status, content);
  }

  private String line() throws IOException {
    StringBuilder s = new StringBuilder(64);
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("connection closed");
      }
      if (c != '\r') {
        s.append((char) c);
      }
    }
    return s.toString();
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException e) {
        // closing anyway
      }
      socket = null;
    }
  }
}
