package dev.alike.events;

import static dev.alike.events.TestFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalInputsTest {
  @TempDir Path dir;

  private List<String> names(List<EventInput> inputs) {
    return inputs.stream().map(i -> dir.relativize(Path.of(i.name())).toString()).toList();
  }

  @Test
  void directory_isRecursiveSortedAndSkipsHiddenFiles() {
    write(dir, "d/b.jsonl", "");
    write(dir, "d/a.csv", "");
    write(dir, "d/sub/c.jsonl.gz", "");
    write(dir, "d/.hidden.jsonl", "");
    write(dir, "d/.git/x.jsonl", "");
    assertEquals(
        List.of("d/a.csv", "d/b.jsonl", "d/sub/c.jsonl.gz"),
        names(LocalInputs.resolve(List.of(dir.resolve("d").toString()))));
  }

  @Test
  void glob_matchesSortedFiles_andFilesKeepTheGivenOrder() {
    write(dir, "data/2.jsonl.gz", "");
    write(dir, "data/1.jsonl.gz", "");
    write(dir, "data/1.csv", "");
    Path single = write(dir, "z.csv", "");
    assertEquals(
        List.of("z.csv", "data/1.jsonl.gz", "data/2.jsonl.gz"),
        names(
            LocalInputs.resolve(List.of(single.toString(), dir.resolve("data") + "/*.jsonl.gz"))));
  }

  @Test
  void pathMatchingNothing_isAnErrorNamingIt() {
    String glob = dir.resolve("data") + "/*.jsonl";
    write(dir, "data/1.csv", "");
    IngestException e =
        assertThrows(IngestException.class, () -> LocalInputs.resolve(List.of(glob)));
    assertTrue(e.getMessage().contains(glob), e.getMessage());
    String missing = dir.resolve("nope.jsonl").toString();
    e = assertThrows(IngestException.class, () -> LocalInputs.resolve(List.of(missing)));
    assertTrue(e.getMessage().contains(missing), e.getMessage());
    write(dir, "empty/.keep", "");
    String empty = dir.resolve("empty").toString();
    e = assertThrows(IngestException.class, () -> LocalInputs.resolve(List.of(empty)));
    assertTrue(e.getMessage().contains(empty), e.getMessage());
  }

  @Test
  void localFiles_splittableUnlessGzipped() {
    assertTrue(new LocalEventInput(write(dir, "a.jsonl", "x")).splittable());
    assertTrue(!new LocalEventInput(write(dir, "a.jsonl.gz", "x")).splittable());
  }
}
