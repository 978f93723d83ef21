package dev.alike.events;

import static dev.alike.events.TestFiles.events;
import static dev.alike.events.TestFiles.read;
import static dev.alike.events.TestFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventReaderParallelTest {
  private static final String[] EVENTS = {
    "view", "Browsed", "cart", "AddedToBasket", "buy", "like"
  };

  @TempDir Path dir;

  private static String jsonLines(int n, long seed) {
    Random rnd = new Random(seed);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      String c = "c" + rnd.nextInt(300);
      String s = rnd.nextInt(50) == 0 ? "s\\u00e9\\\"" + rnd.nextInt(5) : "s" + rnd.nextInt(200);
      switch (rnd.nextInt(20)) {
        case 0 -> b.append("{\"").append(c).append("\": [{\"").append(s).append("\": \"view\"}]}");
        case 1 -> b.append("{\"customer\":\"").append(c).append("\",\"sku\":");
        case 2 -> b.append("   ");
        default ->
            b.append("{\"customer\":\"")
                .append(c)
                .append("\",\"sku\":\"")
                .append(s)
                .append("\",\"event\":\"")
                .append(EVENTS[rnd.nextInt(EVENTS.length)])
                .append("\",\"ts\":")
                .append(1762000000 + i)
                .append('}');
      }
      b.append(rnd.nextBoolean() ? "\n" : "\r\n");
    }
    return b.toString();
  }

  @Test
  void sameEventLog_forAnyThreadCountAndChunkSize() {
    Path a = write(dir, "a.jsonl", jsonLines(3000, 1));
    Path b = write(dir, "b.jsonl.gz", jsonLines(500, 2));
    Path c = write(dir, "c.jsonl", jsonLines(2000, 3));
    IngestOptions base = TestFiles.options().withMaxRejectedShare(1);
    IngestResult sequential = read(base.withThreads(1).withChunkBytes(1L << 40), a, b, c);
    assertTrue(sequential.report().rejectedTotal() > 100, "the input has rejections to compare");
    for (int threads : new int[] {1, 2, 7}) {
      for (long chunk : new long[] {61, 1000, 4096}) {
        IngestResult r = read(base.withThreads(threads).withChunkBytes(chunk), a, b, c);
        String where = threads + " threads, chunk " + chunk;
        assertEquals(sequential.log().customers().ids(), r.log().customers().ids(), where);
        assertEquals(sequential.log().skus().ids(), r.log().skus().ids(), where);
        assertEquals(events(sequential.log()), events(r.log()), where);
        assertEquals(sequential.report().rejected(), r.report().rejected(), where);
        assertEquals(sequential.report().samples(), r.report().samples(), where);
        assertEquals(sequential.report().lines(), r.report().lines(), where);
      }
    }
  }

  @Test
  void csvQuotedNewlinesAcrossChunkBoundaries_giveTheSequentialResult() {
    Random rnd = new Random(4);
    StringBuilder csv = new StringBuilder("customer,sku,event,ts\n");
    for (int i = 0; i < 800; i++) {
      String c =
          rnd.nextInt(4) == 0 ? "\"multi\nline," + rnd.nextInt(9) + "\"" : "c" + rnd.nextInt(50);
      csv.append(c).append(",s").append(rnd.nextInt(80)).append(",pv,").append(i).append('\n');
      if (rnd.nextInt(30) == 0) {
        csv.append("bad,\"quote\"x,pv,1\n");
      }
    }
    Path file = write(dir, "q.csv", csv.toString());
    IngestOptions base = TestFiles.options().withMaxRejectedShare(1);
    IngestResult sequential = read(base.withChunkBytes(1L << 40), file);
    assertTrue(sequential.log().customers().ids().stream().anyMatch(id -> id.contains("\n")));
    for (long chunk : new long[] {7, 50, 333}) {
      for (int threads : new int[] {1, 3}) {
        IngestResult r = read(base.withThreads(threads).withChunkBytes(chunk), file);
        assertEquals(events(sequential.log()), events(r.log()), "chunk " + chunk);
        assertEquals(sequential.report().samples(), r.report().samples(), "chunk " + chunk);
        assertEquals(sequential.report().lines(), r.report().lines());
      }
    }
  }

  @Test
  void linesLongerThanTheChunk_areReadOnce() {
    String longId = "x".repeat(5000);
    String lines =
        "{\"customer\":\""
            + longId
            + "\",\"sku\":\"s1\",\"event\":\"view\"}\n"
            + "{\"customer\":\"c2\",\"sku\":\"s2\",\"event\":\"view\"}\n";
    IngestResult r = read(TestFiles.options().withChunkBytes(100), write(dir, "long.jsonl", lines));
    assertEquals(List.of(longId, "c2"), r.log().customers().ids());
    assertEquals(2, r.report().lines());
  }
}
