package dev.alike.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link ModelStore} in memory, for tests: it passes the store contract ({@code
 * InMemoryModelStoreTest}; a version is readable only once finished, and served only once
 * activated), plus counters of read calls ("round trips") and a switch that makes every call fail
 * like an unreachable backend.
 */
public final class InMemoryModelStore implements ModelStore {
  private final Map<String, Map<String, SkuDocument>> skus = new ConcurrentHashMap<>();
  private final Map<String, List<Neighbor>> popular = new ConcurrentHashMap<>();
  private final Map<String, List<Neighbor>> trending = new ConcurrentHashMap<>();
  private final Map<String, ModelInfo> finished = new ConcurrentHashMap<>();
  private final Map<String, CustomerProfile> profiles = new ConcurrentHashMap<>();
  private final java.util.Set<String> appliedUpdates = ConcurrentHashMap.newKeySet();
  private final List<StoreCodec.StoredChange> catalogUpdates =
      java.util.Collections.synchronizedList(new ArrayList<>());
  private final AtomicLong catalogGeneration = new AtomicLong();
  private final Map<String, String> modelOf = new ConcurrentHashMap<>();
  private final Map<String, String> current = new ConcurrentHashMap<>();
  private volatile boolean failing;
  private final AtomicLong roundTrips = new AtomicLong();
  private final AtomicLong skuReads = new AtomicLong();
  private final AtomicLong reads = new AtomicLong();
  private final AtomicLong writes = new AtomicLong();
  private final AtomicLong deletes = new AtomicLong();

  /** Makes every later call throw {@link StoreException} (or work again). */
  public void failing(boolean value) {
    failing = value;
  }

  /** Calls of {@link #current}, {@link #skus}, {@link #popular} and {@link #profile} so far. */
  public long roundTrips() {
    return roundTrips.get();
  }

  /** Number of {@link #skus} calls so far. */
  public long skuReads() {
    return skuReads.get();
  }

  private void call() {
    if (failing) {
      throw new StoreException("in-memory store set to fail");
    }
    roundTrips.incrementAndGet();
  }

  @Override
  public long writeVersion(String model, ModelInfo info, VersionDocuments documents) {
    call();
    modelOf.put(info.version(), ModelStore.modelName(model));
    DocumentBudget budget = DocumentBudget.firestore(); // cut as the real stores cut
    long cut = 0;
    Map<String, SkuDocument> docs = new HashMap<>();
    for (int i = 0; i < documents.size(); i++) {
      DocumentBudget.Fitted<SkuDocument> fitted = budget.fit(documents.document(i));
      cut += fitted.cut();
      if (fitted.value() != null) {
        docs.put(fitted.value().sku(), fitted.value());
        writes.incrementAndGet();
      }
    }
    DocumentBudget.Fitted<List<Neighbor>> pop = budget.fit(documents.popular());
    DocumentBudget.Fitted<List<Neighbor>> trend = budget.fit(documents.trending());
    skus.put(info.version(), Map.copyOf(docs));
    popular.put(info.version(), List.copyOf(pop.value()));
    trending.put(info.version(), List.copyOf(trend.value()));
    finished.put(info.version(), info);
    return cut + pop.cut() + trend.cut();
  }

  @Override
  public ProfileWriteStats replaceProfiles(Iterator<CustomerProfile> incoming) {
    call();
    Map<String, CustomerProfile> next = new HashMap<>();
    long written = 0;
    long unchanged = 0;
    while (incoming.hasNext()) {
      CustomerProfile p = incoming.next();
      next.put(p.customer(), p);
      if (p.equals(profiles.get(p.customer()))) {
        unchanged++;
      } else {
        written++;
      }
    }
    long deleted = profiles.keySet().stream().filter(c -> !next.containsKey(c)).count();
    profiles.keySet().retainAll(next.keySet());
    profiles.putAll(next);
    writes.addAndGet(written);
    deletes.addAndGet(deleted);
    return new ProfileWriteStats(written, unchanged, deleted, 0);
  }

