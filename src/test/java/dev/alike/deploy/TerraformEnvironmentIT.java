package dev.alike.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.pubsub.v1.TopicName;
import dev.alike.experiment.AnswerRecords;
import dev.alike.experiment.Exposure;
import dev.alike.job.EventFiles;
import dev.alike.realtime.PubSubEmulatorExtension;
import dev.alike.store.EmulatorProcesses;
import dev.alike.store.FirestoreEmulatorExtension;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every entry point starts with exactly what Terraform gives it. {@code node
 * .ci/terraform-check/environments.mjs} derives from terraform/*.tf, for every combination of
 * public_function, require_customer_token, build_engine and placements, each function's entry
 * point, plain environment and secret variable names, and the job's main class, arguments and
 * environment. Each distinct one is started once, in its own JVM whose environment is that and
 * nothing else but the platform's (the emulators' hosts, the project, the port): the job builds a
 * model into the Firestore emulator, then each function answers its contract (/healthz; a Pub/Sub
 * push).
 *
 * <p>Values only known after apply are replaced by their emulator equivalents (the topic id, the
 * bucket names, over an in-memory Cloud Storage, where the job also finds a recorded answer and
 * writes its experiment report, and the placements object, whose experiment makes the job build a
 * variant model); a secret gets a test value. A function given placements is asked only what reads
 * no placements (/healthz, a push): it has no Cloud Storage stand-in to read them from. One value
 * is changed: ALIKE_REALTIME_WAIT (660 s in production) is 0 s, after checking Terraform's value is
 * whole seconds. The Dataflow launcher is not started (it needs Dataflow); its environment is
 * asserted equal to the single-machine job's, which is started.
 */
