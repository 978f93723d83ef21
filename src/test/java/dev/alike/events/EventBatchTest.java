package dev.alike.events;

import static dev.alike.events.TestFiles.read;
import static dev.alike.events.TestFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alike.model.EventLog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real-time batch is read exactly as the build reads the same events from a file. */
class EventBatchTest {
  @TempDir Path dir;

  /** Lines of every kind: good ones and one per reject reason. */
  private static final List<String> LINES =
      List.of(
          "{\"customer\":\"c1\",\"sku\":\"s1\",\"event\":\"AddedToCart\",\"ts\":1762000000}",
          "{\"customer\":\"c1\",\"sku\":\"s2\",\"event\":\" Purchased \",\"ts\":\"2025-11-01T12:00:00Z\"}",
          "{\"customer\":42,\"sku\":\"s3\",\"weight\":1.25}",
          "{\"customer\":\"c2\",\"sku\":\"s1\",\"event\":\"view\",\"extra\":{\"nested\":[1]}}",
          "{\"customer\":\"c1\",\"event\":\"view\"}",
          "{\"customer\":\"c1\",\"sku\":\"s1\",\"event\":\"wishlist\"}",
          "{\"customer\":\"  \",\"sku\":\"s1\",\"event\":\"view\"}",
          "{\"customer\":\"c1\",\"sku\":\"s1\",\"weight\":-2}",
          "{\"customer\":\"c1\",\"sku\":\"s1\",\"event\":\"view\",\"ts\":\"yesterday\"}",
          "{\"c1\":[{\"s1\":\"view\"}]}",
          "[1]");

  @Test
  void countsAndWeights_equalTheBuildsReadingOfTheSameLines() {
    String body = "{\"events\":[" + String.join(",", LINES) + "]}";
    EventBatch.Parsed batch =
        EventBatch.parse(body, EventWeights.DEFAULT, Ga4Mapping.DEFAULT, 1_800_000_000L);
    List<String> flat = new ArrayList<>(LINES.subList(0, LINES.size() - 2));
    IngestResult file =
        read(
            TestFiles.options().withMaxRejectedShare(1),
            write(dir, "same.jsonl", String.join("\n", flat) + "\n"));
    assertEquals(file.report().accepted(), batch.events().size());
    // The session object and the array are malformed in a batch (flat events only).
    long malformed = batch.rejected().get("malformed");
    assertEquals(file.report().rejected().get("malformed") + 2, malformed);
    for (String reason : List.of("missing_field", "unknown_event", "empty_id", "bad_weight")) {
      assertEquals(file.report().rejected().get(reason), batch.rejected().get(reason), reason);
    }
    assertEquals(
        file.report().rejected().get("bad_timestamp"), batch.rejected().get("bad_timestamp"));
    EventLog log = file.log();
    for (int e = 0; e < log.size(); e++) {
      EventBatch.Event ev = batch.events().get(e);
      assertEquals(log.customers().id(log.customer(e)), ev.customer());
      assertEquals(log.skus().id(log.sku(e)), ev.sku());
      assertEquals(log.weight(e), ev.weight(), 1e-6);
      if (log.time(e) != EventLog.NO_TIME) {
        assertEquals(log.time(e), ev.ts());
      } else {
        assertEquals(1_800_000_000L, ev.ts(), "receive time");
      }
    }
    assertEquals(new EventBatch.Rejection(4, RejectReason.MISSING_FIELD, null), batch.first());
  }

  @Test
  void jsonLinesWritten_readBackAsTheSameEvents_byTheBatchAndTheBuild() {
    EventBatch.Parsed batch =
        EventBatch.parse(
            "{\"events\":[" + String.join(",", LINES.subList(0, 4)) + "]}",
            EventWeights.DEFAULT,
            Ga4Mapping.DEFAULT,
            1_800_000_000L);
    String lines = EventBatch.toJsonLines("local:b/ü 1", batch.events());
    EventBatch.Parsed back = EventBatch.parseLines(lines, EventWeights.DEFAULT, 0);
    assertEquals(batch.events(), back.events());
    assertEquals("local:b/ü 1", back.batch());
    assertNull(
        EventBatch.parseLines(EventBatch.toJsonLines(null, batch.events()), EventWeights.DEFAULT, 0)
            .batch());
    // the build's fast parser skips the batch field: every line is an event, none rejected
    IngestResult file = read(TestFiles.options(), write(dir, "written.jsonl", lines));
    assertEquals(4, file.report().accepted());
    assertEquals(0, file.report().rejectedTotal());
  }

