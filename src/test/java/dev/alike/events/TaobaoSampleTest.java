package dev.alike.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.alike.SharedData;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The header-less Taobao UserBehavior sample (user,item,category,behavior,timestamp). */
class TaobaoSampleTest {
  @Test
  void headerlessLayout_readsPvCartBuy_andRejectsFavAsUnknown() {
    Path sample = SharedData.require("taobao-userbehavior-head/UserBehavior_head4321.csv");
    IngestOptions options =
        TestFiles.options()
            .withCsvColumns("customer,sku,-,event,timestamp")
            .withMaxRejectedShare(0.05);
    IngestResult r = TestFiles.read(options, sample);
    // 3926 pv + 190 cart + 77 buy accepted; 128 fav have no alias.
    assertEquals(3926 + 190 + 77, r.report().accepted());
    assertEquals(128, r.report().rejected().get("unknown_event"));
    assertEquals(4321, r.report().lines());
    assertEquals(1511544070L, r.log().time(0));
  }
}
