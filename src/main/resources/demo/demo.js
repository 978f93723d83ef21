// The alike demo storefront: plain browser JavaScript, no build step.
// It calls the public API exactly as a shop's front end would:
//   POST /events {"events": [{"customer": C, "sku": S, "event": "browse"}]}   (a click, for a customer)
//   GET /recommendations?customer=C&n=N                       ("Recommended for you": the profile
//                                                              already holds the posted browses)
//   GET /recommendations?n=N&with=sku:browse,...              (an anonymous visitor's session)
//   GET /similar?sku=S&n=N&same=category                      (a product page's "Similar products")
// each row naming its placement (placement=demo-recommended, demo-similar: demo/placements.json)
// and shows every API error to the visitor instead of failing silently.
'use strict';

const params = new URLSearchParams(location.search);
// The API's base URL: the same origin by default (the page is served at <base>/demo/), or another
// origin given as ?api=..., which works when the API's ALIKE_ALLOWED_ORIGINS lets this page in.
const API = apiBase(params.get('api'));
// Passed to the API as given, so ?n=0 shows how an API error (400) reaches the visitor.
const N = params.get('n') ?? '8';
const SESSION_EVENT = 'browse';

const state = { customer: null, session: [], product: null };
const rows = {
  recommended: rowOf('recommended', 'Recommended for you'),
  similar: rowOf('product', 'Similar products'),
};

function apiBase(given) {
  const base = new URL(given || '../', location.href);
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  return base;
}

function rowOf(id, title) {
  const section = document.getElementById(id);
  return {
    title,
    section,
    list: section.querySelector('.row'),
    status: section.querySelector('.status'),
    request: section.querySelector('.request code'),
    generation: 0,
  };
}

/** The API URL for a path and query; empty values are left out, ':' and ',' stay readable. */
function apiUrl(path, query) {
  const url = new URL(path, API);
  url.search = Object.entries(query)
    .filter(([, value]) => value !== null && value !== undefined && value !== '')
    .map(([name, value]) => `${name}=${encodeURIComponent(value).replace(/%3A/g, ':').replace(/%2C/g, ',')}`)
    .join('&');
  return url;
}

/** GET a JSON answer; throws an Error whose message is fit to show (the API's own message). */
async function getJson(url) {
  let response;
  try {
    response = await fetch(url, { headers: { Accept: 'application/json' } });
  } catch (e) {
    throw new Error(`could not reach the API at ${url.origin} (network error, or CORS does not `
      + `allow this page's origin ${location.origin})`);
  }
  let body = null;
  try {
    body = await response.json();
  } catch (e) {
    // not JSON: reported below when the status is an error, otherwise as a bad answer
  }
  if (!response.ok) {
    const error = body && body.error;
    const message = error && error.message ? error.message : response.statusText || 'no message';
    const field = error && error.field ? ` (field "${error.field}")` : '';
    throw new Error(`HTTP ${response.status}: ${message}${field}`);
  }
  if (body === null) throw new Error(`HTTP ${response.status}: the answer was not JSON`);
  return body;
}

function showError(key, message) {
  const region = document.getElementById('errors');
  let line = region.querySelector(`[data-key="${key}"]`);
  if (message === null) {
    if (line) line.remove();
    return;
  }
  if (!line) {
    line = document.createElement('p');
    line.dataset.key = key;
    region.append(line);
  }
  line.textContent = message;
}

function tile(item) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'tile';
  button.dataset.sku = item.sku;
  button.dataset.score = String(item.score);
  button.dataset.category = item.category ?? '';
  button.dataset.source = item.source;
  const parts = [
    ['sku', item.sku],
    ['category', item.category ?? 'no category'],
    ['score', `score ${formatScore(item.score)}`],
    ['source', item.source],
  ];
  const because = item.because ?? [];
  button.dataset.because = because.map((b) => b.sku).join(',');
  if (because.length) {
    // The scorer's own explanation: the customer's SKU with the largest share of this score.
    const more = because.length > 1 ? ` and ${because.length - 1} more` : '';
    parts.push(['because', `Because you viewed ${because[0].sku}${more}`]);
  }
  for (const [cls, text] of parts) {
    const span = document.createElement('span');
    span.className = cls;
    span.textContent = text;
    button.append(span);
  }
  button.setAttribute('aria-label',
    `Open ${item.sku}, ${item.category ?? 'no category'}, score ${formatScore(item.score)}`);
  button.addEventListener('click', () => openProduct(item.sku, item.category ?? null));
  const li = document.createElement('li');
  li.append(button);
  return li;
}

function formatScore(score) {
  return Number(score).toFixed(3);
}

