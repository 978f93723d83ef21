package dev.alike.function;

import com.google.cloud.functions.HttpRequest;
import dev.alike.serving.Json;
import dev.alike.store.CatalogReader;
import dev.alike.store.CatalogUpdate;
import dev.alike.store.ModelStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * {@code POST /catalog}: a shop's back end sends the SKUs whose availability, price, category,
 * attributes, title or description changed, in the catalog's JSON Lines (one SKU per line, a field
 * present replaces that field), at most {@value #MAX_BYTES} bytes; larger feeds go through {@code
 * alike catalog-update --file}. The update is recorded in the store ({@link CatalogUpdate}: any bad
 * line refuses it whole, 400 naming the line and its value) and answered 200 {@code {"skus": n,
 * "unavailable": u, "available": a, "prices": p}}; every instance serves it within its check
 * interval.
 *
 * <p>Who may write: only with {@code ALIKE_CATALOG_WRITES=true} (else 403), a browser only from an
 * origin {@code POST /events} accepts, and always with a signed catalog token ({@code
 * Authorization: Bearer}, {@link CustomerTokens#checkCatalog}; 401 without).
 *
 * <p>The store write runs on the request's thread without the serving deadlines: a write abandoned
 * at a deadline could still land after its 503, and a shop's back end can wait (the store's own
 * call timeout bounds it).
 */
final class CatalogEndpoint {
  /** About 2,500 changed SKUs of 100 bytes: recorded well within the function's timeout. */
  static final int MAX_BYTES = 256 * 1024;

  private final FunctionConfig config;
  private final Cors cors;
  private final Supplier<ModelStore> store;

  /**
   * @param store the function's store, opened on first use
   */
  CatalogEndpoint(FunctionConfig config, Supplier<ModelStore> store) {
    this.config = config;
    this.cors = new Cors(config.allowedOrigins());
    this.store = store;
  }

  /** The answer to {@code POST /catalog} (the route answers other methods and the preflight). */
  Reply post(HttpRequest request) {
    if (!config.events().catalogWrites()) {
      return Reply.error(
          403,
          "catalog updates are off on this function ("
              + EventsConfig.CATALOG_WRITES
              + "); record them with alike catalog-update",
          null);
    }
    if (cors.refusesWrite(request)) {
      String origin = request.getFirstHeader("Origin").orElse("");
      return Reply.error(403, "origin " + origin + " may not update the catalog", "Origin");
    }
    Instant now = Instant.now();
    config.tokens().checkCatalog(HttpIo.bearer(request), now);
    String body = HttpIo.body(request, MAX_BYTES);
    if (body == null) {
      return Reply.error(
          413, "body over " + MAX_BYTES + " bytes: use alike catalog-update --file", "body");
    }
    CatalogReader.Changes read;
    try {
      read =
          CatalogReader.readChanges(
              new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), "body");
    } catch (IOException e) {
      throw new UncheckedIOException(e); // reading a byte array does not fail
    }
    CatalogUpdate.Summary s;
    try {
      s = CatalogUpdate.record(store.get(), read, "POST /catalog", now);
    } catch (CatalogUpdate.Refused e) {
      return Reply.error(400, e.getMessage(), "body");
    }
    String answer =
        Json.write(
            w ->
                w.beginObject()
                    .name("skus")
                    .value(s.skus())
                    .name("unavailable")
                    .value(s.unavailable())
                    .name("available")
                    .value(s.available())
                    .name("prices")
                    .value(s.prices())
                    .endObject());
    return new Reply(200, answer).with("Cache-Control", "no-store");
  }
}
