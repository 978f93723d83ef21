package dev.alike.store;

import dev.alike.store.ModelStore.ProfileWriteStats;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/** The {@code profiles} and {@code applied_updates} tables of the local store's database. */
final class LocalProfiles {
  /** Profile writes per transaction during a replacement. */
  private static final int BATCH = 10_000;

  /** Customers per page when iterating over every profile. */
  private static final int PAGE = 5_000;

  /** How long an applied update id is remembered: Pub/Sub's longest message retention. */
  static final Duration UPDATE_MEMORY = Duration.ofDays(7);

  private final Function<Boolean, SqliteDatabase> database;
  private final AtomicLong reads;
  private final AtomicLong writes;
  private final AtomicLong deletes;
  private final DocumentBudget budget = DocumentBudget.firestore();

  LocalProfiles(
      Function<Boolean, SqliteDatabase> database,
      AtomicLong reads,
      AtomicLong writes,
      AtomicLong deletes) {
    this.database = database;
    this.reads = reads;
    this.writes = writes;
    this.deletes = deletes;
  }

  ProfileWriteStats replace(Iterator<CustomerProfile> next) {
    SqliteDatabase db = database.apply(true);
    Map<String, String> stored =
        db.read(
            "read profile hashes",
            c -> {
              Map<String, String> out = new HashMap<>();
              try (PreparedStatement s = c.prepareStatement("SELECT customer, hash FROM profiles");
                  ResultSet r = s.executeQuery()) {
                while (r.next()) {
                  out.put(r.getString(1), r.getString(2));
                }
              }
              return out;
            });
    reads.addAndGet(stored.size());
    List<Map<String, Object>> sets = new ArrayList<>(BATCH);
    List<String> dels = new ArrayList<>();
    ProfileSync.Sink sink =
        new ProfileSync.Sink() {
          @Override
          public void set(String key, CustomerProfile profile, Map<String, Object> doc) {
            sets.add(doc); // its key is its customer id
            if (sets.size() == BATCH) {
              flush(db, sets, dels);
            }
          }

          @Override
          public void delete(String key) {
            dels.add(key);
            if (dels.size() == BATCH) {
              flush(db, sets, dels);
            }
          }
        };
    ProfileWriteStats stats = ProfileSync.run(next, stored, Function.identity(), budget, sink);
    flush(db, sets, dels);
    long cutoff = System.currentTimeMillis() - UPDATE_MEMORY.toMillis();
    db.write(
        "forget old profile updates",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("DELETE FROM applied_updates WHERE applied_at < ?")) {
            s.setLong(1, cutoff);
            return s.executeUpdate();
          }
        });
    return stats;
  }

  /** Writes and deletes the pending profiles in one transaction, their JSON encoded in parallel. */
  private void flush(SqliteDatabase db, List<Map<String, Object>> sets, List<String> dels) {
    List<String> json = sets.parallelStream().map(LocalDocuments::json).toList();
    db.write(
        "write profiles",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT OR REPLACE INTO profiles (customer, hash, doc) VALUES (?, ?, ?)")) {
            for (int i = 0; i < sets.size(); i++) {
              s.setString(1, (String) sets.get(i).get(StoreCodec.CUSTOMER));
              s.setString(2, (String) sets.get(i).get(StoreCodec.HASH));
              s.setString(3, json.get(i));
              s.addBatch();
            }
            s.executeBatch();
          }
          try (PreparedStatement s =
              c.prepareStatement("DELETE FROM profiles WHERE customer = ?")) {
            for (String customer : dels) {
              s.setString(1, customer);
              s.addBatch();
            }
            s.executeBatch();
          }
          return null;
        });
    writes.addAndGet(sets.size());
    deletes.addAndGet(dels.size());
    sets.clear();
    dels.clear();
  }

  boolean add(
      String updateId,
      String customer,
      Map<String, SkuEvents> events,
      ModelStore.Delivery delivery) {
    if (updateId == null || updateId.isEmpty()) {
      throw new IllegalArgumentException("updateId must be non-empty");
    }
    ProfileAddition.add(null, customer, events, null); // validates before the transaction
    return database
        .apply(true)
        .write(
            "update the profile of " + StoreException.abbreviate(customer),
            c -> {
              try (PreparedStatement s =
                  c.prepareStatement(
                      "INSERT OR IGNORE INTO applied_updates (id, customer, applied_at)"
                          + " VALUES (?, ?, ?)")) {
                s.setString(1, updateId);
                s.setString(2, customer);
                s.setLong(3, System.currentTimeMillis());
                if (s.executeUpdate() == 0 && delivery == ModelStore.Delivery.LIVE) {
                  return false;
                }
              }
              CustomerProfile old = read(c, customer).orElse(null);
              if (ProfileAddition.holds(old, updateId)) {
                return false;
              }
              CustomerProfile merged = ProfileAddition.add(old, customer, events, updateId);
              CustomerProfile fitted = budget.fit(merged).value();
              if (fitted != null) {
                Map<String, Object> doc = StoreCodec.write(fitted);
                try (PreparedStatement s =
                    c.prepareStatement(
                        "INSERT OR REPLACE INTO profiles (customer, hash, doc) VALUES (?, ?, ?)")) {
                  s.setString(1, customer);
                  s.setString(2, (String) doc.get(StoreCodec.HASH));
                  s.setString(3, LocalDocuments.json(doc));
                  s.executeUpdate();
                }
                writes.incrementAndGet();
              }
              return true;
            });
  }

  Optional<CustomerProfile> profile(String customer) {
    SqliteDatabase db = database.apply(false);
    if (db == null) {
      return Optional.empty();
    }
    reads.incrementAndGet();
    return db.read(
        "read the profile of " + StoreException.abbreviate(customer), c -> read(c, customer));
  }

  private static Optional<CustomerProfile> read(Connection c, String customer) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT doc FROM profiles WHERE customer = ?")) {
      s.setString(1, customer);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? LocalDocuments.profile(customer, r.getString(1)) : Optional.empty();
      }
    }
  }

  /** Every profile, read a page at a time in customer order (no connection held in between). */
  Iterator<CustomerProfile> all() {
    SqliteDatabase db = database.apply(false);
    if (db == null) {
      return Collections.emptyIterator();
    }
    return new Iterator<>() {
      private List<CustomerProfile> page = List.of();
      private int at;
      private String after = "";
      private boolean done;
      private int rowsRead;

      @Override
      public boolean hasNext() {
        while (at == page.size() && !done) {
          page = nextPage(db);
          at = 0;
          done = rowsRead == 0;
        }
        return at < page.size();
      }

      @Override
      public CustomerProfile next() {
        if (!hasNext()) {
          throw new java.util.NoSuchElementException();
        }
        return page.get(at++);
      }

      private List<CustomerProfile> nextPage(SqliteDatabase db) {
        return db.read(
            "read profiles",
            c -> {
              List<CustomerProfile> out = new ArrayList<>(PAGE);
              try (PreparedStatement s =
                  c.prepareStatement(
                      "SELECT customer, doc FROM profiles WHERE customer > ?"
                          + " ORDER BY customer LIMIT "
                          + PAGE)) {
                s.setString(1, after);
                rowsRead = 0;
                try (ResultSet r = s.executeQuery()) {
                  while (r.next()) {
                    rowsRead++;
                    after = r.getString(1);
                    reads.incrementAndGet();
                    LocalDocuments.profile(after, r.getString(2)).ifPresent(out::add);
                  }
                }
              }
              return out;
            });
      }
    };
  }
}
