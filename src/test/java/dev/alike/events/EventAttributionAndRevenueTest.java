package dev.alike.events;

import static dev.alike.events.TestFiles.read;
import static dev.alike.events.TestFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alike.experiment.AttributionToken;
import dev.alike.model.EventLog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-event {@code attribution}, {@code price} and {@code quantity} fields. */
class EventAttributionAndRevenueTest {
  @TempDir Path dir;

  private static final String TOKEN = AttributionToken.mint("home", "ease", "v7").toString();
  private static final String OTHER = AttributionToken.mint("pdp", "holdout", null).toString();

  /** The attribution of each event: the token, "BAD" or "-". */
  private static List<String> attributions(EventLog log) {
    List<String> out = new ArrayList<>();
    for (int e = 0; e < log.size(); e++) {
      int code = log.attribution(e);
      out.add(
          code >= 0 ? log.attributionToken(code) : code == EventLog.BAD_ATTRIBUTION ? "BAD" : "-");
    }
    return out;
  }

  private static List<Double> revenues(EventLog log) {
    List<Double> out = new ArrayList<>();
    for (int e = 0; e < log.size(); e++) {
      out.add(log.revenue(e));
    }
    return out;
  }

  @Test
  void logWithoutTheFields_hasNeitherColumn() {
    String jsonl =
        """
        {"customer":"c1","sku":"s1","event":"view","ts":1}
        {"customer":"c1","sku":"s2","event":"buy","ts":2,"attribution":""}
        """;
    EventLog log = read(write(dir, "plain.jsonl", jsonl)).log();
    assertEquals(2, log.size());
    assertFalse(log.hasAttributions(), "a blank attribution is none");
    assertFalse(log.hasRevenue());
    assertEquals(EventLog.NO_ATTRIBUTION, log.attribution(1));
    assertTrue(Double.isNaN(log.revenue(1)));
  }

  @Test
  void jsonAttribution_keptWhenAToken_droppedAndCountedOtherwise_neverRejected() {
    String tooLong = TOKEN + "x".repeat(AttributionToken.MAX_LENGTH);
    String jsonl =
        "{\"customer\":\"c1\",\"sku\":\"s1\",\"event\":\"view\"}\n"
            + "{\"customer\":\"c1\",\"sku\":\"s1\",\"event\":\"click\",\"attribution\":\""
            + TOKEN
            + "\"}\n"
            + "{\"customer\":\"c1\",\"sku\":\"s2\",\"event\":\"cart\",\"attribution\":\"a.b.c\"}\n"
            + "{\"customer\":\"c2\",\"sku\":\"s2\",\"event\":\"buy\",\"attribution\":\""
            + tooLong
            + "\"}\n"
            + "{\"attribution\":7,\"customer\":\"c2\",\"sku\":\"s3\",\"event\":\"click\"}\n"
            + "{\"customer\":\"c3\",\"sku\":\"s3\",\"event\":\"click\",\"attribution\":{\"x\":[1]}}\n"
            + "{\"customer\":\"c3\",\"sku\":\"s1\",\"event\":\"click\",\"attribution\":\""
            + OTHER
            + "\"}\n"
            + "{\"customer\":\"c3\",\"sku\":\"s1\",\"event\":\"view\",\"attribution\":\""
            + TOKEN
            + "\"}\n";
    IngestResult r = read(write(dir, "a.jsonl", jsonl));
    assertEquals(8, r.report().accepted());
    assertEquals(0, r.report().rejectedTotal());
    assertEquals(4, r.report().unattributed());
    assertEquals(
        List.of("-", TOKEN, "BAD", "BAD", "BAD", "BAD", OTHER, TOKEN), attributions(r.log()));
    assertEquals(
        r.log().attribution(1), r.log().attribution(7), "one table entry per distinct token");
    assertEquals(List.of("c1|s1|0.5|-", "c1|s1|0.5|-"), TestFiles.events(r.log()).subList(0, 2));
  }

