package dev.alike.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alike.SharedData;
import dev.alike.model.EventLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {

  @TempDir Path dir;

  @Test
  void movieLens_readsTabDoubleColonAndCsvWithHeader() throws IOException {
    Path tab =
        Files.writeString(
            dir.resolve("u.data"), "196\t242\t3\t881250949\n186\t302\t3\t891717742\n");
    Path dat = Files.writeString(dir.resolve("ratings.dat"), "1::1193::5::978300760\n");
    Path csv = Files.writeString(dir.resolve("ratings.csv"), "user_id,movie_id,rating\n1,661,3\n");
    EventLog a = MovieLens.read(tab);
    assertEquals(2, a.size());
    assertEquals("242", a.skus().id(a.sku(0)));
    assertEquals(3f, a.weight(1));
    assertEquals(891717742L, a.time(1));
    assertEquals(5f, MovieLens.read(dat).weight(0));
    EventLog c = MovieLens.read(csv);
    assertEquals(1, c.size());
    assertEquals(EventLog.NO_TIME, c.time(0));
  }

  @Test
  void movieLens_badLine_namesFileAndLine() throws IOException {
    Path bad = Files.writeString(dir.resolve("u.data"), "1\t2\t3\t4\n1\t2\tx\t4\n");
    IOException e = assertThrows(IOException.class, () -> MovieLens.read(bad));
    assertTrue(e.getMessage().contains("u.data:2"), e.getMessage());
  }

  @Test
  void onlineRetail_dropsCancellationsNonPositiveAndAnonymous() throws IOException {
    Path csv =
        Files.writeString(
            dir.resolve("retail.csv"),
            "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
                + "536365,85123A,\"HEART, WHITE\",6,2010-12-01 08:26:00,2.55,17850,United Kingdom\n"
                + "C536379,D,Discount,-1,2010-12-01 09:41:00,27.5,14527,United Kingdom\n"
                + "536381,22139,x,0,2010-12-01 09:41:00,1,14527,United Kingdom\n"
                + "536414,22139,,56,2010-12-01 11:52:00,0,,United Kingdom\n");
    OnlineRetail.Loaded r = OnlineRetail.read(csv, OnlineRetail.Weight.QUANTITY);
    assertEquals(1, r.events().size());
    assertEquals(6f, r.events().weight(0));
    assertEquals("85123A", r.events().skus().id(0));
    assertEquals(1_291_191_960L, r.events().time(0)); // 2010-12-01 08:26 GMT
    assertEquals(4, r.lines());
    assertEquals(1, r.cancelled());
    assertEquals(1, r.nonPositiveQuantity());
    assertEquals(1, r.noCustomer());
  }

  @Test
  void onlineRetail_fullFile_matchesPublishedCounts() throws IOException {
    Path retail = SharedData.require("online-retail/online_retail.csv.gz");
    OnlineRetail.Loaded r = OnlineRetail.read(retail, OnlineRetail.Weight.LINES);
    // Counts from shared/data/SOURCES.md: 397,924 purchase lines, 4,339 customers, 3,665 items.
    assertEquals(541_909, r.lines());
    assertEquals(9_288, r.cancelled());
    assertEquals(397_924, r.events().size());
    assertEquals(4_339, r.events().customers().size());
    assertEquals(3_665, r.events().skus().size());
    assertEquals(541_909 - 9_288 - 397_924, r.nonPositiveQuantity() + r.noCustomer());
  }

  @Test
  void unknownFormat_isRejectedByName() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Datasets.load("parquet", dir));
    assertTrue(e.getMessage().contains("parquet"));
  }
}
