package dev.alike.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.alike.function.StoreQueries;
import dev.alike.job.Captured;
import dev.alike.store.CustomerProfile;
import dev.alike.store.LocalModelStore;
import dev.alike.store.ModelInfo;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** generate, build, then the commands that read the store, on a few thousand synthetic events. */
class CliWorkflowTest {
  @TempDir static Path dir;

  private static String store;

  private static Captured run(String... args) throws Exception {
    return Captured.run(() -> Main.run(args));
  }

  private static Captured ok(String... args) throws Exception {
    Captured run = run(args);
    assertEquals(0, run.code(), String.join(" ", args) + "\n" + run.both());
    return run;
  }

  private static void generate(Path events) throws Exception {
    ok(
        "generate",
        "--customers",
        "300",
        "--skus",
        "120",
        "--categories",
        "6",
        "--out",
        events.toString());
  }

  private static Captured build(Path events, String storeSpec) throws Exception {
    return ok(
        "build",
        "--events",
        events.toString(),
        "--catalog",
        dir.resolve("events.catalog.jsonl").toString(),
        "--store",
        storeSpec,
        "--k",
        "10",
        "--threads",
        "2");
  }

  @BeforeAll
  static void generateAndBuild() throws Exception {
    Path events = dir.resolve("events.jsonl");
    generate(events);
    assertTrue(Files.size(events) > 0);
    assertTrue(Files.exists(dir.resolve("events.catalog.jsonl")), "default catalog path");
    store = "local:" + dir.resolve("store");
    Captured built = build(events, store);
    assertTrue(built.err().contains("build report"), built.both());
  }

