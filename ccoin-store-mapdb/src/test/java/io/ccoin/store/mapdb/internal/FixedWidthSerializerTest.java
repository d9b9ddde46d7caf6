package io.ccoin.store.mapdb.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.mapdb.DB;
import org.mapdb.DBMaker;
import org.mapdb.DataInput2;
import org.mapdb.DataOutput2;
import org.mapdb.Serializer;

/** The flat node arrays of {@link FixedWidthSerializer}, alone and under a MapDB B-tree. */
class FixedWidthSerializerTest {
  final FixedWidthSerializer s = new FixedWidthSerializer(3);

  static byte[] b(int... v) {
    byte[] out = new byte[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (byte) v[i];
    }
    return out;
  }

  @Test
  void nodeArraysInsertUpdateDeleteAndSearchInPlace() throws Exception {
    Object a = s.valueArrayEmpty();
    a = s.valueArrayPut(a, 0, b(5, 0, 0));
    a = s.valueArrayPut(a, 0, b(1, 0, 0));
    a = s.valueArrayPut(a, 2, b(0xFF, 0, 0));
    assertThat(s.valueArraySize(a)).isEqualTo(3);
    assertThat(s.valueArrayGet(a, 2)).isEqualTo(b(0xFF, 0, 0));
    assertThat(s.valueArraySearch(a, b(5, 0, 0))).isEqualTo(1);
    assertThat(s.valueArraySearch(a, b(0x80, 0, 0))).as("unsigned: above 5, below 0xFF").isEqualTo(-3);
    assertThat(s.valueArraySearch(a, b(5))).as("a shorter bound sorts before the arrays it prefixes").isEqualTo(-2);
    assertThat(s.valueArraySearch(a, b(5, 0, 0), s)).isEqualTo(1);
    a = s.valueArrayUpdateVal(a, 1, b(6, 0, 0));
    assertThat(s.valueArrayGet(a, 1)).isEqualTo(b(6, 0, 0));
    Object deleted = s.valueArrayDeleteValue(a, 1); // MapDB counts this position from 1
    assertThat(s.valueArrayToArray(deleted)).containsExactly(b(6, 0, 0), b(0xFF, 0, 0));
    assertThat(s.valueArrayToArray(s.valueArrayCopyOfRange(a, 1, 3))).containsExactly(b(6, 0, 0), b(0xFF, 0, 0));
    assertThat((byte[]) s.valueArrayFromArray(new Object[] {b(1, 2, 3), b(4, 5, 6)})).isEqualTo(b(1, 2, 3, 4, 5, 6));

    DataOutput2 out = new DataOutput2();
    s.valueArraySerialize(out, a);
    assertThat(out.copyBytes()).hasSize(9);
    Object back = s.valueArrayDeserialize(new DataInput2.ByteArray(out.copyBytes()), 3);
    assertThat((byte[]) back).isEqualTo((byte[]) a);
  }

  @Test
  void refusesAnotherWidthAndCountsUpInNextValue() {
    assertThatThrownBy(() -> s.valueArrayPut(s.valueArrayEmpty(), 0, b(1, 2))).isInstanceOf(IllegalArgumentException.class);
    assertThat(s.nextValue(b(1, 0xFF, 0xFF))).isEqualTo(b(2, 0, 0));
    assertThat(s.nextValue(b(0xFF, 0xFF, 0xFF))).isNull();
  }

  @Test
  void aBTreeWithTheseKeysAndValuesAgreesWithATreeMapThroughSplitsRemovalsAndRanges() {
    FixedWidthSerializer keys = new FixedWidthSerializer(6);
    DB db = DBMaker.memoryDB().make();
    try {
      NavigableMap<byte[], byte[]> tree = db.treeMap("t", keys, Serializer.BYTE_ARRAY).maxNodeSize(8).create();
      TreeMap<byte[], byte[]> expected = new TreeMap<>(Arrays::compareUnsigned);
      Random random = new Random(7);
      List<byte[]> added = new ArrayList<>();
      for (int i = 0; i < 2_000; i++) {
        byte[] k = new byte[6];
        random.nextBytes(k);
        byte[] v = {(byte) i};
        assertThat(tree.put(k, v)).isEqualTo(expected.put(k, v));
        added.add(k);
      }
      for (int i = 0; i < 700; i++) {
        byte[] k = added.get(random.nextInt(added.size()));
        assertThat(tree.remove(k)).isEqualTo(expected.remove(k));
      }
      assertThat(tree.size()).isEqualTo(expected.size());
      List<byte[]> all = new ArrayList<>(tree.keySet());
      assertThat(all).containsExactlyElementsOf(expected.keySet());
      for (int i = 0; i < 50; i++) {
        byte[] from = {(byte) random.nextInt(256)};
        byte[] to = {(byte) random.nextInt(256), (byte) random.nextInt(256)};
        if (Arrays.compareUnsigned(from, to) > 0) {
          continue;
        }
        List<Map.Entry<byte[], byte[]>> got = new ArrayList<>(tree.subMap(from, true, to, false).descendingMap().entrySet());
        List<Map.Entry<byte[], byte[]>> want = new ArrayList<>(expected.subMap(from, true, to, false).descendingMap().entrySet());
        assertThat(got).hasSameSizeAs(want);
        for (int j = 0; j < got.size(); j++) {
          assertThat(got.get(j).getKey()).isEqualTo(want.get(j).getKey());
          assertThat(got.get(j).getValue()).isEqualTo(want.get(j).getValue());
        }
      }
    } finally {
      db.close();
    }
  }
}
