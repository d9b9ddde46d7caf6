package io.ccoin.api.testing;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The module boundary of ccoin: code outside a library module uses only its public packages. Every
 * package named {@code ...internal...} belongs to the module that contains it; the reference node,
 * the benchmarks and the examples must not depend on another module's internal classes (by import,
 * fully-qualified name, signature or annotation: the rule reads the compiled classes).
 */
public final class ModuleBoundary {
  private ModuleBoundary() {}

  /**
   * Fails when a class compiled into {@code classesDir} depends on a class of an internal package
   * outside {@code ownPackage} (the module's root package, whose own internals it may use).
   *
   * @throws AssertionError naming every offending dependency
   */
  public static void assertNoForeignInternals(Path classesDir, String ownPackage) {
    if (!Files.isDirectory(classesDir)) {
      throw new AssertionError("no compiled classes at " + classesDir.toAbsolutePath());
    }
    JavaClasses classes = new ClassFileImporter().importPath(classesDir);
    if (classes.isEmpty()) {
      throw new AssertionError("no classes found under " + classesDir.toAbsolutePath());
    }
    noClasses()
        .should().dependOnClassesThat(resideInAPackage("io.ccoin..internal..").and(not(resideInAPackage(ownPackage + ".."))))
        .because("code outside a library module uses only its public API (docs/ARCHITECTURE.md)")
        .check(classes);
  }
}
