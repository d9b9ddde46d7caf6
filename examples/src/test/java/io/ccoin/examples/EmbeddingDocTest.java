package io.ccoin.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/EMBEDDING.md's examples compile as they stand: every {@code ```java} block is a whole source
 * file with its imports, compiled with the build's warnings-as-errors against this module's
 * classpath (the library modules, versions from ccoin-bom). They import only the public surface,
 * and the first block is the runnable {@link EmbeddedChain}, which the smoke test runs.
 */
class EmbeddingDocTest {
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  private static final Pattern CLASS_NAME = Pattern.compile("^public (?:final |abstract )?(?:class|interface|record) (\\w+)", Pattern.MULTILINE);
  /** What EMBEDDING.md may import besides the JDK: the public surface as it is settled so far. */
  private static final List<String> PUBLIC = List.of(
      "io.ccoin.api.", "io.ccoin.core.Ccoin;", "io.ccoin.core.CcoinNode;", "io.ccoin.core.TransactionBuilder;",
      "io.ccoin.core.crypto.AccountKey;", "io.ccoin.core.crypto.Keystore;", "io.ccoin.core.genesis.GenesisParser;",
      "io.ccoin.core.store.MemoryChainStore;", "io.ccoin.net.NetworkService;", "io.ccoin.net.NetworkConfig;",
      "io.ccoin.net.tcp.TcpTransport;", "io.ccoin.store.mapdb.MapDbChainStore;", "java.");

  static List<String> javaBlocks(String markdown) {
    List<String> blocks = new ArrayList<>();
    int from = 0;
    while (true) {
      int start = markdown.indexOf("```java\n", from);
      if (start < 0) {
        return blocks;
      }
      int end = markdown.indexOf("\n```", start + 8);
      assertThat(end).as("a java block is closed").isPositive();
      blocks.add(markdown.substring(start + 8, end + 1));
      from = end + 4;
    }
  }

  private static List<String> blocks() throws IOException {
    return javaBlocks(Files.readString(ROOT.resolve("docs/EMBEDDING.md")));
  }

  @Test
  void everyJavaBlockCompilesAsItStands(@TempDir Path dir) throws IOException {
    List<String> blocks = blocks();
    assertThat(blocks).hasSizeGreaterThanOrEqualTo(4);
    List<Path> sources = new ArrayList<>();
    for (String block : blocks) {
      Matcher m = CLASS_NAME.matcher(block);
      assertThat(m.find()).as("a top-level public class in:%n%s", block).isTrue();
      Path file = dir.resolve(m.group(1) + ".java");
      assertThat(file).as("two blocks declare " + m.group(1)).doesNotExist();
      Files.writeString(file, block);
      sources.add(file);
    }
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    StringWriter out = new StringWriter();
    try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, null, null)) {
      Path classes = Files.createDirectories(dir.resolve("classes"));
      List<String> options = List.of("--release", "17", "-Xlint:all,-processing", "-Werror", "-proc:none",
          "-classpath", libraryClassPath(), "-d", classes.toString());
      boolean ok = compiler.getTask(out, files, diagnostics, options, null, files.getJavaFileObjectsFromPaths(sources)).call();
      assertThat(ok).as("EMBEDDING.md's java blocks compile:%n%s%s", out, diagnostics.getDiagnostics()).isTrue();
    }
  }

  /**
   * The test's class path without this module's own classes (main and test): the blocks compile
   * against the libraries, as in an application, not against the examples.
   */
  static String libraryClassPath() {
    Path own = Path.of("target").toAbsolutePath();
    List<String> entries = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!Path.of(entry).toAbsolutePath().normalize().startsWith(own)) {
        entries.add(entry);
      }
    }
    assertThat(entries).as("the examples' own classes were on the class path and are left out").hasSizeLessThan(
        System.getProperty("java.class.path").split(File.pathSeparator).length);
    return String.join(File.pathSeparator, entries);
  }

  @Test
  void theBlocksImportOnlyThePublicSurface() throws IOException {
    for (String block : blocks()) {
      List<String> imports = block.lines().filter(l -> l.startsWith("import ")).toList();
      assertThat(imports).as("a block with its imports:%n%s", block).isNotEmpty();
      for (String line : imports) {
        String name = line.substring("import ".length());
        assertThat(PUBLIC).as(line).anyMatch(name::startsWith);
      }
      // a fully qualified name in the code would pass by the import check
      assertThat(block.lines().filter(l -> !l.startsWith("import ") && l.contains("io.ccoin.")))
          .as("ccoin names outside the imports in:%n%s", block).isEmpty();
    }
  }

  @Test
  void theFirstBlockIsTheRunnableEmbeddedChainExample() throws IOException {
    String example = Files.readString(Path.of("src/main/java/io/ccoin/examples/EmbeddedChain.java"));
    String withoutPackage = example.substring(example.indexOf("import "));
    assertThat(blocks().get(0)).isEqualTo(withoutPackage);
  }
}
