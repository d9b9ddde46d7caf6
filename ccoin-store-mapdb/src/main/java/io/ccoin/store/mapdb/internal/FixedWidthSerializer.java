package io.ccoin.store.mapdb.internal;

import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import org.mapdb.DataInput2;
import org.mapdb.DataOutput2;
import org.mapdb.serializer.GroupSerializer;

/**
 * A MapDB serializer of byte arrays that all have one width, for the keys and values of a B-tree
 * node: a node's arrays are kept as one flat {@code byte[]} of {@code count * width} bytes and
 * written as those bytes, without a length per entry. Reading a node is then one copy, not an
 * allocation per entry, and a lookup compares in place. MapDB reads a node for every level of every
 * insert, so this is what makes a B-tree insert cheap (docs/STORAGE.md, "The address index").
 *
 * <p>Order: unsigned lexicographic, a shorter array before the arrays it is a prefix of (as MapDB's
 * {@code Serializer.BYTE_ARRAY}), so range bounds of any length select the same entries. Only
 * arrays of the width are written; another width throws {@link IllegalArgumentException} (a range
 * bound is compared, never written). Stateless and thread-safe.
 */
public final class FixedWidthSerializer implements GroupSerializer<byte[]> {
  private final int width;

  /** A serializer of arrays of {@code width} bytes. */
  public FixedWidthSerializer(int width) {
    if (width <= 0) {
      throw new IllegalArgumentException("width must be positive, not " + width);
    }
    this.width = width;
  }

  /** The width of every array written. */
  public int width() {
    return width;
  }

  private byte[] checked(byte[] value) {
    if (value.length != width) {
      throw new IllegalArgumentException("a value of " + value.length + " bytes in a serializer of " + width + "-byte values");
    }
    return value;
  }

  // ---- single values ------------------------------------------------------------------------------

  @Override
  public void serialize(DataOutput2 out, byte[] value) throws IOException {
    out.write(checked(value));
  }

  @Override
  public byte[] deserialize(DataInput2 in, int available) throws IOException {
    byte[] out = new byte[width];
    in.readFully(out);
    return out;
  }

  @Override
  public int fixedSize() {
    return width;
  }

  @Override
  public boolean isTrusted() {
    return true;
  }

  @Override
  public boolean equals(byte[] a, byte[] b) {
    return Arrays.equals(a, b);
  }

  @Override
  public int hashCode(byte[] value, int seed) {
    return Arrays.hashCode(value) * 31 + seed;
  }

  @Override
  public int compare(byte[] a, byte[] b) {
    return Arrays.compareUnsigned(a, b);
  }

  /** The next array in order of the same length, or null after the last: used by MapDB for prefix ranges. */
  @Override
  public byte[] nextValue(byte[] value) {
    byte[] out = value.clone();
    for (int i = out.length - 1; i >= 0; i--) {
      if (out[i] != (byte) 0xFF) {
        out[i]++;
        return out;
      }
      out[i] = 0;
    }
    return null;
  }

  // ---- a node's arrays: one flat byte[] --------------------------------------------------------------

  private static byte[] flat(Object values) {
    return (byte[]) values;
  }

  @Override
  public int valueArraySize(Object values) {
    return flat(values).length / width;
  }

  @Override
  public Object valueArrayEmpty() {
    return new byte[0];
  }

  @Override
  public byte[] valueArrayGet(Object values, int pos) {
    int from = pos * width;
    return Arrays.copyOfRange(flat(values), from, from + width);
  }

  /** The position of {@code key}, or {@code -(insertion point) - 1}, found in place. */
  @Override
  public int valueArraySearch(Object values, byte[] key) {
    byte[] all = flat(values);
    int low = 0;
    int high = all.length / width - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      int from = mid * width;
      int c = Arrays.compareUnsigned(all, from, from + width, key, 0, key.length);
      if (c < 0) {
        low = mid + 1;
      } else if (c > 0) {
        high = mid - 1;
      } else {
        return mid;
      }
    }
    return -(low + 1);
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public int valueArraySearch(Object values, byte[] key, Comparator comparator) {
    if (comparator == this || comparator == null) {
      return valueArraySearch(values, key);
    }
    int low = 0;
    int high = valueArraySize(values) - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      int c = comparator.compare(valueArrayGet(values, mid), key);
      if (c < 0) {
        low = mid + 1;
      } else if (c > 0) {
        high = mid - 1;
      } else {
        return mid;
      }
    }
    return -(low + 1);
  }

  @Override
  public void valueArraySerialize(DataOutput2 out, Object values) throws IOException {
    out.write(flat(values));
  }

  @Override
  public Object valueArrayDeserialize(DataInput2 in, int size) throws IOException {
    byte[] out = new byte[size * width];
    in.readFully(out);
    return out;
  }

  @Override
  public Object valueArrayPut(Object values, int pos, byte[] value) {
    byte[] all = flat(values);
    byte[] out = new byte[all.length + width];
    int at = pos * width;
    System.arraycopy(all, 0, out, 0, at);
    System.arraycopy(checked(value), 0, out, at, width);
    System.arraycopy(all, at, out, at + width, all.length - at);
    return out;
  }

  @Override
  public Object valueArrayUpdateVal(Object values, int pos, byte[] value) {
    byte[] out = flat(values).clone();
    System.arraycopy(checked(value), 0, out, pos * width, width);
    return out;
  }

  @Override
  public Object valueArrayFromArray(Object[] values) {
    byte[] out = new byte[values.length * width];
    for (int i = 0; i < values.length; i++) {
      System.arraycopy(checked((byte[]) values[i]), 0, out, i * width, width);
    }
    return out;
  }

  @Override
  public Object valueArrayCopyOfRange(Object values, int from, int to) {
    return Arrays.copyOfRange(flat(values), from * width, to * width);
  }

  /** Removes the value at {@code pos - 1}: MapDB counts this position from 1 (as its own serializers do). */
  @Override
  public Object valueArrayDeleteValue(Object values, int pos) {
    byte[] all = flat(values);
    byte[] out = new byte[all.length - width];
    int at = (pos - 1) * width;
    System.arraycopy(all, 0, out, 0, at);
    System.arraycopy(all, at + width, out, at, out.length - at);
    return out;
  }
}
