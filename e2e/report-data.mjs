// Writes a deterministic experiment (answers, events, catalog) for the dashboard test:
// two variants and a holdout, two placements, three days. Usage: node report-data.mjs DIR
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
let seed = 12345;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const t0 = Date.parse('2026-12-01T08:00:00Z');
const variants = ['holdout', 'ease', 'tfidf'];
const answers = [];
const events = [];
for (let c = 0; c < 300; c++) {
  const variant = variants[c % 3];
  const rate = variant === 'holdout' ? 0.02 : variant === 'ease' ? 0.08 : 0.05;
  for (let day = 0; day < 3; day++) {
    const at = t0 + day * 86400000 + c * 1000;
    const placement = c % 2 === 0 ? 'home' : 'pdp';
    const skus = [0, 1, 2, 3].map((k) => `s${(c * 7 + day * 3 + k) % 40}`);
    answers.push(JSON.stringify({ at, customer: `c${c}`, placement, variant, request: `r${c}-${day}`, skus }));
    for (const sku of skus) {
      if (random() < rate) {
        events.push(JSON.stringify({ customer: `c${c}`, sku, event: 'click', ts: Math.floor(at / 1000) + 10 }));
        if (random() < 0.5) {
          events.push(JSON.stringify({ customer: `c${c}`, sku, event: 'cart', ts: Math.floor(at / 1000) + 30 }));
          if (random() < 0.5) {
            events.push(JSON.stringify({ customer: `c${c}`, sku, event: 'purchase', ts: Math.floor(at / 1000) + 90 }));
          }
        }
      }
    }
  }
}
const catalog = Array.from({ length: 40 }, (_, i) => JSON.stringify({ sku: `s${i}`, price: 5 + (i % 7) * 2.5 }));
writeFileSync(join(dir, 'answers.jsonl'), answers.join('\n') + '\n');
writeFileSync(join(dir, 'events.jsonl'), events.join('\n') + '\n');
writeFileSync(join(dir, 'catalog.jsonl'), catalog.join('\n') + '\n');