  @Override
  public void activate(String version, int keep) {
    call();
    if (!finished.containsKey(version)) {
      throw new StoreException("version " + version + " was never finished");
    }
    String model = modelOf.get(version);
    current.put(model, version);
    List<String> all = new ArrayList<>(new TreeMap<>(finished).keySet());
    all.removeIf(v -> !model.equals(modelOf.get(v)));
    for (int i = 0; i < all.size() - keep; i++) {
      if (!all.get(i).equals(version)) {
        deleteVersion(all.get(i));
      }
    }
    finished.values().stream()
        .map(v -> StoreCodec.micros(v.createdAt()))
        .min(Long::compare)
        .ifPresent(oldest -> catalogUpdates.removeIf(c -> c.atMicros() <= oldest));
  }

  @Override
  public Optional<ModelInfo> current(String model) {
    call();
    String v = current.get(model);
    if (v == null) {
      return Optional.empty();
    }
    ModelInfo info = finished.get(v);
    return Optional.of(
        new ModelInfo(info.version(), info.createdAt(), info.skus(), catalogGeneration.get()));
  }

  @Override
  public synchronized void updateCatalog(
      Map<String, Catalog.Change> changes, java.time.Instant at) {
    call();
    changes.forEach(
        (sku, change) ->
            catalogUpdates.add(new StoreCodec.StoredChange(sku, StoreCodec.micros(at), change)));
    writes.addAndGet(changes.size());
    catalogGeneration.incrementAndGet();
  }

  @Override
  public synchronized Map<String, Catalog.Change> catalogChanges(java.time.Instant since) {
    call();
    Map<String, Catalog.Change> out = new java.util.LinkedHashMap<>();
    catalogUpdates.stream()
        .filter(c -> c.atMicros() > StoreCodec.micros(since))
        .sorted(java.util.Comparator.comparingLong(StoreCodec.StoredChange::atMicros))
        .forEach(c -> out.merge(c.sku(), c.change(), Catalog.Change::then));
    return out;
  }

  @Override
  public void forEachSku(String version, java.util.function.Consumer<SkuDocument> each) {
    call();
    Map<String, SkuDocument> docs = skus.get(version);
    if (docs == null) {
      throw new StoreException("no version " + version);
    }
    new java.util.TreeMap<>(docs).values().forEach(each);
  }

  @Override
  public Map<String, SkuDocument> skus(String version, Collection<String> ids) {
    call();
    skuReads.incrementAndGet();
    Map<String, SkuDocument> docs = skus.getOrDefault(version, Map.of());
    Map<String, SkuDocument> out = new HashMap<>();
    for (String id : ids) {
      SkuDocument d = docs.get(id);
      if (d != null) {
        out.put(id, d);
      }
    }
    reads.addAndGet(ids.size());
    return out;
  }

  @Override
  public List<Neighbor> popular(String version) {
    call();
    reads.incrementAndGet();
    return popular.getOrDefault(version, List.of());
  }

  @Override
  public List<Neighbor> trending(String version) {
    call();
    reads.incrementAndGet();
    return trending.getOrDefault(version, List.of());
  }

  @Override
  public synchronized boolean addToProfile(
      String updateId, String customer, Map<String, SkuEvents> events, Delivery delivery) {
    call();
    if (!appliedUpdates.add(updateId) && delivery == Delivery.LIVE) {
      return false;
    }
    CustomerProfile old = profiles.get(customer);
    if (ProfileAddition.holds(old, updateId)) {
      return false;
    }
    profiles.put(customer, ProfileAddition.add(old, customer, events, updateId));
    writes.incrementAndGet();
    return true;
  }

  @Override
  public Optional<CustomerProfile> profile(String customer) {
    call();
    reads.incrementAndGet();
    return Optional.ofNullable(profiles.get(customer));
  }

  @Override
  public Iterator<CustomerProfile> profiles() {
    call();
    return new ArrayList<>(profiles.values()).iterator();
  }

  @Override
  public List<ModelInfo> versions(String model) {
    call();
    List<ModelInfo> out = new ArrayList<>(new TreeMap<>(finished).values());
    out.removeIf(v -> !model.equals(modelOf.get(v.version())));
    return out;
  }

  @Override
  public void deleteVersion(String version) {
    call();
    if (current.containsValue(version)) {
      throw new StoreException("version " + version + " is current");
    }
    finished.remove(version);
    modelOf.remove(version);
    skus.remove(version);
    popular.remove(version);
    trending.remove(version);
    deletes.incrementAndGet();
  }

  @Override
  public StoreStats stats() {
    return new StoreStats(reads.get(), writes.get(), deletes.get());
  }

  @Override
  public void close() {}
}
