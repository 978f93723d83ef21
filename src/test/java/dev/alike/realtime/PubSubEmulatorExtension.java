package dev.alike.realtime;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.api.gax.rpc.TransportChannelProvider;
import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.cloud.pubsub.v1.SubscriptionAdminSettings;
import com.google.cloud.pubsub.v1.TopicAdminClient;
import com.google.cloud.pubsub.v1.TopicAdminSettings;
import dev.alike.store.EmulatorProcesses;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a real Pub/Sub emulator: the one named by {@code PUBSUB_EMULATOR_HOST} if set, else
 * one started from the Cloud SDK ({@value #EMULATOR}, or the path in the {@code
 * alike.pubsubEmulator} system property) on a free port, shared by the JVM's test classes and
 * stopped when they end. When neither exists the test class is skipped and {@code PUBSUB EMULATOR
 * NOT FOUND: Pub/Sub tests skipped} goes to stderr, so CI logs say which tests did not run.
 */
public final class PubSubEmulatorExtension implements BeforeAllCallback, ParameterResolver {
  static final String EMULATOR =
      "/usr/lib/google-cloud-sdk/platform/pubsub-emulator/bin/cloud-pubsub-emulator";

  /** A JVM start on a loaded 2-core machine takes seconds; give it two minutes. */
  private static final long START_TIMEOUT_MS = 120_000;

  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(PubSubEmulatorExtension.class);

  /** A running emulator. */
  public static final class Emulator implements ExtensionContext.Store.CloseableResource {
    private final String host;
    private final Process process;
    private ManagedChannel channel;

    Emulator(String host, Process process) {
      this.host = host;
      this.process = process;
    }

    /** host:port */
    public String host() {
      return host;
    }

    /** A fresh project id, so tests never see each other's topics. */
    public String newProject() {
      return "alike-test-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private synchronized TransportChannelProvider channel() {
      if (channel == null) {
        channel = ManagedChannelBuilder.forTarget(host).usePlaintext().build();
      }
      return FixedTransportChannelProvider.create(GrpcTransportChannel.create(channel));
    }

    public TopicAdminClient topics() {
      try {
        return TopicAdminClient.create(
            TopicAdminSettings.newBuilder()
                .setTransportChannelProvider(channel())
                .setCredentialsProvider(NoCredentialsProvider.create())
                .build());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    public SubscriptionAdminClient subscriptions() {
      try {
        return SubscriptionAdminClient.create(
            SubscriptionAdminSettings.newBuilder()
                .setTransportChannelProvider(channel())
                .setCredentialsProvider(NoCredentialsProvider.create())
                .build());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Sends {@code signal} ("STOP", "CONT") to the emulator's Java process. */
    public void signal(String signal) {
      EmulatorProcesses.signalJava(process, signal);
    }

    @Override
    public void close() {
      if (channel != null) {
        channel.shutdownNow();
      }
      if (process != null) {
        signal("CONT"); // a stopped process does not act on SIGTERM until resumed
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
          if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    emulator(context);
  }

  private static Emulator emulator(ExtensionContext context) {
    Emulator emulator =
        context
            .getRoot()
            .getStore(NS)
            .getOrComputeIfAbsent(Emulator.class, k -> start(), Emulator.class);
    Assumptions.assumeTrue(
        emulator.host() != null, "PUBSUB EMULATOR NOT FOUND: Pub/Sub tests skipped");
    return emulator;
  }

  private static Emulator start() {
    String configured = System.getenv("PUBSUB_EMULATOR_HOST");
    if (configured != null && !configured.isBlank()) {
      System.err.println("Pub/Sub emulator: running tests against " + configured);
      return new Emulator(configured, null);
    }
    return startOwn();
  }

  /**
   * An emulator of the caller's own on a free port, for tests that pause it; null host when the
   * SDK's emulator is not installed. The caller closes it.
   */
  public static Emulator startOwn() {
    Path binary = Path.of(System.getProperty("alike.pubsubEmulator", EMULATOR));
    if (!Files.isExecutable(binary)) {
      System.err.println(
          "PUBSUB EMULATOR NOT FOUND: Pub/Sub tests skipped (no PUBSUB_EMULATOR_HOST and no "
              + binary
              + ")");
      return new Emulator(null, null);
    }
    try {
      int port = EmulatorProcesses.freePort();
      String host = "127.0.0.1:" + port;
      Path log = Files.createTempFile("pubsub-emulator", ".log");
      Process process =
          new ProcessBuilder(binary.toString(), "--host=127.0.0.1", "--port=" + port)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      Emulator emulator = new Emulator(host, process);
      EmulatorProcesses.waitUntilReady(
          "Pub/Sub emulator", host, process, log.toFile(), START_TIMEOUT_MS, emulator::close);
      System.err.println("Pub/Sub emulator: running tests against " + host);
      return emulator;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the Pub/Sub emulator " + binary, e);
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Emulator.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return emulator(context);
  }
}
