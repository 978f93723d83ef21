package dev.alike.function;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alike.store.InMemoryModelStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fuzzer's requests over real HTTP on the Functions Framework invoker (Jetty), sent byte for
 * byte on a socket: java.net.http would refuse targets like {@code %zz} before sending them.
 */
class FunctionFuzzIT {
  static final int REQUESTS = 3_000;
  private static LocalServer server;

  @BeforeAll
  static void start() throws Exception {
    InMemoryModelStore store = TestModels.store(5);
    FunctionConfig config =
        FunctionConfig.from(
            Map.of(
                "ALIKE_ALLOWED_ORIGINS",
                "https://shop.example",
                // the store is in memory: no answer file beside ./alike-data
                FunctionConfig.RECORD_ANSWERS,
                "false"));
    server = LocalServer.start(config, store, 0);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void hostileRequestsOverHttp_neverGet5xx_andEvery4xxIsAJsonError() throws IOException {
    RequestFuzzer fuzzer = new RequestFuzzer(77L);
    int ok = 0;
    for (int i = 0; i < REQUESTS; i++) {
      RequestFuzzer.Fuzzed r = fuzzer.next();
      Raw answer = send(r);
      RequestFuzzer.check(r, answer.status, answer.body);
      ok += answer.status == 200 ? 1 : 0;
    }
    assertTrue(ok > REQUESTS / 20, "only " + ok + " answers of 200");
  }

  record Raw(int status, String body) {}

  private static Raw send(RequestFuzzer.Fuzzed r) throws IOException {
    byte[] body = r.body() == null ? new byte[0] : r.body().getBytes(StandardCharsets.UTF_8);
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      String head =
          r.method()
              + " "
              + r.target()
              + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
              + (r.body() == null
                  ? ""
                  : "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n")
              + "\r\n";
      out.write(head.getBytes(StandardCharsets.ISO_8859_1));
      out.write(body);
      out.flush();
      return parse(socket.getInputStream().readAllBytes());
    }
  }

  /** Status and body of an HTTP/1.1 response read to the end (Content-Length or chunked). */
  private static Raw parse(byte[] response) {
    String all = new String(response, StandardCharsets.ISO_8859_1);
    int split = all.indexOf("\r\n\r\n");
    String head = all.substring(0, split);
    int status = Integer.parseInt(head.substring(9, 12));
    String rest = all.substring(split + 4);
    if (head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      int at = 0;
      while (true) {
        int eol = rest.indexOf("\r\n", at);
        int size = Integer.parseInt(rest.substring(at, eol).trim(), 16);
        if (size == 0) {
          break;
        }
        body.writeBytes(
            rest.substring(eol + 2, eol + 2 + size).getBytes(StandardCharsets.ISO_8859_1));
        at = eol + 2 + size + 2;
      }
      rest = body.toString(StandardCharsets.ISO_8859_1);
    }
    byte[] bytes = rest.getBytes(StandardCharsets.ISO_8859_1);
    return new Raw(status, new String(bytes, StandardCharsets.UTF_8));
  }
}
