#!/usr/bin/env python3
"""Derives the demo's sample from UCI Online Retail (CC BY 4.0; see NOTICE.md beside the output).

    python3 docs/sample/online_retail.py ../shared/data/online-retail/online_retail.csv.gz \
        src/main/resources/demo/sample

Writes events.jsonl.gz (one purchase event per SKU of an invoice: customer = CustomerID, sku =
StockCode, order = InvoiceNo, ts = InvoiceDate as epoch seconds, UK local time) and
catalog.jsonl.gz (sku, title = the StockCode's most frequent Description in title case, category =
the first keyword group its description matches). Python 3.9+ standard library only; the output is
the same on every run (no randomness, gzip without a timestamp).

Which rows: real purchases (a CustomerID, Quantity > 0, an invoice not starting with C or A, a
StockCode starting with five digits: POST, DOT, M, BANK CHARGES... are not products) of the SKUS
SKUs with the most distinct customers, by customers who bought between MIN_SKUS and MAX_SKUS of
them (wholesalers who buy everything say little about what goes together), taken in order of
their first purchase until about EVENTS events.
"""
import csv
import gzip
import json
import re
import sys
from collections import Counter, defaultdict
from datetime import datetime
from zoneinfo import ZoneInfo

SKUS = 300  # enough products for lists of 8 that are not all bestsellers
MIN_SKUS = 8  # a customer with fewer tells the model little
MAX_SKUS = 60  # above this, mostly wholesalers
EVENTS = 12000  # a few thousand: small enough to ship, enough for the teacups to co-occur
UK = ZoneInfo("Europe/London")

# First match wins (a word of the description starting with one of these): product kinds a gift
# shop would put in its menu; "other" when none matches.
CATEGORIES = [
    ("bags", ["BAG", "PURSE", "SHOPPER"]),
    ("kids", ["CHILDRENS", "CHILDREN'S", "FELTCRAFT", "CRAYON", "PAINT SET", "MODELLING",
              "COLOURING", "SKITTLES", "SPINNING", "BINGO", "DOLL", "BUILDING BLOCK", "GAME",
              "SPACEBOY", "TOY", "PLAYHOUSE", "SKIPPING", "CIRCUS"]),
    ("christmas", ["CHRISTMAS", "BAUBLE", "ADVENT", "SNOWFLAKE", "REINDEER", "SANTA"]),
    ("baking", ["CAKE CASE", "BAKING", "CAKE TIN", "JELLY MOULD", "COOKIE CUTTER"]),
    ("kitchen", ["SCALES", "BREAD BIN", "JAM MAKING", "PANTRY", "WASHING UP", "PEGS", "LUNCH BOX",
                 "KITCHEN", "TEA TOWEL", "APRON"]),
    ("garden", ["GARDEN", "PLANT", "BIRD", "WATERING", "DOORMAT"]),
    ("tableware", ["TEACUP", "TEA CUP", "MUG", "CUP", "PLATE", "BOWL", "SAUCER", "NAPKIN", "TEAPOT",
                   "CAKESTAND", "CAKE STAND", "JUG", "TEA SET", "CUTLERY", "TRAY", "PLACEMAT",
                   "COASTER"]),
    ("candles & lights", ["T-LIGHT", "TLIGHT", "CANDLE", "LANTERN", "LIGHT", "NIGHT LIGHT"]),
    ("paper & stationery", ["CARD", "WRAP", "PAPER", "NOTEBOOK", "PENCIL", "PEN", "STICKER",
                            "CHALK", "ENVELOPE", "TISSUE", "GIFT TAG", "RIBBON", "RULER",
                            "EXERCISE BOOK", "SHOPPING LIST"]),
    ("storage", ["BOX", "TIN", "JAR", "STORAGE", "BASKET", "CRATE", "DRAWER", "CASES"]),
    ("party", ["PARTY", "BUNTING", "BALLOON", "GARLAND", "PAPER CHAIN"]),
    ("warmers", ["HOT WATER BOTTLE", "HAND WARMER", "HOTTIE"]),
    ("signs & clocks", ["SIGN", "CLOCK", "MEMO BOARD", "BLACK BOARD"]),
    ("home", ["FRAME", "CUSHION", "HOOK", "HANGER", "HOLDER", "BOTTLE", "DOORSTOP", "MIRROR",
              "HEART", "DECORATION", "WICKER", "STAR", "COAT RACK", "SEWING", "CABINET"]),
]


def category(description):
    for name, words in CATEGORIES:
        if any(re.search(r"\b" + re.escape(w), description) for w in words):
            return name
    return "other"


def title(description):
    return " ".join(w[:1].upper() + w[1:].lower() for w in description.split())


def purchases(path):
    with gzip.open(path, "rt", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if (row["InvoiceNo"][:1] in ("C", "A") or not row["CustomerID"]
                    or float(row["Quantity"]) <= 0 or not re.match(r"\d{5}", row["StockCode"])):
                continue
            yield row


def main(source, out):
    rows = list(purchases(source))
    customers_of = defaultdict(set)
    descriptions = defaultdict(Counter)
    for r in rows:
        customers_of[r["StockCode"]].add(r["CustomerID"])
        if r["Description"].strip():
            descriptions[r["StockCode"]][" ".join(r["Description"].split())] += 1
    skus = set(sorted(customers_of, key=lambda s: (-len(customers_of[s]), s))[:SKUS])

    by_customer = defaultdict(list)  # customer -> its events, in file (time) order
    seen = set()
    for r in rows:
        key = (r["InvoiceNo"], r["StockCode"])
        if r["StockCode"] in skus and key not in seen:  # one event per SKU per invoice
            seen.add(key)
            by_customer[r["CustomerID"]].append(r)
    chosen = []
    total = 0
    for customer, events in by_customer.items():  # dicts keep first-purchase order
        distinct = len({e["StockCode"] for e in events})
        if MIN_SKUS <= distinct <= MAX_SKUS and total < EVENTS:
            chosen.append(customer)
            total += len(events)

    lines = []
    used = set()
    for customer in chosen:
        for r in by_customer[customer]:
            local = datetime.strptime(r["InvoiceDate"], "%Y-%m-%d %H:%M:%S").replace(tzinfo=UK)
            lines.append({"customer": customer, "sku": r["StockCode"], "event": "purchase",
                          "ts": int(local.timestamp()), "order": r["InvoiceNo"]})
            used.add(r["StockCode"])
    lines.sort(key=lambda e: (e["ts"], e["order"], e["sku"]))
    catalog = []
    for sku in sorted(used):
        description = descriptions[sku].most_common(1)[0][0]
        catalog.append({"sku": sku, "title": title(description), "category": category(description)})

    write(f"{out}/events.jsonl.gz", lines)
    write(f"{out}/catalog.jsonl.gz", catalog)
    orders = len({e["order"] for e in lines})
    print(f"{len(lines)} events, {len(chosen)} customers, {len(used)} SKUs, {orders} orders",
          file=sys.stderr)


def write(path, objects):
    text = "".join(json.dumps(o, separators=(",", ":")) + "\n" for o in objects)
    with open(path, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as f:
            f.write(text.encode("utf-8"))


if __name__ == "__main__":
    main(*sys.argv[1:])
