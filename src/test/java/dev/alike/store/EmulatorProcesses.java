package dev.alike.store;

import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URL;

/** What the emulator extensions share: a free port, and waiting for an emulator to answer HTTP. */
public final class EmulatorProcesses {
  private EmulatorProcesses() {}

  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /**
   * Waits until {@code http://host/} answers 200; on a timeout or an early exit, runs {@code stop}
   * (timeout only) and throws naming {@code name} and the log.
   */
  public static void waitUntilReady(
      String name, String host, Process process, File log, long timeoutMs, Runnable stop) {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (System.currentTimeMillis() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited early; see " + log);
      }
      try {
        HttpURLConnection http =
            (HttpURLConnection) new URL("http://" + host + "/").openConnection();
        http.setConnectTimeout(1000);
        http.setReadTimeout(1000);
        if (http.getResponseCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // keep waiting
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    stop.run();
    throw new IllegalStateException(name + " not ready after " + timeoutMs + " ms; see " + log);
  }

  /**
   * Sends {@code signal} ("STOP", "CONT") to the Java processes of {@code process}: the Firestore
   * emulator's script starts the server as a child (stopping the script alone would leave the
   * server answering), the Pub/Sub one's execs into it.
   */
  public static void signalJava(Process process, String signal) {
    java.util.stream.Stream.concat(
            java.util.stream.Stream.of(process.toHandle()), process.descendants())
        .filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false))
        .forEach(
            p -> {
              try {
                new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid()))
                    .inheritIO()
                    .start()
                    .waitFor();
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
  }
}
