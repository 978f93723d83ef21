package dev.alike.cli;

import dev.alike.events.EventWeights;
import dev.alike.function.EventsConfig;
import dev.alike.function.StoreQueries;
import dev.alike.store.ModelStore;
import dev.alike.store.Stores;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code alike similar} and {@code alike recommend}: the function's answers on the command line,
 * computed by the same code from the same store, printed as the API's JSON.
 */
final class QueryCommands {
  private QueryCommands() {}

  /** Options shared by both commands. */
  abstract static class Base implements Callable<Integer> {
    @Mixin StoreOption store;

    @Option(
        names = "--n",
        defaultValue = "10",
        description = "Items (1..100, default ${DEFAULT-VALUE}).")
    int n;

    @Option(
        names = "--param",
        description =
            "Any other API parameter as name=value, e.g. category=shoes, attr.gender=female,"
                + " exclude=a,b, same=category.")
    List<String> extra = new ArrayList<>();

    Map<String, List<String>> params() {
      Map<String, List<String>> params = new LinkedHashMap<>();
      params.put("n", List.of(Integer.toString(n)));
      for (String p : extra) {
        int eq = p.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException("--param \"" + p + "\" is not name=value");
        }
        params.computeIfAbsent(p.substring(0, eq), k -> new ArrayList<>()).add(p.substring(eq + 1));
      }
      return params;
    }

    abstract String query(StoreQueries queries, Map<String, List<String>> params);

    @Override
    public Integer call() {
      try (ModelStore opened = Stores.open(store.spec)) {
        // Session events weighted as the function weights them: ALIKE_WEIGHTS, as `serve` reads it.
        EventWeights weights = EventsConfig.from(System.getenv()).weights();
        System.out.println(query(new StoreQueries(opened, weights), params()));
      }
      return 0;
    }
  }

  @Command(
      name = "similar",
      mixinStandardHelpOptions = true,
      description = "Similar products of a SKU, as GET /similar answers.")
  static final class Similar extends Base {
    @Option(names = "--sku", required = true, description = "The product.")
    String sku;

    @Override
    String query(StoreQueries queries, Map<String, List<String>> params) {
      params.put("sku", List.of(sku));
      return queries.similar(params);
    }
  }

  @Command(
      name = "recommend",
      mixinStandardHelpOptions = true,
      description = "Recommended for a customer, as GET /recommendations answers.")
  static final class Recommend extends Base {
    @Option(names = "--customer", description = "A stored customer (optional with --with).")
    String customer;

    @Option(names = "--with", description = "Session interactions: sku:event,sku:event.")
    String with;

    @Override
    String query(StoreQueries queries, Map<String, List<String>> params) {
      if (customer != null) {
        params.put("customer", List.of(customer));
      }
      if (with != null) {
        params.put("with", List.of(with));
      }
      return queries.recommend(params);
    }
  }
}
