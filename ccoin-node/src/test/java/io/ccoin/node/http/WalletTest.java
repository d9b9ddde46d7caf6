package io.ccoin.node.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ccoin.core.TestKeys;
import io.ccoin.core.crypto.AccountKey;
import org.junit.jupiter.api.Test;

class WalletTest {
  final AccountKey key = TestKeys.vector(1);

  @Test
  void acceptsOnlyItsOwnToken() {
    Wallet w = Wallet.of(key, "0123456789abcdef0123");
    assertThat(w.accepts("0123456789abcdef0123")).isTrue();
    assertThat(w.accepts("0123456789abcdef012")).isFalse();
    assertThat(w.accepts("0123456789abcdef01234")).isFalse();
    assertThat(w.accepts("")).isFalse();
    assertThat(w.address()).isEqualTo(key.address());
  }

  @Test
  void neverShowsItsToken() {
    Wallet w = Wallet.of(key, "secret-secret-secret");
    assertThat(w.toString()).doesNotContain("secret").contains(key.address().toHex());
  }

  @Test
  void refusesWeakOrUnprintableTokens() {
    assertThatThrownBy(() -> Wallet.of(key, "short")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Wallet.of(key, "has a space in it 0123")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Wallet.of(key, "0123456789abcdef\n")).isInstanceOf(IllegalArgumentException.class);
  }
}
