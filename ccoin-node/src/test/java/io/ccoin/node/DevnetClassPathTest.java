package io.ccoin.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The children of a devnet run in its folder, so the class path handed to them must not be relative. */
class DevnetClassPathTest {
  private static final String SEP = File.pathSeparator;

  @Test
  void everyRelativeEntryIsResolvedAgainstTheWorkingDirectory() {
    Path work = Path.of("/home/u/ccoin");
    String cp = Devnet.absoluteClassPath("ccoin-bench/target/benchmarks.jar" + SEP + "/opt/lib/a.jar" + SEP
        + "./x/../classes" + SEP + "lib/*", work);
    assertEquals("/home/u/ccoin/ccoin-bench/target/benchmarks.jar" + SEP + "/opt/lib/a.jar" + SEP
        + "/home/u/ccoin/classes" + SEP + "/home/u/ccoin/lib/*", cp);
  }

  @Test
  void anEmptyEntryMeansTheWorkingDirectory() {
    assertEquals("/w" + SEP + "/w/a.jar", Devnet.absoluteClassPath(SEP + "a.jar", Path.of("/w")));
  }

  @Test
  void aClassPathGivenRelativeToTheWorkingDirectoryNamesTheSameFilesWhenMadeAbsolute() {
    Path work = Path.of("").toAbsolutePath();
    Path classes = Path.of(Devnet.class.getProtectionDomain().getCodeSource().getLocation().getPath());
    String relative = work.relativize(classes).toString();
    assertTrue(!Path.of(relative).isAbsolute());
    String cp = Devnet.absoluteClassPath(relative, work);
    assertTrue(Path.of(cp).isAbsolute(), cp);
    assertTrue(Files.isDirectory(Path.of(cp).resolve("io/ccoin/node")), cp);
  }
}
