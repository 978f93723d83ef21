package dev.alike.realtime;

import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A local HTTP endpoint for a push subscription of the emulator: hands each body to {@link
 * PushHandler} and answers its status, and records every delivery (message id, status) so tests can
 * see redeliveries. {@code override} may replace the status of a delivery (e.g. fail the first one
 * after it was applied, as a lost acknowledgement would).
 */
final class PushServer implements AutoCloseable {
  record Delivery(String messageId, int status) {}

  private final HttpServer server;
  final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

  PushServer(PushHandler handler, Function<Delivery, Integer> override) {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext(
        "/push",
        exchange -> {
          String body;
          try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          }
          PushHandler.Outcome outcome = handler.handle(body);
          String id = messageId(body);
          Delivery d = new Delivery(id, outcome.status());
          int status = override.apply(d);
          deliveries.add(new Delivery(id, status));
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.start();
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/push";
  }

  long deliveriesOf(String messageId) {
    return deliveries.stream().filter(d -> messageId.equals(d.messageId())).count();
  }

  private static String messageId(String body) {
    try {
      return JsonParser.parseString(body)
          .getAsJsonObject()
          .getAsJsonObject("message")
          .get("messageId")
          .getAsString();
    } catch (RuntimeException e) {
      return null;
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
