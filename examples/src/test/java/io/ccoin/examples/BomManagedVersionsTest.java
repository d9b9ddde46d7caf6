package io.ccoin.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The examples build as an application depending on ccoin-bom does: every ccoin artifact they use
 * has its version from the BOM, none names a version of its own, and the parent they inherit from
 * manages no ccoin artifact except by importing the same BOM (an inherited version would make the
 * examples' import prove nothing). Read from the pom files themselves.
 */
class BomManagedVersionsTest {
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  private static final String CCOIN = "io.ccoin";

  /** One {@code <dependency>}: group, artifact, type (default {@code jar}), version if given, scope if given. */
  record Dep(String group, String artifact, String type, String version, String scope) {
    String key() {
      return group + ":" + artifact + ":" + type;
    }

    boolean isBomImport() {
      return CCOIN.equals(group) && "ccoin-bom".equals(artifact) && "pom".equals(type) && "import".equals(scope);
    }
  }

  static Document read(String pom) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(ROOT.resolve(pom).toFile());
  }

  /** The direct {@code <child>} of {@code parent}, or null. */
  static Element child(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        return e;
      }
    }
    return null;
  }

  static String text(Element parent, String name, String dflt) {
    Element e = child(parent, name);
    return e == null ? dflt : e.getTextContent().strip();
  }

  /** The dependencies under {@code <project>/<path...>/<dependencies>}; empty when the path is absent. */
  static List<Dep> dependencies(Document pom, String... path) {
    Element at = pom.getDocumentElement();
    for (String name : path) {
      at = at == null ? null : child(at, name);
    }
    List<Dep> out = new ArrayList<>();
    Element deps = at == null ? null : child(at, "dependencies");
    if (deps == null) {
      return out;
    }
    for (Node n = deps.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element d && d.getTagName().equals("dependency")) {
        out.add(new Dep(text(d, "groupId", ""), text(d, "artifactId", ""), text(d, "type", "jar"), text(d, "version", null),
            text(d, "scope", null)));
      }
    }
    return out;
  }

  static Set<String> bomKeys() throws Exception {
    Document bom = read("ccoin-bom/pom.xml");
    assertThat(child(bom.getDocumentElement(), "parent")).as("the BOM stands alone: no parent").isNull();
    Set<String> keys = new TreeSet<>();
    dependencies(bom, "dependencyManagement").forEach(d -> keys.add(d.key()));
    assertThat(keys).as("the BOM lists the library modules").contains("io.ccoin:ccoin-core:jar", "io.ccoin:ccoin-api:jar");
    return keys;
  }

  @Test
  void everyCcoinDependencyOfTheExamplesIsVersionedByTheBom() throws Exception {
    Set<String> bom = bomKeys();
    Document examples = read("examples/pom.xml");
    List<Dep> used = dependencies(examples).stream().filter(d -> d.group().equals(CCOIN)).toList();
    assertThat(used).as("the examples use ccoin artifacts").isNotEmpty();
    for (Dep d : used) {
      assertThat(d.version()).as("%s names no version of its own", d.key()).isNull();
      assertThat(bom).as("%s is managed by ccoin-bom", d.key()).contains(d.key());
    }
    List<Dep> managed = dependencies(examples, "dependencyManagement");
    assertThat(managed).as("the examples import ccoin-bom").anyMatch(Dep::isBomImport);
    assertThat(managed.stream().filter(d -> d.group().equals(CCOIN) && !d.isBomImport()))
        .as("the examples manage no ccoin version by hand").isEmpty();
  }

  @Test
  void theInheritedParentManagesCcoinVersionsOnlyThroughTheSameBom() throws Exception {
    Document examples = read("examples/pom.xml");
    Element parent = child(examples.getDocumentElement(), "parent");
    assertThat(parent).as("examples has a parent (ccoin-parent); if this changes, revisit this test").isNotNull();
    assertThat(text(parent, "artifactId", "")).isEqualTo("ccoin-parent");
    Document root = read("pom.xml");
    assertThat(text(root.getDocumentElement(), "artifactId", "")).isEqualTo("ccoin-parent");
    assertThat(child(root.getDocumentElement(), "parent")).as("ccoin-parent inherits from nothing").isNull();
    List<Dep> ccoin = dependencies(root, "dependencyManagement").stream().filter(d -> d.group().equals(CCOIN)).toList();
    assertThat(ccoin).as("the parent's only ccoin entry is the import of ccoin-bom").hasSize(1).allMatch(Dep::isBomImport);
    assertThat(dependencies(root).stream().filter(d -> d.group().equals(CCOIN)))
        .as("the parent adds no ccoin dependency to its children").isEmpty();
  }
}
