package dev.alike.function;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import dev.alike.experiment.AttributionRule;
import dev.alike.experiment.AttributionToken;
import dev.alike.experiment.LiftReport;
import dev.alike.experiment.LocalAnswerLog;
import dev.alike.job.ExperimentReport;
import dev.alike.realtime.LocalEventLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole loop over a local store: an answer's token sent back on {@code POST /events} lands in
 * the real-time log, and the report reads the recorded answers and that log and credits the events
 * by their token; a forged and a malformed one are counted, not credited.
 */
class AttributionLoopTest {
  @TempDir Path dir;

  @Test
  void tokensFromRealAnswers_postedBack_areCreditedByTheReport() throws IOException {
    FunctionFixture f =
        new FunctionFixture(
            TestModels.store(3),
            Map.of(FunctionConfig.STORE, "local:" + dir, FunctionConfig.RECORD_ANSWERS, "true"));
    FakeHttp.Response r = f.get("/recommendations?customer=u1&n=3");
    assertEquals(200, r.status, r.body());
    JsonObject answer = FunctionFixture.json(r);
    String token = answer.get("attribution").getAsString();
    String sku = answer.getAsJsonArray("items").get(0).getAsJsonObject().get("sku").getAsString();
    AttributionToken t = AttributionToken.parse(token).orElseThrow();
    String forged =
        new AttributionToken(t.request(), t.placement(), "ease", t.version()).toString();
    String event = "{\"customer\":\"u1\",\"sku\":\"" + sku + "\",\"event\":\"%s\"%s}";
    FakeHttp.Response posted =
        f.post(
            "/events",
            "{\"events\":["
                + String.join(
                    ",",
                    String.format(event, "click", ",\"attribution\":\"" + token + "\""),
                    String.format(
                        event,
                        "buy",
                        ",\"attribution\":\"" + token + "\",\"price\":7.5,\"quantity\":2"),
                    String.format(event, "click", ",\"attribution\":\"" + forged + "\""),
                    String.format(event, "cart", ",\"attribution\":\"not.a.token\""))
                + "]}");
    assertEquals(202, posted.status, posted.body());
    assertEquals(1, FunctionFixture.json(posted).get("unattributed").getAsInt());
    f.function.answers().close(); // writes what is queued

    LiftReport.Report report =
        new ExperimentReport(() -> null)
            .run(
                new ExperimentReport.Settings(
                    List.of(dir.resolve(LocalAnswerLog.FOLDER).toString()),
                    List.of(new LocalEventLog(dir).file().toString()),
                    null,
                    Duration.ofDays(14),
                    AttributionRule.DEFAULT,
                    "holdout",
                    dir.resolve("report.json").toString(),
                    null));

    assertEquals(new LiftReport.Attribution(2, 0, 1, 1, 0), report.attribution());
    LiftReport.Metrics served = report.variants().get("default").total();
    assertEquals(1, served.clicks());
    assertEquals(1, served.purchases());
    assertEquals(15.0, served.revenue());
    assertEquals(
        1,
        Files.readAllLines(new LocalEventLog(dir).file()).stream()
            .filter(l -> l.contains("\"attribution\":\"malformed\""))
            .count());
  }
}
