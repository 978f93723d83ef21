package dev.alike.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Which versions an activation deletes; the same rule in both stores. */
final class VersionPruning {
  private VersionPruning() {}

  /**
   * Finished versions beyond the newest {@code keep} (counting {@code current}) and unfinished
   * versions older than {@code current} (abandoned builds).
   */
  static List<String> pruned(
      String current, int keep, Collection<String> finished, Collection<String> unfinished) {
    List<String> sorted = new ArrayList<>(finished);
    sorted.sort(null);
    Set<String> kept = new HashSet<>(List.of(current));
    for (int i = sorted.size() - 1; i >= 0 && kept.size() < keep; i--) {
      kept.add(sorted.get(i));
    }
    List<String> out = new ArrayList<>();
    sorted.stream().filter(v -> !kept.contains(v)).forEach(out::add);
    unfinished.stream().filter(v -> v.compareTo(current) < 0).sorted().forEach(out::add);
    return out;
  }
}