  @Test
  void attributionsInLaterChunksOnly_areRenumberedIntoOneTable() {
    StringBuilder jsonl = new StringBuilder();
    List<String> expected = new ArrayList<>();
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      tokens.add(AttributionToken.mint("p" + i % 3, "v", null).toString());
    }
    for (int i = 0; i < 3000; i++) {
      String token = i < 1500 ? null : tokens.get(i % tokens.size());
      jsonl.append("{\"customer\":\"c").append(i % 50).append("\",\"sku\":\"s").append(i % 7);
      jsonl.append("\",\"event\":\"click\"");
      if (token != null) {
        jsonl.append(",\"attribution\":\"").append(token).append('"');
      }
      if (i % 1000 == 999) {
        jsonl.append(",\"event\":\"buy\",\"price\":\"4.5\",\"quantity\":2");
      }
      jsonl.append("}\n");
      expected.add(token == null ? "-" : token);
    }
    IngestResult r =
        read(
            TestFiles.options().withChunkBytes(4096).withThreads(3),
            write(dir, "chunks.jsonl", jsonl.toString()));
    assertEquals(3000, r.log().size());
    assertEquals(expected, attributions(r.log()));
    List<Double> revenue = revenues(r.log());
    for (int i = 0; i < 3000; i++) {
      assertEquals(i % 1000 == 999 ? 9.0 : Double.NaN, revenue.get(i), "event " + i);
    }
  }

  @Test
  void priceAndQuantity_givePurchaseRevenue_quantityScalesTheWeight_badPriceRejectsOnlyPurchases() {
    String jsonl =
        """
        {"customer":"c1","sku":"s1","event":"buy","price":2.5,"quantity":3}
        {"customer":"c1","sku":"s2","event":"buy","price":"10"}
        {"customer":"c1","sku":"s3","event":"view","price":99}
        {"customer":"c1","sku":"s4","event":"view","price":-1}
        {"customer":"c1","sku":"s5","event":"buy"}
        {"customer":"c1","sku":"s6","event":"buy","price":-1}
        {"customer":"c1","sku":"s7","event":"buy","price":1,"quantity":0}
        {"customer":"c1","sku":"s8","event":"buy","price":1,"quantity":"many"}
        """;
    IngestResult r =
        read(TestFiles.options().withMaxRejectedShare(0.5), write(dir, "rev.jsonl", jsonl));
    assertEquals(5, r.report().accepted());
    assertEquals(3, r.report().rejected().get("malformed"));
    assertTrue(
        r.report().samples().get(0).contains("malformed"), String.valueOf(r.report().samples()));
    assertTrue(r.report().samples().get(1).contains("\"quantity\" is 0, not a number > 0"));
    assertEquals(
        List.of("c1|s1|18.0|-", "c1|s2|6.0|-", "c1|s3|0.5|-", "c1|s4|0.5|-", "c1|s5|6.0|-"),
        TestFiles.events(r.log()));
    assertEquals(List.of(7.5, 10.0, Double.NaN, Double.NaN, Double.NaN), revenues(r.log()));
  }

  @Test
  void csvWithPriceQuantityAndAttributionColumns() {
    String csv =
        "Customer,SKU,Event,Price,Quantity,Attribution\n"
            + "c1,s1,buy,3.25,4,"
            + TOKEN
            + "\n"
            + "c1,s2,click,,,not-a-token\n"
            + "c2,s3,buy,7,,\n"
            + "c2,s4,view,,,\n";
    IngestResult r = read(write(dir, "e.csv", csv));
    assertEquals(4, r.report().accepted());
    assertEquals(1, r.report().unattributed());
    assertEquals(List.of(TOKEN, "BAD", "-", "-"), attributions(r.log()));
    assertEquals(List.of(13.0, Double.NaN, 7.0, Double.NaN), revenues(r.log()));
    assertEquals(24.0, r.log().weight(0), "6 per purchase times 4 units");
  }

  @Test
  void ga4ExportRow_itemPriceTimesQuantity_andTheRowsAttribution() {
    String jsonl =
        "{\"event_name\":\"purchase\",\"event_timestamp\":\"1765100120000000\","
            + "\"user_pseudo_id\":\"p1\",\"attribution\":\""
            + TOKEN
            + "\",\"items\":[{\"item_id\":\"a\",\"price\":2.5,\"quantity\":2},"
            + "{\"item_id\":\"b\",\"quantity\":1}]}\n";
    IngestResult r = read(write(dir, "ga4.jsonl", jsonl));
    assertEquals(List.of(5.0, Double.NaN), revenues(r.log()));
    assertEquals(List.of(TOKEN, TOKEN), attributions(r.log()));
  }

  /**
   * What {@code POST /events} accepts is written as real-time lines and read back by the next
   * build: the token, a dropped attribution (still counted), price and quantity survive.
   */
  @Test
  void realtimeLines_keepAttributionPriceAndQuantity_throughTheNextBuild() {
    String body =
        "{\"events\":["
            + "{\"customer\":\"c1\",\"sku\":\"s1\",\"event\":\"click\",\"attribution\":\""
            + TOKEN
            + "\"},"
            + "{\"customer\":\"c1\",\"sku\":\"s2\",\"event\":\"buy\",\"attribution\":\"forged!\","
            + "\"price\":4,\"quantity\":2},"
            + "{\"customer\":\"c1\",\"sku\":\"s3\",\"weight\":1.5,\"quantity\":3}]}";
    EventBatch.Parsed p = EventBatch.parse(body, EventWeights.DEFAULT, Ga4Mapping.DEFAULT, 100);
    assertTrue(p.ok(), String.valueOf(p.first()));
    assertEquals(1, p.unattributed());
    assertEquals(TOKEN, p.events().get(0).attribution());
    assertEquals(EventBatch.DROPPED, p.events().get(1).attribution());
    assertEquals(12.0, p.events().get(1).weight());
    assertEquals(4.5, p.events().get(2).weight());
    String lines = EventBatch.toJsonLines("local:1", p.events());
    IngestResult r = read(write(dir, "realtime.jsonl", lines));
    assertEquals(List.of(TOKEN, "BAD", "-"), attributions(r.log()));
    assertEquals(1, r.report().unattributed());
    assertEquals(List.of(Double.NaN, 8.0, Double.NaN), revenues(r.log()));
    assertEquals(
        List.of("c1|s1|0.5|100", "c1|s2|12.0|100", "c1|s3|4.5|100"), TestFiles.events(r.log()));
    // The push handler reads the same lines as the function wrote them.
    EventBatch.Parsed again = EventBatch.parseLines(lines, EventWeights.DEFAULT, 0);
    assertEquals(p.events(), again.events());
  }

  @Test
  void measurementProtocol_paramsAttribution() {
    String body =
        "{\"client_id\":\"9.1\",\"events\":[{\"name\":\"select_item\",\"params\":{"
            + "\"attribution\":\""
            + TOKEN
            + "\",\"items\":[{\"item_id\":\"s1\"}]}},"
            + "{\"name\":\"add_to_cart\",\"params\":{\"attribution\":3,"
            + "\"items\":[{\"item_id\":\"s2\"}]}}]}";
    EventBatch.Parsed p =
        EventBatch.parse(
            body,
            EventWeights.DEFAULT,
            Ga4Mapping.of(Ga4Mapping.DEFAULT_CUSTOMER, null, "select_item=click,add_to_cart=cart"),
            100);
    assertTrue(p.ok(), String.valueOf(p.first()));
    assertEquals(2, p.events().size());
    assertEquals(TOKEN, p.events().get(0).attribution());
    assertEquals(EventBatch.DROPPED, p.events().get(1).attribution());
    assertEquals(1, p.unattributed());
  }
}
