package io.ccoin.core;

import io.ccoin.api.testing.ApiListing;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** ccoin-core's public signatures match the checked-in listing (regenerate: -Dccoin.api.update=true). */
class PublicApiListingTest {
  @Test
  void thePublicApiChangesOnlyOnPurpose() {
    ApiListing.check(Path.of("target/classes"), Path.of("api/public-api.txt"));
  }
}
