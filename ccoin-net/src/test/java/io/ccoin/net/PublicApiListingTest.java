package io.ccoin.net;

import io.ccoin.api.testing.ApiListing;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** ccoin-net's public signatures match the checked-in listing (regenerate: -Dccoin.api.update=true). */
class PublicApiListingTest {
  @Test
  void thePublicApiChangesOnlyOnPurpose() {
    ApiListing.check(Path.of("target/classes"), Path.of("api/public-api.txt"));
  }
}
