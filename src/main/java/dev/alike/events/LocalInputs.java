package dev.alike.events;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Expands command-line paths (files, directories, globs) into local event inputs. */
public final class LocalInputs {
  private LocalInputs() {}

  /**
   * The files named by {@code paths}, in the order given: a file as is; a directory as all its
   * non-hidden files, recursively, sorted by path; a glob such as {@code data/*.jsonl.gz} (glob
   * characters {@code * ? [ {}) as the matching files sorted by path. A file named twice is read
   * twice.
   *
   * @throws IngestException naming the path when it matches no file or cannot be listed
   */
  public static List<EventInput> resolve(List<String> paths) {
    List<EventInput> inputs = new ArrayList<>();
    for (String p : paths) {
      List<Path> files = expand(p);
      if (files.isEmpty()) {
        throw new IngestException("no event files found at " + p);
      }
      for (Path f : files) {
        inputs.add(new LocalEventInput(f));
      }
    }
    return inputs;
  }

  private static List<Path> expand(String p) {
    if (isGlob(p)) {
      return glob(p);
    }
    Path path = Path.of(p);
    if (Files.isDirectory(path)) {
      return listTree(path, path, null);
    }
    if (!Files.exists(path)) {
      throw new IngestException("no such file or directory: " + p);
    }
    return List.of(path);
  }

  private static boolean isGlob(String p) {
    return p.indexOf('*') >= 0 || p.indexOf('?') >= 0 || p.indexOf('[') >= 0 || p.indexOf('{') >= 0;
  }

  /** Walks from the longest glob-free directory prefix and keeps the files the pattern matches. */
  private static List<Path> glob(String pattern) {
    String normalized = pattern.replace('\\', '/');
    int firstMeta = firstGlobChar(normalized);
    int slash = normalized.lastIndexOf('/', firstMeta);
    Path base = slash < 0 ? Path.of("") : Path.of(normalized.substring(0, slash + 1));
    Path root = slash < 0 ? Path.of(".") : base;
    if (!Files.isDirectory(root)) {
      throw new IngestException(
          "no event files found at " + pattern + " (no directory " + root + ")");
    }
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + normalized);
    return listTree(root, base, matcher);
  }

  private static int firstGlobChar(String p) {
    for (int i = 0; i < p.length(); i++) {
      if ("*?[{".indexOf(p.charAt(i)) >= 0) {
        return i;
      }
    }
    return p.length();
  }

  private static List<Path> listTree(Path root, Path base, PathMatcher matcher) {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile)
          .filter(f -> !hidden(root.relativize(f)))
          .map(f -> root.equals(Path.of(".")) && base.toString().isEmpty() ? root.relativize(f) : f)
          .filter(f -> matcher == null || matcher.matches(f))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new IngestException("cannot list " + root + ": " + e, e);
    }
  }

  /** A file or any directory under the root whose name starts with '.' (e.g. .DS_Store, .git). */
  private static boolean hidden(Path relative) {
    for (Path part : relative) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }
}
