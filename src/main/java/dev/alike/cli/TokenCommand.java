package dev.alike.cli;

import dev.alike.function.CustomerTokens;
import dev.alike.job.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code alike token}: mints a signed customer token (or, with {@code --catalog}, a catalog token)
 * with the secret in {@value CustomerTokens#SECRET}, as a shop's back end would (README.md shows
 * the same in a few lines of Node, Python and Java). The secret is read from the environment, never
 * from a flag, so it stays out of shell history and process lists.
 */
@Command(
    name = "token",
    mixinStandardHelpOptions = true,
    description =
        "Print a signed token for a customer or for catalog updates (HS256 JWT, secret from "
            + CustomerTokens.SECRET
            + ").")
final class TokenCommand implements Callable<Integer> {
  @Option(names = "--customer", description = "The customer id (the sub claim).")
  String customer;

  @Option(
      names = "--catalog",
      description = "A catalog token instead, for POST /catalog (claim scope=catalog).")
  boolean catalog;

  @Option(
      names = "--ttl",
      defaultValue = "1h",
      description = "How long the token is valid: 90s, 30m, 24h, 7d (default ${DEFAULT-VALUE}).")
  String ttl;

  @Override
  public Integer call() {
    // The function's own reading of the secret (same trimming, same length check).
    CustomerTokens tokens = CustomerTokens.from(System.getenv(), false);
    if (!tokens.enabled()) {
      throw new IllegalArgumentException(
          CustomerTokens.SECRET + " is not set (make one with: openssl rand -base64 48)");
    }
    double seconds = Durations.seconds(ttl);
    if (seconds <= 0) {
      throw new IllegalArgumentException("--ttl must be positive, was \"" + ttl + "\"");
    }
    Instant expires = Instant.now().plus(Duration.ofMillis((long) (seconds * 1000)));
    if ((customer == null) == !catalog) {
      throw new IllegalArgumentException("give exactly one of --customer C and --catalog");
    }
    System.out.println(catalog ? tokens.mintCatalog(expires) : tokens.mint(customer, expires));
    return 0;
  }
}