@ExtendWith({FirestoreEmulatorExtension.class, PubSubEmulatorExtension.class})
class TerraformEnvironmentIT {
  private static final Path ROOT = Path.of("").toAbsolutePath();
  private static final Path CHECK = ROOT.resolve(".ci/terraform-check");
  private static final String SKIPPED = "TERRAFORM ENVIRONMENT TEST SKIPPED";
  private static final String JAVA =
      ProcessHandle.current()
          .info()
          .command()
          .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @Test
  void everyEntryPoint_startsWithTerraformsEnvironment(
      FirestoreEmulatorExtension.Emulator firestore,
      PubSubEmulatorExtension.Emulator pubsub,
      @TempDir Path dir)
      throws Exception {
    JsonArray combinations = deriveFromTerraform();
    assertEquals(
        24,
        combinations.size(),
        "2 public_function x 3 require_customer_token x 2 engines x 2 placements");

    String project = pubsub.newProject();
    String topic = TopicName.of(project, "events").toString();
    String answersTopic = TopicName.of(project, "answers").toString();
    try (var topics = pubsub.topics()) {
      topics.createTopic(topic);
      topics.createTopic(answersTopic);
    }
    Map<String, String> afterApply =
        Map.of(
            "${google_pubsub_topic.events.id}",
            topic,
            "${google_pubsub_topic.answers.id}",
            answersTopic,
            "${google_storage_bucket.events.name}",
            "events-bucket",
            "${google_storage_bucket.artifacts.name}",
            "artifacts-bucket");
    Map<String, String> platform = new TreeMap<>();
    platform.put("FIRESTORE_EMULATOR_HOST", firestore.host());
    platform.put("PUBSUB_EMULATOR_HOST", pubsub.host());
    platform.put("GOOGLE_CLOUD_PROJECT", project);

    // The job: one start per distinct environment of the single-machine engine.
    Map<Map<String, String>, String> jobs = new LinkedHashMap<>();
    Map<String, Map<String, String>> singleMachineByOtherVars = new TreeMap<>();
    for (JsonElement c : combinations) {
      JsonObject vars = c.getAsJsonObject().getAsJsonObject("vars");
      JsonObject job = c.getAsJsonObject().getAsJsonObject("job");
      Map<String, String> env = resolve(strings(job.getAsJsonObject("env")), afterApply);
      String others = others(vars);
      JsonObject fn = c.getAsJsonObject().getAsJsonArray("functions").get(0).getAsJsonObject();
      assertEquals(
          strings(fn.getAsJsonObject("env")).get("ALIKE_PLACEMENTS"),
          env.get("ALIKE_PLACEMENTS"),
          "the job builds the variants of the placements the function serves: " + vars);
      // The experiment report's inputs and output: the answers beside the events, outside their
      // prefix; the report in the private artifacts bucket.
      assertEquals("gs://events-bucket/answers/", env.get("ALIKE_ANSWERS"), vars.toString());
      assertEquals(
          "gs://artifacts-bucket/experiments/",
          env.get("ALIKE_EXPERIMENT_REPORT"),
          vars.toString());
      assertFalse(
          env.get("ALIKE_ANSWERS").startsWith(env.get("ALIKE_EVENTS")),
          "the build would read answers as events");
      if (vars.get("build_engine").getAsString().equals("single-machine")) {
        assertEquals("dev.alike.cli.BuildJob", job.get("mainClass").getAsString());
        assertEquals(0, job.getAsJsonArray("args").size(), "the single-machine job takes no args");
        singleMachineByOtherVars.put(others, env);
        jobs.putIfAbsent(env, vars.toString());
      }
    }
    for (JsonElement c : combinations) {
      JsonObject vars = c.getAsJsonObject().getAsJsonObject("vars");
      JsonObject job = c.getAsJsonObject().getAsJsonObject("job");
      if (vars.get("build_engine").getAsString().equals("dataflow")) {
        assertEquals("dev.alike.beam.BeamMain", job.get("mainClass").getAsString());
        String others = others(vars);
        assertEquals(
            singleMachineByOtherVars.get(others),
            resolve(strings(job.getAsJsonObject("env")), afterApply),
            "the Dataflow launcher reads the same build settings: " + vars);
      }
    }
    Path events = EventFiles.writeSmall(dir.resolve("events.jsonl"));
    // An experiment whose variants need a model besides the job's own (x-models' variants).
    Path placements = dir.resolve("placements.json");
    Files.writeString(
        placements,
        "{\"placements\": {\"home\": {\"list\": \"for-you\", \"n\": 12}},"
            + " \"experiments\": {\"home-models\": {\"placements\": [\"home\"],"
            + " \"variants\": {\"holdout\": {\"share\": 0.05, \"list\": \"popular\"},"
            + " \"tfidf\": {\"share\": 0.95, \"similarity\": \"tfidf\"}}}}}");
    Path answers = dir.resolve("answers.jsonl");
    Files.writeString(
        answers,
        AnswerRecords.line(
                new Exposure(1_000_000L, "c1", "home", "default", "r1", List.of("s1", "s2")))
            + "\n");
    for (Map.Entry<Map<String, String>, String> job : jobs.entrySet()) {
      Map<String, String> env = new TreeMap<>(job.getKey());
      String wait = env.get("ALIKE_REALTIME_WAIT");
      if (wait != null) {
        assertTrue(wait.matches("\\d+s"), "ALIKE_REALTIME_WAIT " + wait);
        env.put("ALIKE_REALTIME_WAIT", "0s");
      }
      env.putAll(platform);
      Started run =
          Started.run(
              List.of(
                  JAVA,
                  "-cp",
                  System.getProperty("java.class.path"),
                  "-Dalike.test.events=" + events,
                  "-Dalike.test.answers=" + answers,
                  "-Dalike.test.placements=" + placements,
                  "dev.alike.cli.JobOnLocalStorage"),
              env,
              dir.resolve("job.log"));
      assertTrue(run.process.waitFor(3, TimeUnit.MINUTES), "job did not finish: " + run.log());
      assertEquals(0, run.process.exitValue(), "job with " + job.getValue() + ": " + run.log());
      assertTrue(run.log().contains("build report"), run.log());
      String report = env.get("ALIKE_EXPERIMENT_REPORT");
      assertTrue(run.log().contains("written: " + report + "latest/report.json"), run.log());
      assertTrue(run.log().contains("written: " + report + "latest/report.html"), run.log());
      assertFalse(run.log().contains("experiment report not written"), run.log());
      if (env.containsKey("ALIKE_PLACEMENTS")) {
        assertTrue(run.log().contains("building model "), "variant models: " + run.log());
      }
    }

    // The functions: one start per distinct entry point, environment and secret names.
    Map<String, FunctionStart> starts = new LinkedHashMap<>();
    for (JsonElement c : combinations) {
      for (JsonElement f : c.getAsJsonObject().getAsJsonArray("functions")) {
        JsonObject fn = f.getAsJsonObject();
        Map<String, String> env = resolve(strings(fn.getAsJsonObject("env")), afterApply);
        assertEquals(answersTopic, env.get("ALIKE_ANSWERS_TOPIC"), "answers are recorded");
        for (JsonElement secret : fn.getAsJsonArray("secrets")) {
          env.put(secret.getAsString(), "test-secret-" + UUID.randomUUID() + UUID.randomUUID());
        }
        String key =
            fn.get("entryPoint").getAsString() + " " + new TreeMap<>(withoutSecretValues(env, fn));
        starts.putIfAbsent(
            key,
            new FunctionStart(
                fn.get("entryPoint").getAsString(),
                env,
                c.getAsJsonObject().get("vars").toString()));
      }
    }
    assertTrue(starts.size() >= 2, starts.keySet().toString());
    int n = 0;
    for (FunctionStart start : starts.values()) {
      String entryPoint = start.entryPoint();
      Map<String, String> env = new TreeMap<>(start.env());
      String vars = start.vars();
      int port = EmulatorProcesses.freePort();
      env.putAll(platform);
      env.put("PORT", Integer.toString(port));
      Started fn =
          Started.run(
              List.of(
                  JAVA,
                  "-cp",
                  System.getProperty("java.class.path"),
                  "com.google.cloud.functions.invoker.runner.Invoker",
                  "--target",
                  entryPoint),
              env,
              dir.resolve("function-" + n++ + ".log"));
      try {
        String what = entryPoint + " with " + vars + " (" + env.keySet() + ")";
        if (entryPoint.equals("dev.alike.function.RecommendFunction")) {
          HttpResponse<String> r = waitForAnswer(fn, port, "/healthz", null, what);
          assertEquals(200, r.statusCode(), what + ": " + r.body());
          assertTrue(r.body().contains("\"status\":\"ok\""), r.body());
        } else if (entryPoint.equals("dev.alike.function.EventsPushFunction")) {
          String data =
              "{\"customer\":\"env-c1\",\"sku\":\"s1\",\"event\":\"purchased\",\"ts\":1}\n";
          String push =
              "{\"message\":{\"messageId\":\""
                  + UUID.randomUUID()
                  + "\",\"data\":\""
                  + Base64.getEncoder().encodeToString(data.getBytes(StandardCharsets.UTF_8))
                  + "\"}}";
          HttpResponse<String> r = waitForAnswer(fn, port, "/", push, what);
          assertEquals(204, r.statusCode(), what + ": " + r.body());
        } else {
          fail("no contract known for entry point " + entryPoint + " (" + what + ")");
        }
      } finally {
        fn.stop();
      }
    }
    System.err.println(
        "Terraform environments: "
            + combinations.size()
            + " combinations; started the job "
            + jobs.size()
            + " time(s) and functions "
            + starts.size()
            + " time(s)");
  }

