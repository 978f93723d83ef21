package dev.alike.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link PackedVersion} from {@link SkuDocument}s one at a time (the generic {@code
 * put}/{@code putPopular} path): strings, attribute sets and (SKU, category, attributes) entities
 * are interned, so an entry costs two ints and a score whatever its attributes.
 */
final class VersionPacker {
  private record Entity(String sku, String category, Map<String, String> attributes) {}

  private final Utf8Table strings = new Utf8Table(1024);
  private final Map<Map<String, String>, Integer> attrIndex = new HashMap<>();
  private final Ints attrPtr = new Ints(64);
  private final Ints attrPairs = new Ints(64);
  private final Map<Entity, Integer> entityIndex = new HashMap<>();
  private final Ints entSku = new Ints(1024);
  private final Ints entCategory = new Ints(1024);
  private final Ints entAttrs = new Ints(1024);
  private final Ints docEntity = new Ints(1024);
  private final ListsBuilder similar = new ListsBuilder();
  private final ListsBuilder reverse = new ListsBuilder();
  private final Ints popEntity = new Ints(64);
  private final Scores.Builder popScores = new Scores.Builder();

  VersionPacker() {
    attrPtr.add(0);
  }

  void add(SkuDocument doc) {
    docEntity.add(entity(doc.sku(), doc.category(), doc.attributes()));
    similar.add(doc.similar());
    reverse.add(doc.reverse());
  }

  void popular(List<Neighbor> list) {
    popEntity.clear();
    popScores.clear();
    for (Neighbor n : list) {
      popEntity.add(entity(n.sku(), n.category(), n.attributes()));
      popScores.add(n.score());
    }
  }

  PackedVersion build() {
    return new PackedVersion(
        strings,
        attrPtr.toArray(),
        attrPairs.toArray(),
        new int[][] {entSku.toArray(), entCategory.toArray(), entAttrs.toArray()},
        docEntity.toArray(),
        similar.build(),
        reverse.build(),
        popEntity.toArray(),
        popScores.build());
  }

  private int entity(String sku, String category, Map<String, String> attributes) {
    Entity key = new Entity(sku, category, attributes);
    Integer known = entityIndex.get(key);
    if (known != null) {
      return known;
    }
    int index = entSku.size();
    entSku.add(strings.intern(sku));
    entCategory.add(category == null ? -1 : strings.intern(category));
    entAttrs.add(attributeSet(attributes));
    entityIndex.put(key, index);
    return index;
  }

  private int attributeSet(Map<String, String> attributes) {
    Integer known = attrIndex.get(attributes);
    if (known != null) {
      return known;
    }
    List<String> keys = new ArrayList<>(attributes.keySet());
    keys.sort(null);
    for (String k : keys) {
      attrPairs.add(strings.intern(k));
      attrPairs.add(strings.intern(attributes.get(k)));
    }
    int index = attrPtr.size() - 1;
    attrPtr.add(attrPairs.size() / 2);
    attrIndex.put(attributes, index);
    return index;
  }

  private final class ListsBuilder {
    private final Ints ptr = new Ints(1024);
    private final Ints entities = new Ints(1024);
    private final Scores.Builder scores = new Scores.Builder();

    ListsBuilder() {
      ptr.add(0);
    }

    void add(List<Neighbor> list) {
      for (Neighbor n : list) {
        entities.add(entity(n.sku(), n.category(), n.attributes()));
        scores.add(n.score());
      }
      ptr.add(entities.size());
    }

    PackedVersion.Lists build() {
      return new PackedVersion.Lists(ptr.toArray(), entities.toArray(), scores.build());
    }
  }
}