  @Test
  void parseLines_countsBadLinesAsMalformed() {
    EventBatch.Parsed p =
        EventBatch.parseLines(
            "{\"customer\":\"c\",\"sku\":\"s\",\"event\":\"view\"} trailing\nnot json\n\n",
            EventWeights.DEFAULT,
            0);
    assertEquals(2, p.rejected().get("malformed"));
    assertEquals(0, p.events().size());
  }

  @Test
  void measurementProtocolRequest_readAsTheBuildReadsTheSameGa4Events() {
    String body =
        """
        {"client_id": "999.1", "user_id": "C42", "timestamp_micros": "1765100120123456",
         "events": [
          {"name": "purchase", "params": {"currency": "EUR", "value": 8.85,
            "transaction_id": "T-1001",
            "items": [{"item_id": "SKU-1", "price": 2.95, "quantity": 2},
                      {"item_id": "SKU-3", "quantity": 1}]}},
          {"name": "page_view", "params": {"page_location": "https://shop.example/"}},
          {"name": "view_item", "params": {"items": [{"item_id": "SKU-2"}]}}]}
        """;
    EventBatch.Parsed p =
        EventBatch.parse(body, EventWeights.DEFAULT, Ga4Mapping.DEFAULT, 1_800_000_000L);
    assertTrue(p.ok(), String.valueOf(p.first()));
    assertEquals(
        List.of(
            new EventBatch.Event(
                "C42", "SKU-1", EventType.PURCHASE, 12.0, 1_765_100_120L, "T-1001", null, 2.95, 2),
            new EventBatch.Event("C42", "SKU-3", EventType.PURCHASE, 6.0, 1_765_100_120L, "T-1001"),
            new EventBatch.Event("C42", "SKU-2", EventType.BROWSE, 0.5, 1_765_100_120L)),
        p.events());
    assertEquals(Map.of("page_view", 1L), p.skipped());
    // What the function writes for the build reads back as the same events.
    IngestResult file =
        read(
            TestFiles.options(),
            write(dir, "mp.jsonl", EventBatch.toJsonLines("local:1", p.events())));
    assertEquals(
        List.of(
            "C42|SKU-1|12.0|1765100120", "C42|SKU-3|6.0|1765100120", "C42|SKU-2|0.5|1765100120"),
        TestFiles.events(file.log()));
    assertEquals(OrderKeys.of("T-1001"), file.log().order(0));
    assertEquals(OrderKeys.of("T-1001"), file.log().order(1));
    assertEquals(EventLog.NO_ORDER, file.log().order(2));
    // The browser id when no one is logged in; the receive time when the request has none.
    EventBatch.Parsed anonymous =
        EventBatch.parse(
            "{\"events\": [{\"name\": \"add_to_cart\", \"params\": {\"items\": [{\"item_id\":"
                + " \"SKU-2\"}]}}], \"client_id\": \"999.1\"}",
            EventWeights.DEFAULT,
            Ga4Mapping.DEFAULT,
            1_800_000_000L);
    assertEquals(
        List.of(new EventBatch.Event("999.1", "SKU-2", EventType.CART, 2.0, 1_800_000_000L)),
        anonymous.events());
  }

  @Test
  void notABatch_throwsNamingWhy() {
    assertThrows(
        EventBatch.BadBatch.class,
        () -> EventBatch.parse("[]", EventWeights.DEFAULT, Ga4Mapping.DEFAULT, 0));
    assertThrows(
        EventBatch.BadBatch.class,
        () -> EventBatch.parse("{\"events\":3}", EventWeights.DEFAULT, Ga4Mapping.DEFAULT, 0));
    assertThrows(
        EventBatch.BadBatch.class,
        () -> EventBatch.parse("{}", EventWeights.DEFAULT, Ga4Mapping.DEFAULT, 0));
    assertThrows(
        EventBatch.BadBatch.class,
        () -> EventBatch.parse("{\"events\":[]} x", EventWeights.DEFAULT, Ga4Mapping.DEFAULT, 0));
    EventBatch.Parsed empty =
        EventBatch.parse(
            "{\"events\":[],\"token\":\"t\"}", EventWeights.DEFAULT, Ga4Mapping.DEFAULT, 0);
    assertEquals(0, empty.events().size());
    assertEquals("t", empty.token());
    assertNull(empty.first());
  }
}
