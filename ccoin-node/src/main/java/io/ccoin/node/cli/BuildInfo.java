package io.ccoin.node.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.Properties;

/**
 * Which build this is: the project version and the git commit it was built from, written by the
 * build to {@code io/ccoin/node/build.properties} ({@code commit} is {@code unknown} when git could
 * not tell, and ends in {@code -dirty} for uncommitted changes).
 */
record BuildInfo(String version, String commit) {
  static final String RESOURCE = "/io/ccoin/node/build.properties";

  static BuildInfo load() {
    Properties p = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // an unreadable resource is the same as none: fall back to the manifest
    }
    String version = Optional.ofNullable(p.getProperty("version"))
        .or(() -> Optional.ofNullable(BuildInfo.class.getPackage().getImplementationVersion()))
        .orElse("development build");
    return new BuildInfo(version, p.getProperty("commit", "unknown"));
  }

  /** "ccoin 0.1.0-SNAPSHOT (commit 4229229083ac)". */
  String describe() {
    return "ccoin " + version + " (commit " + commit + ")";
  }
}
