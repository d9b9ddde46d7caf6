package io.ccoin.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's embedding snippet is copied from an example the build compiles and runs. */
class ReadmeSnippetTest {
  @Test
  void everyLineOfTheSnippetIsInSingleNodeChain() throws Exception {
    Path root = Path.of("").toAbsolutePath().getParent();
    String readme = Files.readString(root.resolve("README.md"));
    int start = readme.indexOf("```java");
    int end = readme.indexOf("```", start + 7);
    List<String> snippet = readme.substring(start + 7, end).lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    String example = Files.readString(root.resolve("examples/src/main/java/io/ccoin/examples/SingleNodeChain.java"));
    List<String> exampleLines = example.lines().map(String::strip).toList();
    assertThat(snippet).isNotEmpty();
    for (String line : snippet) {
      if (!line.equals("}")) {
        assertThat(exampleLines).as("README line: " + line).contains(line);
      }
    }
  }
}
