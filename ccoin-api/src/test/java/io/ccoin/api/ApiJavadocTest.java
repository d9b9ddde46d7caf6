package io.ccoin.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.source.doctree.DocCommentTree;
import com.sun.source.doctree.DocTree;
import com.sun.source.doctree.ParamTree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.tools.Diagnostic;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The API's javadoc is its contract, so every public type, constructor, method, field and enum
 * constant of ccoin-api has a doc comment, and every record names each of its components with
 * {@code @param} (they are the record's accessors). Methods marked {@code @Override} inherit their
 * contract. The javadoc build's doclint (all checks but "missing", warnings fail) checks the rest;
 * this test asks for comments without asking for an {@code @return} on every getter.
 */
class ApiJavadocTest {
  @Test
  void everyPublicElementOfTheApiHasItsContractWritten() throws IOException {
    List<String> undocumented = new ArrayList<>();
    for (TypeElement type : apiTypes()) {
      check(type, undocumented);
    }
    assertThat(undocumented).as("public API elements without javadoc").isEmpty();
  }

  @Test
  void theCheckFindsAnUndocumentedMember() throws IOException {
    Path dir = Files.createTempDirectory("apidoc");
    Path source = dir.resolve("io/ccoin/api/Probe.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, """
        package io.ccoin.api;
        /**
         * Documented.
         *
         * @param a the first
         */
        public record Probe(int a, int b) {
          public int twice() { return 2 * a; }
        }
        """);
    List<String> undocumented = new ArrayList<>();
    for (TypeElement type : analyse(List.of(source))) {
      check(type, undocumented);
    }
    assertThat(undocumented).containsExactlyInAnyOrder(
        "io.ccoin.api.Probe: no @param for record component b", "io.ccoin.api.Probe.twice()");
  }

  private DocTrees docTrees;
  private Elements elements;

  private List<TypeElement> apiTypes() throws IOException {
    try (Stream<Path> files = Files.walk(Path.of("src/main/java/io/ccoin/api"))) {
      List<Path> sources = files.filter(p -> p.toString().endsWith(".java")).toList();
      assertThat(sources).hasSizeGreaterThan(30);
      return analyse(sources);
    }
  }

  private List<TypeElement> analyse(List<Path> sources) throws IOException {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    try (StandardJavaFileManager files = compiler.getStandardFileManager(null, null, null)) {
      JavacTask task = (JavacTask) compiler.getTask(null, files, null, List.of("-proc:none"), null,
          files.getJavaFileObjectsFromPaths(sources));
      docTrees = DocTrees.instance(task);
      elements = task.getElements();
      List<TypeElement> types = new ArrayList<>();
      for (Element e : task.analyze()) {
        if (e instanceof TypeElement t) {
          types.add(t);
        }
      }
      return types;
    }
  }

  private void check(TypeElement type, List<String> undocumented) {
    if (!isApi(type)) {
      return;
    }
    DocCommentTree typeDoc = docTrees.getDocCommentTree(type);
    if (typeDoc == null) {
      undocumented.add(type.getQualifiedName().toString());
    } else if (type.getKind() == ElementKind.RECORD) {
      Set<String> params = typeDoc.getBlockTags().stream()
          .filter(t -> t.getKind() == DocTree.Kind.PARAM)
          .map(t -> ((ParamTree) t).getName().getName().toString())
          .collect(Collectors.toSet());
      for (RecordComponentElement c : type.getRecordComponents()) {
        if (!params.contains(c.getSimpleName().toString())) {
          undocumented.add(type.getQualifiedName() + ": no @param for record component " + c.getSimpleName());
        }
      }
    }
    Set<String> components = type.getRecordComponents().stream().map(c -> c.getSimpleName().toString()).collect(Collectors.toSet());
    for (Element member : type.getEnclosedElements()) {
      if (member instanceof TypeElement nested) {
        check(nested, undocumented);
        continue;
      }
      if (!isApi(member) || !isWritten(member) || member.getAnnotation(Override.class) != null) {
        continue;
      }
      if (member instanceof ExecutableElement m && m.getKind() == ElementKind.METHOD && m.getParameters().isEmpty()
          && components.contains(m.getSimpleName().toString()) && docTrees.getDocCommentTree(m) == null) {
        continue; // an accessor: documented by the record's @param
      }
      if (docTrees.getDocCommentTree(member) == null) {
        undocumented.add(type.getQualifiedName() + "." + describe(member));
      }
    }
  }

  /** False for what the compiler adds: a record's fields, accessors, canonical constructor and equals. */
  private boolean isWritten(Element member) {
    if (member.getKind() == ElementKind.RECORD_COMPONENT || elements.getOrigin(member) != Elements.Origin.EXPLICIT) {
      return false;
    }
    TreePath path = docTrees.getPath(member);
    return path != null
        && docTrees.getSourcePositions().getEndPosition(path.getCompilationUnit(), path.getLeaf()) != Diagnostic.NOPOS;
  }

  private static boolean isApi(Element e) {
    if (e.getModifiers().contains(Modifier.PRIVATE)) {
      return false;
    }
    Element owner = e.getEnclosingElement();
    boolean inInterface = owner != null && owner.getKind().isInterface();
    return inInterface || e.getKind() == ElementKind.ENUM_CONSTANT
        || e.getModifiers().contains(Modifier.PUBLIC) || e.getModifiers().contains(Modifier.PROTECTED);
  }

  private static String describe(Element member) {
    if (member instanceof ExecutableElement m) {
      String params = m.getParameters().stream().map(p -> p.asType().toString()).collect(Collectors.joining(", "));
      String name = m.getKind() == ElementKind.CONSTRUCTOR ? "<init>" : m.getSimpleName().toString();
      return name + "(" + params + ")";
    }
    return member.getSimpleName().toString();
  }
}
