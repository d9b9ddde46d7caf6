package io.ccoin.net;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ccoin.api.testing.ModuleBoundary;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The boundary rule that keeps the node, the benchmarks and the examples on the public API does
 * catch a use of another module's internals: ccoin-net, a library module, uses ccoin-core's engine
 * ({@code NodeAccess}) on purpose, so the rule must refuse it, and must accept its own internals.
 */
class ModuleBoundaryRuleTest {
  @Test
  void theRuleRefusesAnotherModulesInternals() {
    assertThatThrownBy(() -> ModuleBoundary.assertNoForeignInternals(Path.of("target/classes"), "io.ccoin.net"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("io.ccoin.core.internal");
  }
}
