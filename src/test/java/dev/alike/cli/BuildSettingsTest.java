package dev.alike.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alike.events.EventWeights;
import dev.alike.job.BuildSettings;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BuildSettingsTest {
  private static Map<String, String> env(String... pairs) {
    Map<String, String> env = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  /** The settings of the job run with {@code env}: the CLI's build with these flags. */
  private static BuildSettings fromEnvironment(Map<String, String> env) {
    return BuildJob.command(env, () -> null).settings();
  }

  private static IllegalArgumentException rejected(String... pairs) {
    return assertThrows(IllegalArgumentException.class, () -> fromEnvironment(env(pairs)));
  }

  private static void assertMentions(Exception e, String... parts) {
    for (String part : parts) {
      assertTrue(e.getMessage().contains(part), "\"" + part + "\" not in: " + e.getMessage());
    }
  }

  @Test
  void onlyEvents_givesTheDocumentedDefaults() {
    BuildSettings s = fromEnvironment(env("ALIKE_EVENTS", "gs://b/events/", "HOME", "/root"));
    assertEquals(List.of("gs://b/events/"), s.events());
    assertEquals("local:alike-data", s.store()); // one default: the CLI's; terraform sets it
    assertEquals(50, s.fit().k());
    assertEquals("ease:100:300", s.fit().similarity().name());
    assertEquals(0.0, s.fit().halfLifeSeconds());
    assertEquals(500, s.fit().maxSkusPerCustomer());
    assertEquals(1000, s.fit().maxReverse());
    assertEquals(1, s.coldStart().minInteractions());
    assertEquals(2, s.keepVersions());
    assertEquals(0.01, s.ingest().maxRejectedShare());
    assertEquals(EventWeights.DEFAULT, s.ingest().weights());
    assertNull(s.catalog());
    assertNull(s.reportUri());
    assertTrue(s.checkMemory());
  }

  @Test
  void everyVariable_isParsed() {
    BuildSettings s =
        fromEnvironment(
            env(
                "ALIKE_EVENTS", " gs://b/a/ , /data/b.jsonl,,",
                "ALIKE_CATALOG", "gs://b/catalog.jsonl",
                "ALIKE_STORE", "local:/tmp/store",
                "ALIKE_K", "20",
                "ALIKE_WEIGHTS", "view=1,cart=3,purchase=9",
                "ALIKE_HALF_LIFE", "30d",
                "ALIKE_MAX_SKUS_PER_CUSTOMER", "100",
                "ALIKE_MAX_REVERSE", "200",
                "ALIKE_COLD_START_MIN_INTERACTIONS", "3",
                "ALIKE_MAX_REJECTED", "0.05",
                "ALIKE_REPORT_URI", "gs://b/reports/last.json",
                "ALIKE_KEEP_VERSIONS", "3",
                "ALIKE_SIMILARITY", "cosine",
                "ALIKE_CHECK_MEMORY", "Off"));
    assertEquals(List.of("gs://b/a/", "/data/b.jsonl"), s.events());
    assertEquals("gs://b/catalog.jsonl", s.catalog());
    assertEquals("local:/tmp/store", s.store());
    assertEquals(20, s.fit().k());
    assertEquals(new EventWeights(1, 3, 9), s.ingest().weights());
    assertEquals(30 * 86_400.0, s.fit().halfLifeSeconds());
    assertEquals(100, s.fit().maxSkusPerCustomer());
    assertEquals(200, s.fit().maxReverse());
    assertEquals(3, s.coldStart().minInteractions());
    assertEquals(0.05, s.ingest().maxRejectedShare());
    assertEquals("gs://b/reports/last.json", s.reportUri());
    assertEquals(3, s.keepVersions());
    assertEquals("cosine", s.fit().similarity().name());
    assertFalse(s.checkMemory());
  }

  @Test
  void blankOptionalVariables_keepTheirDefaults() {
    BuildSettings s =
        fromEnvironment(
            env(
                "ALIKE_EVENTS",
                "e.jsonl",
                "ALIKE_K",
                " ",
                "ALIKE_CATALOG",
                "",
                "ALIKE_KEEP_VERSIONS",
                ""));
    assertEquals(50, s.fit().k());
    assertNull(s.catalog());
    assertEquals(2, s.keepVersions());
  }

  @Test
  void nonNumericK_namesVariableAndValue() {
    assertMentions(rejected("ALIKE_EVENTS", "e", "ALIKE_K", "abc"), "ALIKE_K", "abc");
  }

  @Test
  void unreadableHalfLife_namesVariableAndValue() {
    assertMentions(
        rejected("ALIKE_EVENTS", "e", "ALIKE_HALF_LIFE", "soon"), "ALIKE_HALF_LIFE", "soon");
  }

  @Test
  void unknownAlikeVariable_isNamed() {
    assertMentions(rejected("ALIKE_EVENTS", "e", "ALIKE_FOO", "1"), "ALIKE_FOO");
  }

  @Test
  void missingEvents_namesTheVariable() {
    assertMentions(rejected("ALIKE_K", "10"), "ALIKE_EVENTS");
    assertMentions(rejected("ALIKE_EVENTS", "  "), "ALIKE_EVENTS");
  }

  @Test
  void eventsOfOnlyCommas_namesTheVariable() {
    assertMentions(rejected("ALIKE_EVENTS", " , ,"), "ALIKE_EVENTS");
  }

  @Test
  void outOfRangeNumbers_nameVariableAndValue() {
    assertMentions(rejected("ALIKE_EVENTS", "e", "ALIKE_K", "0"), "ALIKE_K", "\"0\"");
    assertMentions(
        rejected("ALIKE_EVENTS", "e", "ALIKE_MAX_REJECTED", "2"), "ALIKE_MAX_REJECTED", "2");
    assertMentions(rejected("ALIKE_EVENTS", "e", "ALIKE_KEEP_VERSIONS", "0"), "keep versions", "0");
    assertMentions(
        rejected("ALIKE_EVENTS", "e", "ALIKE_MAX_REVERSE", "-1"), "ALIKE_MAX_REVERSE", "-1");
    assertMentions(
        rejected("ALIKE_EVENTS", "e", "ALIKE_COLD_START_MIN_INTERACTIONS", "-2"),
        "ALIKE_COLD_START_MIN_INTERACTIONS",
        "-2");
  }

  @Test
  void badWeightsOrSimilarity_nameVariableAndValue() {
    assertMentions(
        rejected("ALIKE_EVENTS", "e", "ALIKE_WEIGHTS", "view:1"), "ALIKE_WEIGHTS", "view:1");
    assertMentions(
        rejected("ALIKE_EVENTS", "e", "ALIKE_SIMILARITY", "pearson"),
        "ALIKE_SIMILARITY",
        "pearson");
    assertMentions(
        rejected("ALIKE_EVENTS", "e", "ALIKE_CHECK_MEMORY", "maybe"),
        "ALIKE_CHECK_MEMORY",
        "maybe",
        "true or false");
  }

  @Test
  void constructor_rejectsNoEventsAndKeepBelowOne() {
    BuildSettings ok = fromEnvironment(env("ALIKE_EVENTS", "e"));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new BuildSettings(List.of(), null, "firestore", ok.fit(), ok.ingest(), null, 2, true));
    IllegalArgumentException keep =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new BuildSettings(
                    List.of("e"), null, "firestore", ok.fit(), ok.ingest(), null, 0, true));
    assertMentions(keep, "0");
  }

  @Test
  void realtimeReplay_readsItsBucketAndWait_andNamesABadValue() {
    BuildSettings s =
        fromEnvironment(
            env(
                "ALIKE_EVENTS", "gs://b/events/",
                "ALIKE_REALTIME_EVENTS", "gs://b/events/realtime/",
                "ALIKE_REALTIME_WAIT", "660s"));
    assertEquals("gs://b/events/realtime/", s.realtimeEvents());
    assertEquals(660, s.realtimeWaitSeconds());
    BuildSettings none = fromEnvironment(env("ALIKE_EVENTS", "gs://b/events/"));
    assertNull(none.realtimeEvents());
    assertEquals(0, none.realtimeWaitSeconds());
    assertMentions(
        assertThrows(
            IllegalArgumentException.class,
            () -> fromEnvironment(env("ALIKE_EVENTS", "e", "ALIKE_REALTIME_WAIT", "soon"))),
        "ALIKE_REALTIME_WAIT",
        "soon");
    assertMentions(
        assertThrows(
            IllegalArgumentException.class,
            () -> fromEnvironment(env("ALIKE_EVENTS", "e", "ALIKE_REALTIME_EVENTS", "/tmp/rt"))),
        "/tmp/rt");
  }
}