  /**
   * Runs environments.mjs; skips (loudly, .ci/run fails on it) when node or its packages are
   * missing.
   */
  private static JsonArray deriveFromTerraform() throws Exception {
    boolean ready = Files.isDirectory(CHECK.resolve("node_modules/@cdktf/hcl2json"));
    if (!ready) {
      System.err.println(SKIPPED + ": run npm ci in " + CHECK);
    }
    Assumptions.assumeTrue(ready, SKIPPED);
    Process node;
    try {
      node =
          new ProcessBuilder("node", CHECK.resolve("environments.mjs").toString(), ROOT.toString())
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
    } catch (IOException e) {
      System.err.println(SKIPPED + ": node not found (" + e.getMessage() + ")");
      Assumptions.abort(SKIPPED);
      throw e;
    }
    String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, node.waitFor(), "environments.mjs failed: " + out);
    return JsonParser.parseString(out).getAsJsonArray();
  }

  /** The variables that change the job's environment, except the engine. */
  private static String others(JsonObject vars) {
    return vars.get("public_function")
        + "/"
        + vars.get("require_customer_token")
        + "/"
        + vars.get("placements");
  }

  private static Map<String, String> strings(JsonObject o) {
    Map<String, String> out = new TreeMap<>();
    o.entrySet().forEach(e -> out.put(e.getKey(), e.getValue().getAsString()));
    return out;
  }

  /** Replaces each after-apply reference by its emulator value; any other one fails the test. */
  private static Map<String, String> resolve(
      Map<String, String> env, Map<String, String> afterApply) {
    Map<String, String> out = new TreeMap<>();
    env.forEach(
        (k, v) -> {
          String r = v;
          for (Map.Entry<String, String> ref : afterApply.entrySet()) {
            r = r.replace(ref.getKey(), ref.getValue());
          }
          assertFalse(
              r.contains("${"),
              k + "=" + v + " refers to something this test does not stand in for");
          out.put(k, r);
        });
    return out;
  }

  private static Map<String, String> withoutSecretValues(Map<String, String> env, JsonObject fn) {
    Map<String, String> out = new TreeMap<>(env);
    fn.getAsJsonArray("secrets").forEach(s -> out.put(s.getAsString(), "(secret)"));
    return out;
  }

  /** A function to start: its entry point, environment, and the first combination giving it. */
  private record FunctionStart(String entryPoint, Map<String, String> env, String vars) {}

  /**
   * Polls until the function answers other than 503 (or its JVM exits: a crash at start fails with
   * its log).
   */
  private HttpResponse<String> waitForAnswer(
      Started fn, int port, String path, String post, String what) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      if (!fn.process.isAlive()) {
        fail(what + " exited at start with " + fn.process.exitValue() + ":\n" + fn.log());
      }
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
              .timeout(Duration.ofSeconds(30));
      if (post != null) {
        request
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(post));
      }
      try {
        HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 500 && fn.log().contains("Could not construct an instance")) {
          fail(what + " failed to start:\n" + fn.log());
        }
        // 503 asks the caller to retry (a health check, Pub/Sub's redelivery): the first store
        // call of a cold instance may outlast its deadline on a loaded machine.
        if (r.statusCode() != 503 || System.nanoTime() > deadline) {
          return r;
        }
        Thread.sleep(500);
      } catch (IOException notYet) {
        Thread.sleep(200);
      }
    }
    fail(what + " did not answer within 120 s:\n" + fn.log());
    return null;
  }

  /** A child JVM with exactly {@code env}, output to {@code log}. */
  private record Started(Process process, Path logFile) {
    static Started run(List<String> command, Map<String, String> env, Path log) throws IOException {
      ProcessBuilder b =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      b.environment().clear();
      b.environment().putAll(env);
      return new Started(b.start(), log);
    }

    String log() {
      try {
        return Files.readString(logFile);
      } catch (IOException e) {
        return "(no log: " + e + ")";
      }
    }

    void stop() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}
