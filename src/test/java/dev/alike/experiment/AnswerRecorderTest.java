package dev.alike.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alike.logging.JsonLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnswerRecorderTest {
  @TempDir Path store;

  private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
  private final System.Logger log = JsonLog.to(logBytes, "answers");

  private static List<Exposure> read(Path file) throws IOException {
    List<Exposure> out = new ArrayList<>();
    try (InputStream in = Files.newInputStream(file)) {
      AnswerRecords.Counts counts = AnswerRecords.read(in, file.toString(), out::add);
      assertEquals(0, counts.rejected(), counts.examples().toString());
    }
    return out;
  }

  @Test
  void recordedAnswers_areLinesOfTheDaysFile_matchingTheirTokens() throws IOException {
    LocalAnswerLog files = new LocalAnswerLog(store);
    long before = System.currentTimeMillis();
    AttributionToken a;
    AttributionToken b;
    AttributionToken c;
    try (AnswerRecorder recorder = AnswerRecorder.start(files, 100, log)) {
      a = recorder.record("c1", "home", "ease", "v20261207-101500-000", List.of("s2", "s1"));
      b = recorder.record("session-9", null, null, "v20261207-101500-000", List.of());
      c = recorder.record(null, "pdp", "holdout", null, List.of("s/ä"));
    }
    long after = System.currentTimeMillis();
    assertEquals("home", a.placement());
    assertEquals("-", b.placement());
    assertEquals("default", b.variant());
    assertEquals("-", c.version());

    Path file = files.file(Instant.ofEpochMilli(before));
    assertEquals(store.resolve("answers").resolve(file.getFileName()), file);
    assertTrue(file.getFileName().toString().matches("answers-\\d{4}-\\d{2}-\\d{2}\\.jsonl"));
    List<Exposure> read = read(file);
    assertEquals(3, read.size());
    Exposure ra = read.get(0);
    assertEquals(
        List.of("c1", "home", "ease", a.request(), "v20261207-101500-000", List.of("s2", "s1")),
        List.of(
            ra.customer(), ra.placement(), ra.variant(), ra.request(), ra.version(), ra.skus()));
    assertTrue(
        ra.servedMillis() >= before && ra.servedMillis() <= after, "at " + ra.servedMillis());
    assertEquals(List.of("session-9", "-", "default", b.request()), fields(read.get(1)));
    assertEquals(List.of("-", "pdp", "holdout", c.request()), fields(read.get(2)));
    assertEquals(List.of("s/ä"), read.get(2).skus());
  }

  private static List<String> fields(Exposure e) {
    return List.of(e.customer(), e.placement(), e.variant(), e.request());
  }

  @Test
  void unwritableFolder_answersCountedLostWithTheFile_andLoggedOnce() throws Exception {
    Files.writeString(store.resolve("answers"), "a file where the folder should be");
    AnswerRecorder recorder = AnswerRecorder.start(new LocalAnswerLog(store), 100, log);
    AttributionToken t = recorder.record("c1", "home", null, "v1", List.of("s1"));
    assertTrue(AttributionToken.parse(t.toString()).isPresent(), "tokens still minted");
    for (int i = 0; i < 4; i++) {
      recorder.record("c1", "home", null, "v1", List.of("s1"));
    }
    AnswerRecorder.State state = waitForLoss(recorder, 5);
    assertTrue(state.on());
    assertEquals(0, state.recorded());
    assertTrue(state.lastError().contains(store.resolve("answers").toString()), state.lastError());
    recorder.close();
    String logged = logBytes.toString(StandardCharsets.UTF_8);
    assertTrue(logged.contains("lost"), logged);
    assertTrue(logged.contains("failed to write"), logged);
    assertTrue(logged.contains("lost 5 answers in all"), logged);
    assertEquals(
        2, logged.lines().count(), "one loss warning within the minute, one at close: " + logged);
  }

  @Test
  void missingStoreDirectory_isNotCreated_answersCountedLost() throws Exception {
    Path missing = store.resolve("no-such-store");
    try (AnswerRecorder recorder = AnswerRecorder.start(new LocalAnswerLog(missing), 100, log)) {
      recorder.record("c1", null, null, null, List.of("s1"));
      AnswerRecorder.State state = waitForLoss(recorder, 1);
      assertTrue(state.lastError().contains("does not exist"), state.lastError());
    }
    assertFalse(Files.exists(missing));
  }

  @Test
  void afterClose_answersAreCountedLost_notQueuedForever() {
    AnswerRecorder recorder = AnswerRecorder.start(new LocalAnswerLog(store), 100, log);
    recorder.close();
    recorder.record("c1", null, null, null, List.of("s1"));
    assertEquals(1, recorder.state().lost());
    assertEquals(0, recorder.state().queued());
  }

  @Test
  void off_mintsTokens_recordsNothing_andSaysWhy() {
    AnswerRecorder off = AnswerRecorder.off("no topic over firestore");
    AttributionToken t = off.record("c1", "home", "ease", "v1", List.of("s1"));
    assertEquals("home", t.placement());
    AnswerRecorder.State s = off.state();
    assertFalse(s.on());
    assertEquals("no topic over firestore", s.where());
    assertEquals(0, s.lost());
    assertNull(s.lastError());
    off.close();
  }

  @Test
  void placementThatCannotBeInAToken_isRefusedByName() {
    try (AnswerRecorder off = AnswerRecorder.off("test")) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> off.record("c1", "home page", null, "v1", List.of()));
      assertTrue(e.getMessage().contains("\"home page\""), e.getMessage());
    }
  }

  /** The state once {@code lost} answers are counted (the writer thread counts them). */
  static AnswerRecorder.State waitForLoss(AnswerRecorder recorder, long lost)
      throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    AnswerRecorder.State s = recorder.state();
    while (s.lost() < lost && System.nanoTime() < deadline) {
      Thread.sleep(10);
      s = recorder.state();
    }
    assertEquals(lost, s.lost(), "lost answers counted");
    return s;
  }
}
