package dev.alike.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateCommandTest {
  @TempDir Path dir;

  /** Two taste groups of 20 users over 20 movies each, ratings with timestamps. */
  private Path tinyMovieLens() throws Exception {
    StringBuilder s = new StringBuilder();
    Random random = new Random(3);
    for (int u = 0; u < 40; u++) {
      int offset = u < 20 ? 0 : 20;
      for (int m = 0; m < 20; m++) {
        if (random.nextDouble() < 0.5) {
          s.append(u).append('\t').append(offset + m).append('\t').append(1 + random.nextInt(5));
          s.append('\t').append(880_000_000L + random.nextInt(1_000_000)).append('\n');
        }
      }
    }
    return Files.writeString(dir.resolve("u.data"), s);
  }

  @Test
  void evaluate_printsTableAndWritesJson() throws Exception {
    Path data = tinyMovieLens();
    Path json = dir.resolve("report.json");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream old = System.out;
    int code;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      code =
          Main.run(
              "evaluate",
              "--data",
              data.toString(),
              "--seeds",
              "2",
              "--similarity",
              "cosine,tfidf",
              "--split",
              "temporal",
              "--json",
              json.toString());
    } finally {
      System.setOut(old);
    }
    String text = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, text);
    assertTrue(text.contains("alike tfidf k=50"), text);
    assertTrue(text.contains("most popular"), text);
    String report = Files.readString(json);
    assertTrue(report.contains("\"split\": \"temporal\""), report);
    assertTrue(report.contains("\"ndcg\""), report);
  }

  @Test
  void unknownSimilarity_exitsWithOneAndNamesIt() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = runWithErr(err, "--similarity", "pearson");
    assertEquals(1, code);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("pearson"));
  }

  @Test
  void unknownSplit_exitsWithTwoAndNamesTheChoices() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = runWithErr(err, "--split", "weekly");
    String text = err.toString(StandardCharsets.UTF_8);
    assertEquals(2, code, text);
    assertTrue(text.contains("weekly") && text.contains("TEMPORAL"), text);
  }

  /** {@code evaluate --data <tiny MovieLens> flags}, its standard error into {@code err}. */
  private int runWithErr(ByteArrayOutputStream err, String... flags) throws Exception {
    Path data = tinyMovieLens();
    List<String> args = new ArrayList<>(List.of("evaluate", "--data", data.toString()));
    args.addAll(List.of(flags));
    PrintStream old = System.err;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      return Main.run(args.toArray(new String[0]));
    } finally {
      System.setErr(old);
    }
  }
}
