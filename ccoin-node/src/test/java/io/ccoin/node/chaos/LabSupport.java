package io.ccoin.node.chaos;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Optional;

/** The one place that decides whether this machine can run the harness, and says why not. */
final class LabSupport {
  private LabSupport() {}

  /** Skips the calling test, with one line saying why, where network namespaces cannot be made. */
  static void assumeNamespaces() {
    Optional<String> why = NetnsLab.unavailableReason();
    why.ifPresent(reason -> System.err.println("fault-injection harness skipped: " + reason));
    assumeTrue(why.isEmpty(), () -> "fault-injection harness skipped: " + why.orElse(""));
  }

  /** Skips the calling test where libfaketime is not installed (Debian package {@code libfaketime}). */
  static void assumeFaketime() {
    boolean present = java.nio.file.Files.isReadable(LabNetwork.FAKETIME_LIBRARY);
    if (!present) {
      System.err.println("clock-skew scenario skipped: " + LabNetwork.FAKETIME_LIBRARY + " is missing (apt-get install faketime)");
    }
    assumeTrue(present, () -> "clock-skew scenario skipped: " + LabNetwork.FAKETIME_LIBRARY + " is missing (apt-get install faketime)");
  }
}
