package dev.alike.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/** Small JSON files of the local store, and JSON objects read from text; replacement is atomic. */
final class JsonFiles {
  private JsonFiles() {}

  /** The JSON object in {@code text}, or null when it is not one (see {@link JsonValues}). */
  static Map<String, Object> parseObject(String text) {
    return JsonValues.readObject(text);
  }

  /** Writes {@code record} as JSON to {@code target} through a temp file and an atomic move. */
  static void writeAtomically(Path target, Object record) throws IOException {
    Path temp = target.resolveSibling(target.getFileName() + ".tmp");
    Files.writeString(temp, JsonValues.toJson(record, false), StandardCharsets.UTF_8);
    moveAtomically(temp, target);
  }

  static void moveAtomically(Path from, Path to) throws IOException {
    Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
