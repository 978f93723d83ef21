package dev.alike.function;

import dev.alike.serving.Json;
import dev.alike.store.CustomerProfile;
import dev.alike.store.ModelStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;

/**
 * The demo storefront, served only when {@code ALIKE_DEMO=true}: a static page under {@code /demo/}
 * (HTML, CSS and JavaScript from the classpath folder {@code demo/}, no build step) that calls the
 * public API as a shop's front end would; {@code GET /demo/catalog.jsonl}, the shipped sample's
 * catalog (the product names the page shows, as a shop's front end has its own); and {@code GET
 * /demo/customers}, the customer picker's list. {@code /demo} without the slash redirects to {@code
 * /demo/} so that the page's relative URLs (its assets, {@code ../recommendations}) also resolve
 * behind a path prefix.
 *
 * <p>Unknown paths under {@code /demo/} are 404s. Thread-safe: the assets are read once, at
 * construction.
 */
final class DemoPage {
  /** The page's root; {@code /demo} redirects here. */
  static final String ROOT = "/demo/";

  /** Customers offered by the picker: enough to try a few, few enough to scan a select. */
  static final int CUSTOMERS = 24;

  /** A demo answer: status, content type, body, and a {@code Location} for redirects. */
  record Content(int status, String contentType, String body, String location) {}

  private static final String HTML = "text/html; charset=utf-8";
  private static final String CSS = "text/css; charset=utf-8";
  private static final String JS = "text/javascript; charset=utf-8";
  private static final String JSON_LINES = "application/jsonl; charset=utf-8";

  /** Path under {@link #ROOT} to (content type, body). */
  private final Map<String, Content> assets;

  private final Supplier<ModelStore> store;

  /**
   * @param store the function's store, opened lazily by the caller; read only for the customers
   * @throws UncheckedIOException when an asset is missing from the classpath (a broken build)
   */
  DemoPage(Supplier<ModelStore> store) {
    this.store = store;
    this.assets =
        Map.of(
            "", asset("index.html", HTML),
            "demo.css", asset("demo.css", CSS),
            "demo.js", asset("demo.js", JS),
            "catalog.jsonl", asset("sample/catalog.jsonl.gz", JSON_LINES));
  }

  /** Whether {@code rawPath} (as requested, trailing slash kept) belongs to the demo. */
  static boolean owns(String rawPath) {
    return rawPath.equals("/demo") || rawPath.startsWith(ROOT);
  }

  /**
   * The answer to {@code GET rawPath}, a path {@link #owns} accepted; null for an unknown path (the
   * caller's 404).
   */
  Content get(String rawPath) {
    if (rawPath.equals("/demo")) {
      return new Content(308, null, null, "demo/");
    }
    String rest = rawPath.substring(ROOT.length());
    if (rest.equals("customers")) {
      return new Content(200, RecommendFunction.JSON, customersJson(), null);
    }
    return assets.get(rest);
  }

  /**
   * {@code {"customers": [{"customer": "c1", "skus": 12}, ...]}}: the {@link #CUSTOMERS} stored
   * customers with the most SKUs (whose rows show personalization best), sorted by id; empty when
   * no profile is stored.
   */
  private String customersJson() {
    Comparator<CustomerProfile> fewerFirst =
        Comparator.<CustomerProfile>comparingInt(p -> p.scores().size())
            .thenComparing(CustomerProfile::customer, Comparator.reverseOrder());
    PriorityQueue<CustomerProfile> top = new PriorityQueue<>(CUSTOMERS + 1, fewerFirst);
    for (Iterator<CustomerProfile> it = store.get().profiles(); it.hasNext(); ) {
      top.add(it.next());
      if (top.size() > CUSTOMERS) {
        top.poll();
      }
    }
    List<CustomerProfile> chosen = new ArrayList<>(top);
    chosen.sort(Comparator.comparing(CustomerProfile::customer));
    return Json.write(
        w -> {
          w.beginObject().name("customers").beginArray();
          for (CustomerProfile p : chosen) {
            w.beginObject().name("customer").value(p.customer());
            w.name("skus").value(p.scores().size()).endObject();
          }
          w.endArray().endObject();
        });
  }

  private static Content asset(String name, String contentType) {
    String resource = "/demo/" + name;
    InputStream found = DemoPage.class.getResourceAsStream(resource);
    if (found == null) {
      throw new UncheckedIOException(new IOException("demo asset missing: " + resource));
    }
    try (InputStream in = name.endsWith(".gz") ? new GZIPInputStream(found) : found) {
      return new Content(
          200, contentType, new String(in.readAllBytes(), StandardCharsets.UTF_8), null);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read demo asset " + resource, e);
    }
  }
}
