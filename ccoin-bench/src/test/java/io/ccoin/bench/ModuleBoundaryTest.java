package io.ccoin.bench;

import io.ccoin.api.testing.ModuleBoundary;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** ccoin-bench uses only the public packages of the library modules. */
class ModuleBoundaryTest {
  @Test
  void usesNoInternalPackageOfAnotherModule() {
    ModuleBoundary.assertNoForeignInternals(Path.of("target/classes"), "io.ccoin.bench");
  }
}
