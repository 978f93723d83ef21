package dev.alike.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnswerRecordsTest {
  @Test
  void writtenLines_readBackEqual_withUnicodeAndSlashIds() throws IOException {
    Exposure e =
        new Exposure(
            1764576000123L,
            "kund/ä",
            "pdp",
            "ease",
            "r-1",
            "v20261207-101500-000",
            List.of("a/b", "é\"x", "s3"));
    List<Exposure> read = new ArrayList<>();
    AnswerRecords.Counts counts =
        AnswerRecords.read(
            new ByteArrayInputStream(
                (AnswerRecords.line(e) + "\n\n").getBytes(StandardCharsets.UTF_8)),
            "answers.jsonl",
            read::add);
    assertEquals(List.of(e), read);
    assertEquals(0, counts.rejected());
  }

  @Test
  void badLines_areCountedWithTheirReason_andTheRestRead() throws IOException {
    String text =
        """
        {"at": 1, "customer": "c1", "placement": "home", "variant": "ease", "skus": ["a"]}
        {"at": "yesterday", "customer": "c1", "placement": "home", "variant": "ease", "skus": []}
        {"at": 2, "placement": "home", "variant": "ease", "skus": []}
        {"at": 3, "customer": "c1", "placement": "home", "variant": "ease", "skus": [7]}
        not json
        {"at": 4, "customer": "c2", "placement": "", "variant": "holdout", "skus": [], "new": {}}
        """;
    List<Exposure> read = new ArrayList<>();
    AnswerRecords.Counts counts =
        AnswerRecords.read(
            new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "a.jsonl", read::add);
    assertEquals(2, read.size());
    assertEquals(4, counts.rejected());
    assertTrue(counts.examples().get(0).startsWith("a.jsonl:2: "), counts.examples().get(0));
    assertTrue(counts.examples().get(1).contains("\"customer\" missing"), counts.examples().get(1));
    assertTrue(counts.examples().get(2).contains("non-string"), counts.examples().get(2));
  }
}
