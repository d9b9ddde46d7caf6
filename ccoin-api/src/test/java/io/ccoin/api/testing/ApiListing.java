package io.ccoin.api.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The public API of one module as text: every public type outside {@code internal} packages with its
 * public and protected members, one line each, sorted. A module's test compares it with the
 * checked-in listing {@code api/public-api.txt}, so that a change of the public API is always made on
 * purpose: run the module's tests with {@code -Dccoin.api.update=true} to rewrite the listing, and
 * review its diff like code.
 */
public final class ApiListing {
  /** The system property that rewrites the checked-in listing instead of comparing with it. */
  public static final String UPDATE_PROPERTY = "ccoin.api.update";

  private ApiListing() {}

  /** The listing of the classes compiled into {@code classesDir} (a module's {@code target/classes}). */
  public static List<String> of(Path classesDir) {
    List<String> names;
    try (Stream<Path> files = Files.walk(classesDir)) {
      names = files.map(p -> classesDir.relativize(p).toString())
          .filter(n -> n.endsWith(".class") && !n.endsWith("package-info.class") && !n.endsWith("module-info.class"))
          .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.'))
          .filter(n -> !n.contains(".internal.") && !isAnonymous(n))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> out = new ArrayList<>();
    ClassLoader loader = ApiListing.class.getClassLoader();
    for (String name : names) {
      Class<?> c;
      try {
        c = Class.forName(name, false, loader);
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException("cannot load " + name + " from the test class path", e);
      }
      if (!isVisible(c)) {
        continue;
      }
      out.add(typeLine(c));
      List<String> members = new ArrayList<>();
      for (Constructor<?> k : c.getDeclaredConstructors()) {
        if (visible(k)) {
          members.add("  " + k.toGenericString());
        }
      }
      for (Method m : c.getDeclaredMethods()) {
        if (visible(m) && !m.isBridge()) {
          members.add("  " + m.toGenericString());
        }
      }
      for (Field f : c.getDeclaredFields()) {
        if (visible(f)) {
          members.add("  " + f.toGenericString());
        }
      }
      members.sort(null);
      out.addAll(members);
    }
    return out;
  }

  /**
   * Compares the listing of {@code classesDir} with {@code listingFile}, or rewrites the file when
   * {@link #UPDATE_PROPERTY} is {@code true}. Also refuses an internal type in a public signature.
   *
   * @throws AssertionError when they differ, naming the lines added and removed
   */
  public static void check(Path classesDir, Path listingFile) {
    List<String> actual = of(classesDir);
    List<String> leaks = actual.stream().filter(l -> l.contains(".internal.")).toList();
    if (!leaks.isEmpty()) {
      throw new AssertionError("the public API names internal types:\n" + String.join("\n", leaks));
    }
    try {
      if (Boolean.getBoolean(UPDATE_PROPERTY)) {
        Files.createDirectories(listingFile.toAbsolutePath().getParent());
        Files.write(listingFile, actual, StandardCharsets.UTF_8);
        return;
      }
      if (!Files.exists(listingFile)) {
        throw new AssertionError("no API listing at " + listingFile + "; create it with -D" + UPDATE_PROPERTY + "=true");
      }
      List<String> expected = Files.readAllLines(listingFile, StandardCharsets.UTF_8);
      if (!expected.equals(actual)) {
        List<String> added = actual.stream().filter(l -> !expected.contains(l)).toList();
        List<String> removed = expected.stream().filter(l -> !actual.contains(l)).toList();
        throw new AssertionError("the public API changed (" + listingFile + "). If on purpose, run the tests with -D"
            + UPDATE_PROPERTY + "=true and commit the listing.\nadded:\n" + String.join("\n", added) + "\nremoved:\n"
            + String.join("\n", removed));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean isAnonymous(String binaryName) {
    int i = binaryName.lastIndexOf('$');
    return i >= 0 && i + 1 < binaryName.length() && Character.isDigit(binaryName.charAt(i + 1));
  }

  private static boolean isVisible(Class<?> c) {
    for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
      if (!Modifier.isPublic(k.getModifiers()) && !(k != c && Modifier.isProtected(k.getModifiers()))) {
        return false;
      }
    }
    return !c.isSynthetic();
  }

  private static boolean visible(Member m) {
    int mod = m.getModifiers();
    return (Modifier.isPublic(mod) || Modifier.isProtected(mod)) && !m.isSynthetic();
  }

  private static String typeLine(Class<?> c) {
    StringBuilder s = new StringBuilder(c.toGenericString());
    if (c.getGenericSuperclass() != null && c.getSuperclass() != Object.class && !c.isEnum() && !c.isRecord()) {
      s.append(" extends ").append(c.getGenericSuperclass().getTypeName());
    }
    if (c.getGenericInterfaces().length > 0) {
      s.append(c.isInterface() ? " extends " : " implements ")
          .append(Arrays.stream(c.getGenericInterfaces()).map(t -> t.getTypeName()).collect(Collectors.joining(", ")));
    }
    return s.toString();
  }
}
