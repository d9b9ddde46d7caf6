package io.ccoin.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The examples use only the documented API: no package that its package-info calls internal. */
class PublicApiOnlyTest {
  static final List<String> INTERNAL = List.of(".internal.", "io.ccoin.net.peer.", "io.ccoin.net.sync.", "io.ccoin.net.gossip.");

  @Test
  void noExampleImportsAnInternalPackage() throws IOException {
    Path sources = Path.of("src/main/java/io/ccoin/examples");
    try (Stream<Path> files = Files.list(sources)) {
      List<Path> java = files.filter(p -> p.toString().endsWith(".java")).toList();
      assertThat(java).hasSizeGreaterThanOrEqualTo(6);
      for (Path f : java) {
        for (String line : Files.readAllLines(f)) {
          if (line.startsWith("import ")) {
            for (String internal : INTERNAL) {
              assertThat(line).as(f.getFileName() + " uses an internal package").doesNotContain(internal);
            }
          }
        }
      }
    }
  }
}