/** Loads one row; answers of superseded requests (the visitor clicked again) are dropped. */
async function loadRow(row, url, before = '') {
  const generation = ++row.generation;
  row.section.dataset.state = 'loading';
  row.section.setAttribute('aria-busy', 'true');
  row.request.textContent = `${before}GET ${url.pathname}${url.search}`;
  row.status.textContent = 'Loading…';
  try {
    const answer = await getJson(url);
    if (generation !== row.generation) return;
    row.list.replaceChildren(...answer.items.map(tile));
    row.status.textContent = answer.items.length ? '' : 'Nothing to show.';
    row.section.dataset.model = answer.model;
    row.section.dataset.state = 'ready';
    showError(row.title, null);
  } catch (e) {
    if (generation !== row.generation) return;
    row.list.replaceChildren();
    row.status.textContent = `Could not load: ${e.message}`;
    row.section.dataset.state = 'error';
    showError(row.title, `${row.title}: ${e.message}`);
  } finally {
    if (generation === row.generation) row.section.removeAttribute('aria-busy');
  }
}

function sessionParam() {
  return state.session.map((sku) => `${sku}:${SESSION_EVENT}`).join(',');
}

/**
 * Loads "Recommended for you": a customer's browses were posted as events, so their profile holds
 * them; an anonymous visitor has no profile, so the session goes along as with=.
 */
function loadRecommended(before = '') {
  const session = state.customer ? '' : sessionParam();
  return loadRow(rows.recommended, apiUrl('recommendations',
    { customer: state.customer, n: N, with: session, placement: 'demo-recommended' }), before);
}

/** POSTs one browse of the selected customer; throws an Error fit to show when it is refused. */
async function postBrowse(sku) {
  const url = new URL('events', API);
  const body = { events: [{ customer: state.customer, sku, event: SESSION_EVENT }] };
  let response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body),
    });
  } catch (e) {
    throw new Error(`could not reach the API at ${url.origin} to post the event`);
  }
  if (response.status !== 202) {
    let message = response.statusText;
    try {
      message = (await response.json()).error.message;
    } catch (e) {
      // keep the status text
    }
    throw new Error(`HTTP ${response.status}: ${message}`);
  }
}

function loadSimilar() {
  return loadRow(rows.similar,
    apiUrl('similar', { sku: state.product, n: N, same: 'category', placement: 'demo-similar' }));
}

function renderSession() {
  document.getElementById('session-skus').textContent =
    state.session.length ? state.session.join(', ') : 'nothing yet';
}

/**
 * Opens a product page and records the visit as a shop would: for a customer, a browse event posted
 * to /events (their row then changes through their profile); for an anonymous visitor, a session
 * browse sent with= .
 */
async function openProduct(sku, category) {
  state.product = sku;
  if (!state.session.includes(sku)) state.session.push(sku);
  renderSession();
  const product = rows.similar.section;
  product.hidden = false;
  document.getElementById('product-sku').textContent = sku;
  document.getElementById('product-category').textContent = category ?? 'none';
  let before = '';
  if (state.customer) {
    try {
      await postBrowse(sku);
      showError('events', null);
      before = `POST /events (${sku}:${SESSION_EVENT}), then `;
    } catch (e) {
      showError('events', `Event: ${e.message}`);
    }
  }
  loadRecommended(before);
  loadSimilar();
  document.getElementById('product-title').scrollIntoView({ block: 'nearest' });
}

function selectCustomer(customer) {
  state.customer = customer;
  state.session = [];
  state.product = null;
  rows.similar.section.hidden = true;
  rows.similar.section.dataset.state = 'idle';
  renderSession();
  loadRecommended();
}

async function start() {
  const select = document.getElementById('customer');
  select.addEventListener('change', () => selectCustomer(select.value));
  document.getElementById('clear-session').addEventListener('click', () => selectCustomer(select.value));
  let customers = [];
  try {
    customers = (await getJson(apiUrl('demo/customers', {}))).customers;
    showError('customers', null);
  } catch (e) {
    showError('customers', `Customers: ${e.message}`);
  }
  const options = customers.map((c) => new Option(`${c.customer} (${c.skus} SKUs)`, c.customer));
  options.push(new Option('anonymous visitor', ''));
  select.replaceChildren(...options);
  const wanted = params.get('customer');
  if (wanted && !customers.some((c) => c.customer === wanted)) {
    select.prepend(new Option(wanted, wanted));
  }
  select.value = wanted ?? (customers[0] ? customers[0].customer : '');
  select.disabled = false;
  selectCustomer(select.value);
}

start();
