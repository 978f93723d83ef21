package dev.alike.eval;

import dev.alike.model.EventLog;
import java.util.HashMap;
import java.util.Map;

/**
 * The distinct (customer, SKU) pairs of an event log: the unit that splits move, so that a repeat
 * purchase can never sit on both sides (it would be "seen" and could never be a hit).
 */
final class Pairs {
  final int[] pairOfEvent;
  final int[] customer;
  final int[] sku;

  /** Time of the pair's first event (or {@link EventLog#NO_TIME}). */
  final long[] firstTime;

  final int count;

  Pairs(EventLog log) {
    int n = log.size();
    pairOfEvent = new int[n];
    Map<Long, Integer> ids = new HashMap<>(Math.max(16, n * 2));
    int[] c = new int[n];
    int[] s = new int[n];
    long[] t = new long[n];
    int next = 0;
    for (int e = 0; e < n; e++) {
      long key = ((long) log.customer(e) << 32) | (log.sku(e) & 0xffffffffL);
      Integer id = ids.get(key);
      if (id == null) {
        id = next++;
        ids.put(key, id);
        c[id] = log.customer(e);
        s[id] = log.sku(e);
        t[id] = log.time(e);
      } else if (log.time(e) != EventLog.NO_TIME
          && (t[id] == EventLog.NO_TIME || log.time(e) < t[id])) {
        t[id] = log.time(e);
      }
      pairOfEvent[e] = id;
    }
    count = next;
    customer = java.util.Arrays.copyOf(c, next);
    sku = java.util.Arrays.copyOf(s, next);
    firstTime = java.util.Arrays.copyOf(t, next);
  }

  /** Pair ids grouped by customer (or by SKU when {@code bySku}), each group in pair order. */
  int[][] groups(boolean bySku, int groupCount) {
    int[] key = bySku ? sku : customer;
    int[] size = new int[groupCount];
    for (int p = 0; p < count; p++) {
      size[key[p]]++;
    }
    int[][] groups = new int[groupCount][];
    for (int g = 0; g < groupCount; g++) {
      groups[g] = new int[size[g]];
      size[g] = 0;
    }
    for (int p = 0; p < count; p++) {
      groups[key[p]][size[key[p]]++] = p;
    }
    return groups;
  }
}
