// The experiment dashboard (report.html) in headless Chromium: opened as a file, with no server
// and no network; every number in its tables equals report.json's, and its charts are drawn.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const dir = process.env.REPORT_DIR;
const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));

test('the dashboard shows report.json numbers, draws its charts and fetches nothing', async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage();
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(pathToFileURL(join(dir, 'report.html')).href);
    await page.waitForSelector('body[data-rendered="true"]', { timeout: 15000 });
    assert.deepEqual(errors, []);
    assert.deepEqual(requests.filter((u) => !u.startsWith('file:')), [], 'no request leaves the file');

    const cells = await page.$$eval('td[data-field]', (tds) =>
      tds.map((td) => ({ variant: td.dataset.variant, field: td.dataset.field, value: td.dataset.value, text: td.textContent })));
    const names = Object.keys(report.variants);
    assert.ok(names.length >= 3, `variants: ${names}`);
    let compared = 0;
    for (const cell of cells) {
      const v = report.variants[cell.variant];
      assert.ok(v, `a row for an unknown variant ${cell.variant}`);
      const expected = cell.field.startsWith('lift_') ? v.lift[cell.field.slice(5)] : v[cell.field];
      if (expected === null) {
        assert.equal(cell.value, '');
      } else {
        assert.equal(Number(cell.value), expected, `${cell.variant} ${cell.field}`);
        if (['customers', 'answers', 'impressions', 'clicks', 'carts', 'purchases'].includes(cell.field)) {
          assert.equal(cell.text.trim(), expected.toLocaleString('en-US'), `${cell.variant} ${cell.field} text`);
        }
      }
      compared++;
    }
    // 9 numbers per variant, and two lifts for every variant but the holdout.
    assert.equal(compared, names.length * 9 + (names.length - 1) * 2);

    const credit = await page.$$eval('span[data-field^="attribution."]', (spans) =>
      Object.fromEntries(spans.map((s) => [s.dataset.field.slice(12), Number(s.dataset.value)])));
    assert.deepEqual(credit, report.attribution, 'the attribution counts');

    const charts = await page.evaluate(() =>
      ['ctr-chart', 'revenue-chart', 'funnel-chart'].map((id) => {
        const chart = Chart.getChart(document.getElementById(id));
        return chart ? chart.data.datasets.filter((d) => d.data.some((x) => x !== null)).length : 0;
      }));
    assert.equal(charts[0], names.length * 3, 'CTR: a line and its band per variant');
    assert.equal(charts[1], names.length * 3, 'revenue: a line and its band per variant');
    assert.equal(charts[2], 4, 'funnel: impressions, clicks, carts, purchases');
    await page.screenshot({ path: join(dir, 'report.png'), fullPage: true });
  } finally {
    await browser.close();
  }
});