  private static Map<String, List<String>> params(String... pairs) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      params.put(pairs[i], List.of(pairs[i + 1]));
    }
    return params;
  }

  private static JsonArray items(String json) {
    return JsonParser.parseString(json).getAsJsonObject().getAsJsonArray("items");
  }

  /** What the function answers for {@code params}, from a freshly opened store. */
  private static JsonArray functionItems(boolean similar, Map<String, List<String>> params) {
    try (LocalModelStore opened = new LocalModelStore(dir.resolve("store"))) {
      StoreQueries queries = new StoreQueries(opened, dev.alike.events.EventWeights.DEFAULT);
      return items(similar ? queries.similar(params) : queries.recommend(params));
    }
  }

  private static String firstCustomer() {
    try (LocalModelStore opened = new LocalModelStore(dir.resolve("store"))) {
      Iterator<CustomerProfile> profiles = opened.profiles();
      return profiles.next().customer();
    }
  }

  @Test
  void recommend_printsTheFunctionsItems() throws Exception {
    String customer = firstCustomer();
    Captured run = ok("recommend", "--store", store, "--customer", customer, "--n", "5");
    JsonArray printed = items(run.out());
    assertFalse(printed.isEmpty(), run.out());
    assertEquals(functionItems(false, params("customer", customer, "n", "5")), printed);
  }

  @Test
  void recommendWithSessionAndParam_printsTheFunctionsItems() throws Exception {
    Captured run =
        ok("recommend", "--store", store, "--with", "s3:view,s4:cart", "--param", "exclude=s5");
    JsonArray printed = items(run.out());
    assertFalse(printed.isEmpty(), run.out());
    assertEquals(
        functionItems(false, params("n", "10", "with", "s3:view,s4:cart", "exclude", "s5")),
        printed);
    assertFalse(run.out().contains("\"s5\""), run.out());
  }

  @Test
  void similar_printsTheFunctionsItems() throws Exception {
    Captured run = ok("similar", "--store", store, "--sku", "s3", "--n", "4");
    JsonArray printed = items(run.out());
    assertFalse(printed.isEmpty(), run.out());
    assertEquals(functionItems(true, params("sku", "s3", "n", "4")), printed);
  }

  @Test
  void nOutOfRange_exitsOneWithTheApisMessage() throws Exception {
    Captured run = run("recommend", "--store", store, "--customer", "c1", "--n", "300");
    assertEquals(1, run.code(), run.both());
    assertTrue(run.err().contains("n must be an integer in 1..100"), run.both());
    assertTrue(run.err().contains("300"), run.both());
    assertEquals("", run.out());
  }

  @Test
  void malformedParam_exitsOneNamingIt() throws Exception {
    Captured run = run("similar", "--store", store, "--sku", "s1", "--param", "nonsense");
    assertEquals(1, run.code(), run.both());
    assertTrue(run.err().contains("nonsense"), run.both());
  }

  @Test
  void queryOnEmptyStore_exitsOne() throws Exception {
    Captured run = run("similar", "--store", "local:" + dir.resolve("empty-store"), "--sku", "s1");
    assertEquals(1, run.code(), run.both());
    assertTrue(run.err().startsWith("alike: "), run.both());
  }

  /**
   * A build into a store of its own with {@code flags} that must fail before reading: exit 1, the
   * store directory never created. Returns the run for the message checks.
   */
  private static Captured refusedBuild(String storeName, String... flags) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "build",
                "--events",
                dir.resolve("events.jsonl").toString(),
                "--store",
                "local:" + dir.resolve(storeName)));
    args.addAll(List.of(flags));
    Captured run = run(args.toArray(new String[0]));
    assertEquals(1, run.code(), run.both());
    assertFalse(Files.exists(dir.resolve(storeName)));
    return run;
  }

  @Test
  void buildWithUnknownSimilarity_exitsOneNamingIt() throws Exception {
    Captured run = refusedBuild("never", "--similarity", "pearson");
    assertTrue(run.err().contains("pearson"), run.both());
  }

  @Test
  void buildWithRealtimeEventsOutsideABucket_exitsOneNamingIt_beforeReading() throws Exception {
    Captured run = refusedBuild("never-rt", "--realtime-events", "/var/realtime");
    assertTrue(run.err().contains("\"/var/realtime\" is not a gs:// prefix"), run.both());
  }

  @Test
  void buildWithUnreadableRealtimeWait_exitsOneNamingIt() throws Exception {
    Captured run =
        refusedBuild(
            "never-wait",
            "--realtime-events",
            "gs://shop-events/realtime/",
            "--realtime-wait",
            "soon");
    assertTrue(run.err().contains("soon"), run.both());
  }

  @Test
  void versionsAndActivate_rollBackToTheOlderVersion() throws Exception {
    Path events = dir.resolve("events.jsonl");
    String own = "local:" + dir.resolve("rollback-store");
    build(events, own);
    build(events, own);
    List<String> before = ok("versions", "--store", own).out().lines().toList();
    assertEquals(2, before.size(), before.toString());
    assertTrue(before.get(1).startsWith("* "), "newest is current: " + before);
    assertTrue(before.get(0).startsWith("  "), before.toString());
    String older = before.get(0).trim().split("\\s+")[0];
    String newer = before.get(1).substring(2).split("\\s+")[0];

    ok("activate", "--store", own, older);
    try (LocalModelStore opened = new LocalModelStore(dir.resolve("rollback-store"))) {
      assertEquals(older, opened.current().map(ModelInfo::version).orElseThrow());
      assertEquals(2, opened.versions().size(), "activate keeps every version");
    }
    List<String> after = ok("versions", "--store", own).out().lines().toList();
    assertTrue(after.get(0).startsWith("* " + older), after.toString());
    assertTrue(after.get(1).startsWith("  " + newer), after.toString());
  }

  @Test
  void versionsAndActivate_ofANamedModel_leaveTheDefaultModelAlone() throws Exception {
    Path events = dir.resolve("events.jsonl");
    String own = "local:" + dir.resolve("models-store");
    String[] tfidf = {"--model", "tfidf", "--similarity", "tfidf"};
    build(events, own);
    ok(concat(buildArgs(events, own), tfidf));
    ok(concat(buildArgs(events, own), tfidf));
    List<String> listed = ok("versions", "--store", own, "--model", "tfidf").out().lines().toList();
    assertEquals(2, listed.size(), listed.toString());
    String older = listed.get(0).trim().split("\\s+")[0];
    String defaultVersion;
    try (LocalModelStore opened = new LocalModelStore(dir.resolve("models-store"))) {
      defaultVersion = opened.current().orElseThrow().version();
      assertEquals(1, opened.versions().size());
    }
    ok("activate", "--store", own, "--model", "tfidf", older);
    Captured wrong = run("activate", "--store", own, "--model", "tfidf", defaultVersion);
    assertEquals(1, wrong.code(), wrong.both());
    assertTrue(
        wrong.err().contains("no finished version " + defaultVersion + " of model tfidf"),
        wrong.both());
    try (LocalModelStore opened = new LocalModelStore(dir.resolve("models-store"))) {
      assertEquals(older, opened.current("tfidf").orElseThrow().version());
      assertEquals(defaultVersion, opened.current().orElseThrow().version());
    }
    Captured badName = run(concat(buildArgs(events, own), new String[] {"--model", "a.b"}));
    assertEquals(1, badName.code(), badName.both());
    assertTrue(badName.err().contains("\"a.b\""), badName.both());
  }

  private static String[] buildArgs(Path events, String storeSpec) {
    return new String[] {
      "build", "--events", events.toString(), "--store", storeSpec, "--k", "10", "--threads", "2"
    };
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void activateUnknownVersion_exitsOneNamingIt() throws Exception {
    Captured run = run("activate", "--store", store, "v-nope");
    assertEquals(1, run.code(), run.both());
    assertTrue(run.err().contains("v-nope"), run.both());
  }

  @Test
  void export_writesOneLinePerCustomer_andGzipWhenNamedGz() throws Exception {
    Path plain = dir.resolve("out/recs.jsonl");
    Path gz = dir.resolve("out/recs.jsonl.gz");
    ok("export", "--store", store, "--out", plain.toString(), "--n", "5", "--threads", "2");
    ok("export", "--store", store, "--out", gz.toString(), "--n", "5", "--threads", "1");
    List<String> lines = Files.readAllLines(plain);
    long customers = 0;
    try (LocalModelStore opened = new LocalModelStore(dir.resolve("store"))) {
      for (Iterator<CustomerProfile> it = opened.profiles(); it.hasNext(); it.next()) {
        customers++;
      }
    }
    assertEquals(customers, lines.size());
    List<String> ids = new ArrayList<>();
    for (String line : lines) {
      JsonObject o = JsonParser.parseString(line).getAsJsonObject();
      ids.add(o.get("customer").getAsString());
      assertTrue(o.getAsJsonArray("items").size() <= 5, line);
    }
    assertEquals(customers, ids.stream().distinct().count());
    byte[] compressed = Files.readAllBytes(gz);
    assertEquals(0x1f, compressed[0] & 0xff);
    assertEquals(0x8b, compressed[1] & 0xff);
    try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
      assertEquals(Files.readString(plain), new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void exportType_writesTheNamedList_andAnUnknownTypeIsNamed() throws Exception {
    Path recent = dir.resolve("out/recent.jsonl");
    ok("export", "--store", store, "--out", recent.toString(), "--type", "recently-viewed");
    for (String line : Files.readAllLines(recent)) {
      JsonObject o = JsonParser.parseString(line).getAsJsonObject();
      assertTrue(o.getAsJsonArray("items").size() > 0, line);
    }
    Captured bad = run("export", "--store", store, "--out", recent.toString(), "--type", "for-me");
    assertEquals(2, bad.code(), bad.both());
    assertTrue(bad.err().contains("unknown list type \"for-me\""), bad.both());
  }
}
