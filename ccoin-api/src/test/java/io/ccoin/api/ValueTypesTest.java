package io.ccoin.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ValueTypesTest {
  static final String HEX40 = "956bdb28b5edb38da3d6d794ba3f0b569ec4937a";

  @Test
  void addressesParseUpperCaseAndAnOptional0xAndPrintLowerCase() {
    Address a = Address.fromHex(HEX40);
    assertThat(Address.fromHex("0x" + HEX40.toUpperCase())).isEqualTo(a);
    assertThat(Address.fromHex("0X" + HEX40)).isEqualTo(a);
    assertThat(a.toString()).isEqualTo(HEX40);
    assertThatThrownBy(() -> Address.fromHex(HEX40 + "00")).hasMessageContaining("40 hex digits");
    assertThatThrownBy(() -> Address.fromHex("zz" + HEX40.substring(2))).hasMessageContaining("not valid hex");
    assertThatThrownBy(() -> Address.of(new byte[19])).hasMessageContaining("20 bytes");
  }

  @Test
  void hashesAreCopiedInAndOut() {
    byte[] raw = new byte[32];
    Hash h = Hash.of(raw);
    raw[0] = 1;
    assertThat(h).isEqualTo(Hash.ZERO);
    h.toArray()[0] = 1;
    assertThat(h).isEqualTo(Hash.ZERO);
    assertThat(Hash.fromHex("0x" + "AB".repeat(32)).toHex()).isEqualTo("ab".repeat(32));
    assertThatThrownBy(() -> Hash.fromHex("ab".repeat(31))).hasMessageContaining("64 hex digits");
  }

  @Test
  void accountTxKeysOrderByUnsignedAddressThenBlockNumberThenIndex() {
    Address low = Address.fromHex("7f" + "00".repeat(19));
    Address high = Address.fromHex("80" + "00".repeat(19));
    assertThat(new AccountTx.Key(high, 1, 0)).isGreaterThan(new AccountTx.Key(low, 9, 9));
    assertThat(new AccountTx.Key(low, 2, 0)).isGreaterThan(new AccountTx.Key(low, 1, 5));
    assertThat(new AccountTx.Key(low, 2, 3)).isGreaterThan(new AccountTx.Key(low, 2, 1));
    assertThat(new AccountTx.Key(Address.fromHex("80" + "00".repeat(19)), 2, 3)).isEqualByComparingTo(new AccountTx.Key(high, 2, 3));
  }

  @Test
  void bytesAreImmutableAndOrderedUnsigned() {
    byte[] raw = {1, 2, 3};
    Bytes b = Bytes.of(raw);
    raw[0] = 9;
    assertThat(b.toArray()).containsExactly(1, 2, 3);
    assertThat(Bytes.of((byte) 0xff).compareTo(Bytes.of((byte) 0x01))).isPositive();
    assertThat(Bytes.fromBase64(b.toBase64())).isEqualTo(b);
    assertThatThrownBy(() -> Bytes.fromBase64("***")).hasMessageContaining("not valid base64");
  }

  @Test
  void negativeAmountsAreRefused() {
    assertThatThrownBy(() -> new Account(-1, 0)).hasMessageContaining("balance");
    assertThatThrownBy(() -> new Transaction(1, 0, Address.ZERO, -5, 1, Bytes.EMPTY, Bytes.EMPTY, Bytes.EMPTY))
        .hasMessageContaining("value");
    assertThat(Account.EMPTY.isEmpty()).isTrue();
  }

  @Test
  void consensusParamsSortMinersAndCheckBounds() {
    Address a = Address.fromHex("ff".repeat(20));
    Address b = Address.fromHex("01".repeat(20));
    ConsensusParams p = new ConsensusParams(1, List.of(a, b), 1000, 10, 1, 100, 2, true, 500, 1, 4096, 1024, 4194304, 1, 100, 200);
    assertThat(p.miners()).containsExactly(b, a);
    assertThat(p.minerIndex(a)).isEqualTo(1);
    assertThat(p.minerIndex(Address.ZERO)).isEqualTo(-1);
    assertThatThrownBy(() -> new ConsensusParams(1, List.of(a, a), 1000, 10, 1, 100, 2, true, 500, 0, 4096, 1024, 4194304, 1, 100, 200))
        .hasMessageContaining("duplicate miner");
    assertThatThrownBy(() -> new ConsensusParams(1, List.of(a), 1000, 10, 1, 100, 17, true, 500, 0, 4096, 1024, 4194304, 1, 100, 200))
        .hasMessageContaining("difficulty");
    assertThatThrownBy(() -> new ConsensusParams(1, List.of(a), 1000, 10, 1, 100, 2, true, 500, 0, 4096, 1024, 4194304, 1, 100, 500))
        .hasMessageContaining("max_drift");
  }

  @Test
  void framesCheckTheirHeader() {
    assertThat(new Frame("HEL", Bytes.of((byte) 0x90)).length()).isEqualTo(4);
    assertThatThrownBy(() -> new Frame("HE", Bytes.EMPTY)).hasMessageContaining("3 ASCII");
    assertThatThrownBy(() -> new Frame("HÉL", Bytes.EMPTY)).hasMessageContaining("3 ASCII");
  }

  @Test
  void importResultsPairStatusAndValidation() {
    assertThatThrownBy(() -> new ImportResult(ImportResult.Status.INVALID, Hash.ZERO, ValidationResult.valid()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(ImportResult.invalid(Hash.ZERO, ValidationResult.invalid("pow", "no")).toString()).isEqualTo("INVALID(pow: no)");
  }
}
