package dev.alike.simulate;

import dev.alike.experiment.Outcome;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Replays held-out behaviour through the API: each simulated day a random sample of the customers
 * asks for a placement's list, and reacts to it as {@link Behaviour} says; what they do is posted
 * back as events carrying the answer's attribution.
 *
 * <p>The days run one after another as fast as the server answers, on a {@link SimulatedClock} that
 * the server's answer recorder shares: each day starts at its own midnight UTC (the last one
 * today), answers are stamped with that clock and events with the second they are posted, right
 * after the answer that caused them. So every outcome falls within the report's attribution window
 * of its answer and after it, and the report's per-day rows are the simulated days.
 */
public final class ShopSimulator {
  /**
   * @param days simulated days
   * @param customersPerDay customers sampled (without repeats) each day
   * @param n items asked per list
   */
  public record Settings(
      int days, int customersPerDay, int n, String placement, Behaviour behaviour, long seed) {
    public Settings {
      if (days < 1 || customersPerDay < 1 || n < 1) {
        throw new IllegalArgumentException(
            "days, customers per day and n must be >= 1, were "
                + days
                + ", "
                + customersPerDay
                + ", "
                + n);
      }
    }
  }

  /** What the simulator sent for one variant, as the answers named it. */
  public static final class Sent {
    private final Set<String> customers = new HashSet<>();
    private long answers;
    private long impressions;
    private final long[] outcomes = new long[Outcome.Kind.values().length];

    public int customers() {
      return customers.size();
    }

    public long answers() {
      return answers;
    }

    public long impressions() {
      return impressions;
    }

    /** Events of {@code kind} posted for answers of this variant. */
    public long posted(Outcome.Kind kind) {
      return outcomes[kind.ordinal()];
    }
  }

  /**
   * The run's totals.
   *
   * @param variants what was sent per variant name, sorted by name
   * @param requests lists asked for
   * @param untokened answers without an attribution token (their events went without one)
   */
  public record Run(Map<String, Sent> variants, long requests, long untokened) {}

  private final Settings settings;

  public ShopSimulator(Settings settings) {
    this.settings = settings;
  }

  /**
   * Runs every day against {@code client} for the customers of {@code history}.
   *
   * @throws IllegalStateException when the server refuses a request (nothing is retried)
   */
  public Run run(ShopClient client, ShopHistory history, SimulatedClock clock) {
    SplittableRandom random = new SplittableRandom(settings.seed());
    List<String> customers = new ArrayList<>(history.futures().keySet());
    Map<String, Set<String>> futures = new LinkedHashMap<>();
    history.futures().forEach((c, skus) -> futures.put(c, new HashSet<>(skus)));
    Map<String, Sent> variants = new TreeMap<>();
    long requests = 0;
    long untokened = 0;
    for (int day = 1; day <= settings.days(); day++) {
      clock.startDay(day);
      long clicks = 0;
      List<String> today = sample(customers, settings.customersPerDay(), random);
      for (String customer : today) {
        ShopClient.Answer answer = client.recommend(settings.placement(), customer, settings.n());
        requests++;
        if (answer.attribution() == null) {
          untokened++;
        }
        Sent sent = variants.computeIfAbsent(answer.variant(), v -> new Sent());
        sent.customers.add(customer);
        sent.answers++;
        sent.impressions += answer.skus().size();
        List<Behaviour.Act> acts =
            settings.behaviour().react(answer.skus(), futures.get(customer), random);
        client.post(customer, acts, answer.attribution(), clock.getAsLong() / 1000);
        for (Behaviour.Act act : acts) {
          sent.outcomes[act.kind().ordinal()]++;
          clicks += act.kind() == Outcome.Kind.CLICK ? 1 : 0;
        }
      }
      log(
          String.format(
              "day %d/%d: %,d customers asked, %,d clicks",
              day, settings.days(), today.size(), clicks));
    }
    return new Run(variants, requests, untokened);
  }

  /** {@code k} distinct customers drawn at random (all of them when there are fewer). */
  private static List<String> sample(List<String> all, int k, SplittableRandom random) {
    List<String> pool = new ArrayList<>(all);
    int take = Math.min(k, pool.size());
    for (int i = 0; i < take; i++) {
      int j = i + random.nextInt(pool.size() - i);
      String t = pool.get(i);
      pool.set(i, pool.get(j));
      pool.set(j, t);
    }
    return pool.subList(0, take);
  }

  private static void log(String line) {
    System.getLogger(ShopSimulator.class.getName()).log(System.Logger.Level.INFO, line);
  }
}
