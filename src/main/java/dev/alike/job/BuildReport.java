package dev.alike.job;

import dev.alike.store.JsonValues;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a build did, printed at the end and written as JSON beside the model: counts (events,
 * customers, SKUs, neighbour entries, ...), time per stage, and peak heap.
 */
public final class BuildReport {
  private final Map<String, Object> counts = new LinkedHashMap<>();
  private final Map<String, Long> stageMillis = new LinkedHashMap<>();
  private final Map<String, Object> details = new LinkedHashMap<>();
  private final long started = System.nanoTime();

  /** Records a count (or any small value) under {@code name}, keeping insertion order. */
  public void count(String name, Object value) {
    counts.put(name, value);
  }

  /** Records a nested detail (rejections by reason, samples, store statistics). */
  public void detail(String name, Object value) {
    details.put(name, value);
  }

  public Object count(String name) {
    return counts.get(name);
  }

  /** Runs {@code stage}, records its wall time under {@code name}, and returns its result. */
  public <T> T time(String name, java.util.function.Supplier<T> stage) {
    long start = System.nanoTime();
    try {
      return stage.get();
    } finally {
      stageMillis.put(name, (System.nanoTime() - start) / 1_000_000);
    }
  }

  /**
   * Records the wall time of a stage that ran elsewhere (on another thread, overlapping others).
   */
  public void stage(String name, long millis) {
    stageMillis.put(name, millis);
  }

  /**
   * This report's model as an entry of a run's {@code models} detail: its version, similarity,
   * stage times, and the time since the report was started.
   */
  public Map<String, Object> model() {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("version", counts.get("model_version"));
    entry.put("similarity", counts.get("similarity"));
    entry.put("stages_ms", new LinkedHashMap<>(stageMillis));
    entry.put("total_ms", (System.nanoTime() - started) / 1_000_000);
    return entry;
  }

  /** The stage times on one line, {@code similarity=12 write=40 ... total 60 ms}. */
  public String stages() {
    StringBuilder sb = new StringBuilder();
    stageMillis.forEach((k, v) -> sb.append(k).append('=').append(v).append(' '));
    return sb.append("total ")
        .append((System.nanoTime() - started) / 1_000_000)
        .append(" ms")
        .toString();
  }

  /** The report as pretty JSON, with total time and peak heap filled in now. */
  public String toJson() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("counts", counts);
    root.put("stages_ms", stageMillis);
    root.put("total_ms", (System.nanoTime() - started) / 1_000_000);
    root.put("peak_heap_mb", peakHeapBytes() / (1024 * 1024));
    root.putAll(details);
    return JsonValues.toJson(root, true);
  }

  /** Human-readable summary, a few lines. */
  public String summary() {
    StringBuilder sb = new StringBuilder();
    sb.append("build report\n");
    counts.forEach((k, v) -> sb.append(String.format("  %-28s %s%n", k, v)));
    sb.append("  stages (ms):");
    stageMillis.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
    if (details.get("models") instanceof Map<?, ?> models && models.size() > 1) {
      models.forEach(
          (name, m) -> {
            Map<?, ?> entry = (Map<?, ?>) m;
            Object version = entry.get("version");
            sb.append(
                String.format(
                    "%n  model %-22s %s",
                    name, version != null ? version : "FAILED: " + entry.get("error")));
          });
    }
    sb.append(
        String.format(
            "%n  total %d ms, peak heap %d MB%n",
            (System.nanoTime() - started) / 1_000_000, peakHeapBytes() / (1024 * 1024)));
    return sb.toString();
  }

  /** Sum of the peak usage of all heap memory pools since JVM start. */
  public static long peakHeapBytes() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }
}
