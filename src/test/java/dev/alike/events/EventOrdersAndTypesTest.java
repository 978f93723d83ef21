package dev.alike.events;

import static dev.alike.events.TestFiles.read;
import static dev.alike.events.TestFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.alike.model.EventLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventOrdersAndTypesTest {
  @TempDir Path dir;

  /** "sku|order id or -|type or -" per event, order ids recovered through {@code ids}. */
  private static List<String> ordersAndTypes(EventLog log, String... ids) {
    List<String> out = new ArrayList<>();
    for (int e = 0; e < log.size(); e++) {
      String order = "-";
      for (String id : ids) {
        if (OrderKeys.of(id) == log.order(e)) {
          order = id;
        }
      }
      if (log.order(e) != EventLog.NO_ORDER && order.equals("-")) {
        order = "?" + log.order(e);
      }
      EventType type = EventType.of(log.type(e));
      out.add(
          log.skus().id(log.sku(e))
              + "|"
              + order
              + "|"
              + (type == null ? "-" : type.name().toLowerCase(java.util.Locale.ROOT)));
    }
    return out;
  }

  private static final List<String> EXPECTED =
      List.of(
          "s1|o1|browse",
          "s2|o1|-",
          "s3|é/1|purchase",
          "s4|536365|cart",
          "s5|-|purchase",
          "s6|-|purchase");

  @Test
  void jsonLines_orderAndItsAliases_numbersEscapesAndBlanks() {
    String lines =
        """
        {"customer":"c1","sku":"s1","event":"view","order":"o1"}
        {"customer":"c1","sku":"s2","weight":3,"ORDER":"o1"}
        {"customer":"c2","sku":"s3","event":"buy","transaction_id":"\\u00e9/1"}
        {"customer":"c2","sku":"s4","event":"cart","InvoiceNo":536365}
        {"customer":"c3","sku":"s5","event":"purchase","order":"  "}
        {"customer":"c3","sku":"s6","event":"purchase","order":null}
        """;
    EventLog log = read(write(dir, "o.jsonl", lines)).log();
    assertEquals(EXPECTED, ordersAndTypes(log, "o1", "é/1", "536365"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"order", "transaction_id", "InvoiceNo"})
  void csv_orderColumnByAnyAlias_quotedAndDoubledQuotes(String column) {
    String csv =
        "customer,sku,event,weight,"
            + column
            + "\n"
            + "c1,s1,view,,o1\n"
            + "c1,s2,,3,\"o1\"\n"
            + "c2,s3,buy,,é/1\n"
            + "c2,s4,cart,,536365\n"
            + "c3,s5,purchase,,\n"
            + "c3,s6,purchase,,\n"
            + "c4,s7,view,,\"a\"\"b\"\n";
    EventLog log = read(write(dir, "o.csv", csv)).log();
    List<String> expected = new ArrayList<>(EXPECTED);
    expected.add("s7|a\"b|browse");
    assertEquals(expected, ordersAndTypes(log, "o1", "é/1", "536365", "a\"b"));
  }

  @Test
  void jsonArray_keepsOrdersAndTypes() {
    String array =
        """
        [{"customer":"c1","sku":"s1","event":"view","order":"o1"},
         {"customer":"c1","sku":"s2","weight":3,"order":"o1"},
         {"customer":"c2","sku":"s3","event":"buy","transaction_id":"é/1"}]
        """;
    EventLog log = read(write(dir, "o.json", array)).log();
    assertEquals(EXPECTED.subList(0, 3), ordersAndTypes(log, "o1", "é/1"));
  }

  @Test
  void sessionObjects_keepTypes_andHaveNoOrder() {
    String lines =
        """
        {"c1": [{"s1": "view", "s2": "cart"}, {"s3": 2.5, "s4": "buy"}]}
        """;
    EventLog log = read(write(dir, "s.jsonl", lines)).log();
    assertEquals(
        List.of("s1|-|browse", "s2|-|cart", "s3|-|-", "s4|-|purchase"), ordersAndTypes(log));
  }

  @Test
  void logWithoutOrders_hasNoOrderColumn() {
    EventLog log =
        read(write(dir, "n.jsonl", "{\"customer\":\"c\",\"sku\":\"s\",\"event\":\"view\"}\n"))
            .log();
    assertEquals(false, log.hasOrders());
    assertEquals(EventLog.NO_ORDER, log.order(0));
  }

  /**
   * Orders only in some stretches of the file, so that chunks without orders follow chunks with
   * them (a reused sink must not leak its earlier keys) and the merged column starts late.
   */
  @Test
  void chunkMerge_keepsEveryEventsOrderAndType_forAnyChunkSize() {
    Random rnd = new Random(7);
    String[] names = {"view", "cart", "buy"};
    StringBuilder b = new StringBuilder();
    List<String> expected = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 1500; i++) {
      boolean withOrder = (i / 200) % 2 == 1 && rnd.nextInt(4) > 0;
      String order = "o" + (i / 3);
      int t = rnd.nextInt(3);
      b.append("{\"customer\":\"c")
          .append(rnd.nextInt(40))
          .append("\",\"sku\":\"s")
          .append(i)
          .append("\",\"event\":\"")
          .append(names[t])
          .append('"');
      if (withOrder) {
        b.append(",\"order\":\"").append(order).append('"');
        ids.add(order);
      }
      b.append("}\n");
      expected.add(
          "s"
              + i
              + "|"
              + (withOrder ? order : "-")
              + "|"
              + EventType.values()[t].name().toLowerCase(java.util.Locale.ROOT));
    }
    Path file = write(dir, "m.jsonl", b.toString());
    String[] known = ids.toArray(String[]::new);
    for (long chunk : new long[] {1L << 40, 97, 1000, 20_000}) {
      for (int threads : new int[] {1, 3}) {
        IngestOptions o = TestFiles.options().withThreads(threads).withChunkBytes(chunk);
        EventLog log = read(o, file).log();
        assertEquals(expected, ordersAndTypes(log, known), "chunk " + chunk + ", " + threads);
      }
    }
  }

  @Test
  void realtimeBatch_keepsOrderId_throughItsJsonLines() {
    EventBatch.Parsed batch =
        EventBatch.parse(
            "{\"events\":[{\"customer\":\"c\",\"sku\":\"s\",\"event\":\"buy\",\"order\":\"é/9\"},"
                + "{\"customer\":\"c\",\"sku\":\"t\",\"event\":\"view\"}]}",
            EventWeights.DEFAULT,
            Ga4Mapping.DEFAULT,
            100);
    assertEquals("é/9", batch.events().get(0).order());
    assertEquals(null, batch.events().get(1).order());
    EventBatch.Parsed again =
        EventBatch.parseLines(
            EventBatch.toJsonLines("b1", batch.events()), EventWeights.DEFAULT, 200);
    assertEquals(batch.events(), again.events());
    EventLog log = read(write(dir, "r.jsonl", EventBatch.toJsonLines("b1", batch.events()))).log();
    assertEquals(List.of("s|é/9|purchase", "t|-|browse"), ordersAndTypes(log, "é/9"));
  }

  /** dev.alike.model.BoughtTogether reads these codes without seeing this package. */
  @Test
  void typeCodes_areTheOrdinalsTheModelPackageReads() {
    assertEquals(0, EventType.BROWSE.code());
    assertEquals(1, EventType.CART.code());
    assertEquals(2, EventType.PURCHASE.code());
    assertEquals(EventType.CART, EventType.of((byte) 1));
    assertEquals(null, EventType.of(EventLog.NO_TYPE));
  }

  @Test
  void orderKeys_sameFromBytesCharsAndString_includingSurrogatePairs() {
    for (String id : List.of("o1", "536365", "é/1", "订单-7", "\uD83D\uDED2 cart", "a\"b")) {
      byte[] utf8 = id.getBytes(StandardCharsets.UTF_8);
      long key = OrderKeys.of(id);
      assertNotEquals(EventLog.NO_ORDER, key, id);
      assertEquals(key, OrderKeys.of(utf8, 0, utf8.length), id);
      assertEquals(key, OrderKeys.of(id.toCharArray(), 0, id.length()), id);
    }
    assertNotEquals(OrderKeys.of("o1"), OrderKeys.of("o2"));
    assertEquals(EventLog.NO_ORDER, OrderKeys.of(""));
    assertEquals(EventLog.NO_ORDER, OrderKeys.of(" \t"));
    assertEquals(EventLog.NO_ORDER, OrderKeys.of((String) null));
  }
}
