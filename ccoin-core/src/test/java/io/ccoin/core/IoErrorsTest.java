package io.ccoin.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IoErrorsTest {
  @Test
  void fileErrorsDoNotRepeatTheFileName() {
    assertThat(IoErrors.reason(new NoSuchFileException("/nonexistent.json"))).isEqualTo("no such file or folder");
    assertThat(IoErrors.reason(new AccessDeniedException("/etc/shadow"))).isEqualTo("permission denied");
  }

  @Test
  void aRealMissingFileAndAFolderReadAsAFile(@TempDir Path dir) {
    try {
      Files.readString(dir.resolve("missing.json"));
    } catch (IOException e) {
      assertThat(IoErrors.reason(e)).isEqualTo("no such file or folder");
    }
    try {
      Files.readString(dir);
    } catch (IOException e) {
      assertThat(IoErrors.reason(e)).doesNotContain(dir.toString()).isNotBlank();
    }
  }

  @Test
  void theHttpClientsWrappedConnectExceptionIsConnectionRefused() {
    ConnectException refused = new ConnectException();
    refused.initCause(new ClosedChannelException());
    assertThat(IoErrors.reason(refused)).isEqualTo("connection refused");
    assertThat(IoErrors.reason(new IOException(new ConnectException("Connection refused")))).isEqualTo("connection refused");
    assertThat(IoErrors.reason(new HttpConnectTimeoutException("HTTP connect timed out"))).isEqualTo("no connection within the time limit");
  }

  @Test
  void okHttpsCallTimeoutIsNoAnswerInTime() {
    assertThat(IoErrors.reason(new java.io.InterruptedIOException("timeout"))).isEqualTo("no answer within the time limit");
    assertThat(IoErrors.reason(new java.io.InterruptedIOException("interrupted"))).isEqualTo("interrupted");
  }

  @Test
  void anUnknownKindGivesItsMessageOrItsNameInWords() {
    assertThat(IoErrors.reason(new IOException("Stream Closed"))).isEqualTo("stream Closed");
    assertThat(IoErrors.reason(new java.io.EOFException())).isEqualTo("eof problem");
    assertThat(IoErrors.reason(new javax.net.ssl.SSLHandshakeException(null))).isEqualTo("ssl handshake problem");
  }
}
