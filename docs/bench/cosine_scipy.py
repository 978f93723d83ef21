#!/usr/bin/env python3
"""The yardstick for `alike build --similarity cosine`: the same formula in numpy/scipy.

Run:  python3 docs/bench/cosine_scipy.py EVENTS.jsonl [--k 50] [--max-skus-per-customer 500]
      (numpy and scipy installed; measured with numpy 2.4, scipy 1.17, CPython 3)
Input: JSON Lines events, one {"customer", "sku", "event", "ts"} object per line, as written by
       `java -jar target/alike.jar generate --customers 1000000 --skus 100000 --categories 1000
       --out FILE`.
Prints: the matrix shape, the number of neighbour entries and the time of each step.

What it computes, as dev.alike.model does for `cosine`:
  r_ui  = sum of customer u's event weights on SKU i (browse 0.5, cart 2, purchase 6, the
          defaults of EventWeights, matched by the aliases of EventType), as float32;
          a customer keeps the 500 highest-scored SKUs (ties by SKU id);
  N     = R scaled by 1 / ||column||_2, so that sim = N^T N = D^-1 R^T R D^-1;
  lists = per SKU the top k (50) other SKUs with sim > 0, best first, ties by SKU id.
On a 20k-customer file every list has the build's length; 2% of them differ from the build's in
one pair of neighbours whose float scores are 1 ulp apart (dots summed in another order).
No store is written: this is the computation alone, parse included.
"""
import argparse
import json
import time
from array import array

import numpy as np
import scipy.sparse as sp

WEIGHTS = {}
for names, weight in (
    (("browsed", "browse", "view", "view_item", "pv"), 0.5),
    (("addedtocart", "addedtobasket", "addtocart", "add_to_cart", "cart"), 2.0),
    (("purchased", "purchase", "transaction", "buy"), 6.0),
):
    for name in names:
        WEIGHTS[name] = weight


def read_events(path):
    """Customer indices, SKU indices and weights of every event, and both id lists."""
    customers, skus = {}, {}
    rows, cols, vals = array("i"), array("i"), array("d")
    with open(path, "rb") as f:
        for line in f:
            e = json.loads(line)
            weight = WEIGHTS.get(e["event"].strip().lower())
            if weight is None:
                continue
            rows.append(customers.setdefault(e["customer"], len(customers)))
            cols.append(skus.setdefault(e["sku"], len(skus)))
            vals.append(weight)
    return (
        np.frombuffer(rows, dtype=np.int32),
        np.frombuffer(cols, dtype=np.int32),
        np.frombuffer(vals, dtype=np.float64),
        list(customers),
        list(skus),
    )


def cap_rows(r, sku_ids, cap):
    """Keeps each customer's `cap` highest-scored SKUs, ties by SKU id."""
    counts = np.diff(r.indptr)
    if counts.max(initial=0) <= cap:
        return r
    r = r.tolil()
    for u in np.flatnonzero(counts > cap):
        row = sorted(zip(r.data[u], r.rows[u]), key=lambda p: (-p[0], sku_ids[p[1]]))[:cap]
        kept = sorted(row, key=lambda p: p[1])
        r.rows[u] = [j for _, j in kept]
        r.data[u] = [v for v, _ in kept]
    return r.tocsr()


def top_k(sim, sku_ids, k):
    """Per row of the symmetric similarity: the k best other columns with a score > 0."""
    order_by_id = np.argsort(np.array(sku_ids, dtype=object)).astype(np.int64)
    rank_of = np.empty_like(order_by_id)
    rank_of[order_by_id] = np.arange(len(order_by_id))
    lists = []
    entries = 0
    for i in range(sim.shape[0]):
        start, end = sim.indptr[i], sim.indptr[i + 1]
        cols = sim.indices[start:end]
        scores = sim.data[start:end]
        keep = (cols != i) & (scores > 0)
        cols, scores = cols[keep], scores[keep]
        if len(cols) > k:
            # best first, ties by SKU id: sort on (-score, id rank)
            best = np.lexsort((rank_of[cols], -scores))[:k]
        else:
            best = np.lexsort((rank_of[cols], -scores))
        lists.append((cols[best], scores[best]))
        entries += len(best)
    return lists, entries


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("events")
    parser.add_argument("--k", type=int, default=50)
    parser.add_argument("--max-skus-per-customer", type=int, default=500)
    args = parser.parse_args()

    t0 = time.perf_counter()
    rows, cols, vals, customers, skus = read_events(args.events)
    t1 = time.perf_counter()
    r = sp.csr_matrix((vals, (rows, cols)), shape=(len(customers), len(skus)))  # sums duplicates
    r.sum_duplicates()
    r = cap_rows(r, skus, args.max_skus_per_customer)
    r = r.astype(np.float32)
    norms = np.sqrt(np.asarray(r.multiply(r).sum(axis=0), dtype=np.float64)).ravel()
    inverse = np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)
    # entries normalised in float32, as the build stores them, then multiplied in float64 (the
    # build sums each dot in a double) and rounded to float32 (the build keeps float scores)
    n = (r @ sp.diags(inverse.astype(np.float32))).astype(np.float64).tocsc()
    t2 = time.perf_counter()
    sim = (n.T @ n).tocsr().astype(np.float32)
    t3 = time.perf_counter()
    _, entries = top_k(sim, skus, args.k)
    t4 = time.perf_counter()
    print(
        f"{len(customers):,} customers x {len(skus):,} SKUs, {r.nnz:,} entries;"
        f" {sim.nnz:,} similarity entries; {entries:,} neighbour entries\n"
        f"read {t1 - t0:.1f} s, matrix {t2 - t1:.1f} s, product {t3 - t2:.1f} s,"
        f" top {args.k} {t4 - t3:.1f} s, total {t4 - t0:.1f} s"
    )


if __name__ == "__main__":
    main()
