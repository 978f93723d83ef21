package dev.alike.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CloudLoggingTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

  private System.Logger logger(boolean json) {
    return new CloudLogging(new PrintStream(bytes, true, StandardCharsets.UTF_8), json)
        .getLogger("dev.alike.store.X", getClass().getModule());
  }

  private String output() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void everySystemLoggerOfTheJvm_isThisFinder() {
    assertInstanceOf(CloudLogging.class, System.LoggerFinder.getLoggerFinder());
  }

  @Test
  void onGoogleCloud_aWarningIsOneJsonLineWithItsSeverity() {
    logger(true)
        .log(System.Logger.Level.WARNING, "{0} malformed documents skipped in {1}", 3, "v1");
    String[] lines = output().split("\n");
    assertEquals(1, lines.length, output());
    JsonObject o = JsonParser.parseString(lines[0]).getAsJsonObject();
    assertEquals("WARNING", o.get("severity").getAsString());
    assertEquals("3 malformed documents skipped in v1", o.get("message").getAsString());
    assertEquals("dev.alike.store.X", o.get("logger").getAsString());
    assertTrue(o.has("time"));
  }

  @Test
  void aRecordsFields_joinItsJsonEntry_andPlainTextShowsTheMessageAlone() {
    CloudLogging.Fields fields =
        w -> w.name("httpRequest").beginObject().name("status").value(404).endObject();
    logger(true).log(System.Logger.Level.WARNING, "GET /x 404", fields);
    JsonObject o = JsonParser.parseString(output().strip()).getAsJsonObject();
    assertEquals("WARNING", o.get("severity").getAsString());
    assertEquals("GET /x 404", o.get("message").getAsString());
    assertEquals(404, o.getAsJsonObject("httpRequest").get("status").getAsInt());
    bytes.reset();
    logger(false).log(System.Logger.Level.INFO, "GET /x 200", fields);
    assertEquals("GET /x 200", output().strip());
  }

  @Test
  void anErrorCarriesItsStackTraceInsideTheOneLine() {
    logger(true)
        .log(System.Logger.Level.ERROR, "write failed", new IllegalStateException("disk \"full\""));
    String[] lines = output().split("\n");
    assertEquals(1, lines.length);
    JsonObject o = JsonParser.parseString(lines[0]).getAsJsonObject();
    assertEquals("ERROR", o.get("severity").getAsString());
    assertTrue(
        o.get("message")
            .getAsString()
            .startsWith("write failed: java.lang.IllegalStateException: disk \"full\""));
    assertTrue(o.get("message").getAsString().contains("\tat dev.alike.logging"));
  }

  @Test
  void locally_linesArePlainText_andDebugIsDropped() {
    System.Logger log = logger(false);
    log.log(System.Logger.Level.DEBUG, "noise {0}", 1);
    log.log(System.Logger.Level.INFO, "loaded {0} SKUs", 12);
    assertEquals("loaded 12 SKUs\n", output()); // INFO: the message alone, as progress reads
    assertFalse(log.isLoggable(System.Logger.Level.DEBUG));
  }

  @Test
  void theFormatFollowsTheEnvironment() {
    assertTrue(CloudLogging.json(Map.of("K_SERVICE", "alike-recommend")));
    assertTrue(CloudLogging.json(Map.of("CLOUD_RUN_JOB", "alike-build")));
    assertFalse(CloudLogging.json(Map.of()));
    assertTrue(CloudLogging.json(Map.of("ALIKE_LOG_FORMAT", "JSON")));
    assertFalse(CloudLogging.json(Map.of("K_SERVICE", "x", "ALIKE_LOG_FORMAT", "text")));
  }
}
