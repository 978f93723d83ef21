package dev.alike.model;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs work over [0, n) in blocks on a fixed number of threads, each thread with its own worker
 * (and so its own scratch arrays). Blocks are taken from a shared counter: uneven blocks (a popular
 * SKU, a heavy customer) balance across threads without any locking in the work itself.
 */
final class Parallel {
  /** Work on the half-open range [from, to); one instance per thread, never shared. */
  @FunctionalInterface
  public interface RangeWorker {
    void run(int from, int to);
  }

  private Parallel() {}

  /**
   * Calls a worker from {@code workers} on every block of [0, n), using {@code threads} threads.
   */
  public static void forBlocks(
      int n, int block, int threads, String name, Supplier<RangeWorker> workers) {
    AtomicInteger next = new AtomicInteger();
    Runnable loop =
        () -> {
          RangeWorker worker = workers.get();
          for (int from = next.getAndAdd(block); from < n; from = next.getAndAdd(block)) {
            worker.run(from, Math.min(n, from + block));
          }
        };
    if (threads <= 1 || n <= block) {
      loop.run();
      return;
    }
    // Daemon threads: a pool must never keep the JVM alive.
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            new ThreadFactoryBuilder().setNameFormat(name + "-%d").setDaemon(true).build());
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(pool.submit(loop));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(name + " interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(name + " failed: " + cause, cause);
    } finally {
      pool.shutdownNow();
    }
  }
}
