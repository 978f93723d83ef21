// The alike demo storefront: plain browser JavaScript, no build step.
// It calls the public API exactly as a shop's front end would:
//   POST /events {"events": [{"customer": C, "sku": S, "event": "browse"}]}   (a click, for a customer)
//   GET /recommendations?customer=C&n=N                       ("Recommended for you": the profile
//                                                              already holds the posted browses)
//   GET /recommendations?n=N&with=sku:browse,...              (an anonymous visitor's session)
//   GET /recently-viewed?customer=C&n=N, /buy-again?customer=C&n=N   (the customer's own lists)
//   GET /trending?n=N                                          (the home page)
//   GET /similar?sku=S&n=N&same=category, /bought-together?sku=S&n=N   (a product page)
// the two main rows naming their placement (placement=demo-recommended, demo-similar:
// demo/placements.json), and shows every API error to the visitor instead of failing silently. A
// row whose endpoint this server does not have (404) is hidden. Product names come from the shop's
// own catalog, as in a real front end: here the demo sample's catalog.jsonl, served beside this
// page; an unknown SKU shows its id.
'use strict';

const params = new URLSearchParams(location.search);
// The API's base URL: the same origin by default (the page is served at <base>/demo/), or another
// origin given as ?api=..., which works when the API's ALIKE_ALLOWED_ORIGINS lets this page in.
const API = apiBase(params.get('api'));
// Passed to the API as given, so ?n=0 shows how an API error (400) reaches the visitor.
const N = params.get('n') ?? '8';
const SESSION_EVENT = 'browse';

const state = { customer: null, session: [], product: null };
/** SKU -> {title, category} from the catalog; empty until loaded (tiles then show SKU ids). */
let catalog = new Map();
const rows = {
  recommended: rowOf('recommended', 'Recommended for you'),
  recentlyViewed: rowOf('recently-viewed', 'Recently viewed'),
  buyAgain: rowOf('buy-again', 'Buy it again'),
  trending: rowOf('trending', 'Trending'),
  similar: rowOf('similar', 'Similar products'),
  boughtTogether: rowOf('bought-together', 'Bought together'),
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

/** An Error fit to show, with the HTTP status (0 when the API could not be reached). */
function apiError(status, message) {
  const error = new Error(message);
  error.status = status;
  return error;
}

/** GET a JSON answer; throws an {@link apiError} whose message is the API's own. */
async function getJson(url) {
  let response;
  try {
    response = await fetch(url, { headers: { Accept: 'application/json' } });
  } catch (e) {
    throw apiError(0, `could not reach the API at ${url.origin} (network error, or CORS does not `
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
    throw apiError(response.status, `HTTP ${response.status}: ${message}${field}`);
  }
  if (body === null) throw apiError(response.status, `HTTP ${response.status}: the answer was not JSON`);
  return body;
}

/** The demo's catalog (JSON Lines beside this page): SKU -> {title, category}. */
async function loadCatalog() {
  const url = new URL('catalog.jsonl', location.href);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`HTTP ${response.status} for ${url.pathname}`);
  const entries = new Map();
  for (const line of (await response.text()).split('\n')) {
    if (line.trim()) {
      const entry = JSON.parse(line);
      entries.set(entry.sku, entry);
    }
  }
  return entries;
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

function nameOf(sku) {
  return catalog.get(sku)?.title ?? sku;
}

// Colour words of the sample's product names, so a green teacup looks green; other products get a
// pale colour hashed from the SKU, stable across reloads.
const COLOURS = {
  red: '#c0392b', pink: '#f4a7b9', rose: '#e8879c', roses: '#e8879c', green: '#6aa84f',
  blue: '#5b8def', white: '#f3f1ea', ivory: '#f6f0dc', cream: '#f3e6c4', black: '#333333',
  grey: '#9aa0a6', gray: '#9aa0a6', yellow: '#f1c232', orange: '#e69138', purple: '#8e7cc3',
  gold: '#d4af37', silver: '#c0c0c0', brown: '#8d6e63', natural: '#d9c7a7', zinc: '#a3aab1',
};

function colourOf(sku) {
  for (const word of nameOf(sku).toLowerCase().split(/[^a-z]+/)) {
    if (COLOURS[word]) return COLOURS[word];
  }
  let hash = 0;
  for (const c of sku) hash = (hash * 31 + c.charCodeAt(0)) % 360;
  return `hsl(${hash}, 45%, 78%)`;
}

function swatch(sku) {
  const span = document.createElement('span');
  span.className = 'swatch';
  span.setAttribute('aria-hidden', 'true');
  span.style.background = colourOf(sku);
  return span;
}

function tile(item) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'tile';
  button.dataset.sku = item.sku;
  button.dataset.score = String(item.score);
  button.dataset.category = item.category ?? '';
  button.dataset.source = item.source;
  const name = nameOf(item.sku);
  const detail = [item.sku, `score ${formatScore(item.score)}`, item.source];
  if (typeof item.support === 'number') detail.push(`${item.support} orders`);
  const parts = [
    ['name', name],
    ['category', item.category ?? 'no category'],
  ];
  const because = item.because ?? [];
  button.dataset.because = because.map((b) => b.sku).join(',');
  if (because.length) {
    // The scorer's own explanation: the customer's SKU with the largest share of this score.
    const more = because.length > 1 ? ` and ${because.length - 1} more` : '';
    parts.push(['because', `Because you viewed ${nameOf(because[0].sku)}${more}`]);
  }
  parts.push(['detail', detail.join(' · ')]);
  button.append(swatch(item.sku));
  for (const [cls, text] of parts) {
    const span = document.createElement('span');
    span.className = cls;
    span.textContent = text;
    button.append(span);
  }
  button.setAttribute('aria-label', `Open ${name}, ${item.category ?? 'no category'}`);
  button.addEventListener('click', () => openProduct(item.sku, item.category ?? null));
  const li = document.createElement('li');
  li.append(button);
  return li;
}

function formatScore(score) {
  return Number(score).toFixed(3);
}

/**
 * Loads one row; answers of superseded requests (the visitor clicked again) are dropped. A 404 means
 * this server has no such list: the row is hidden, not reported.
 */
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
    row.section.hidden = false;
    showError(row.title, null);
  } catch (e) {
    if (generation !== row.generation) return;
    row.list.replaceChildren();
    if (e.status === 404) {
      row.section.dataset.state = 'absent';
      row.section.hidden = true;
      return;
    }
    row.status.textContent = `Could not load: ${e.message}`;
    row.section.dataset.state = 'error';
    row.section.hidden = false;
    showError(row.title, `${row.title}: ${e.message}`);
  } finally {
    if (generation === row.generation) row.section.removeAttribute('aria-busy');
  }
}

/** Hides a row that does not apply (a customer's own list for an anonymous visitor). */
function hideRow(row) {
  row.generation++;
  row.list.replaceChildren();
  row.section.hidden = true;
  row.section.dataset.state = 'idle';
  showError(row.title, null);
}

function sessionParam() {
  return state.session.map((sku) => `${sku}:${SESSION_EVENT}`).join(',');
}

/**
 * Loads the customer's rows: "Recommended for you" (a customer's browses were posted as events, so
 * their profile holds them; an anonymous visitor has no profile, so the session goes along as
 * with=), and for a customer "Recently viewed" and "Buy it again".
 */
function loadCustomerRows(before = '') {
  const session = state.customer ? '' : sessionParam();
  loadRow(rows.recommended, apiUrl('recommendations',
    { customer: state.customer, n: N, with: session, placement: 'demo-recommended' }), before);
  for (const [row, path] of [[rows.recentlyViewed, 'recently-viewed'], [rows.buyAgain, 'buy-again']]) {
    if (state.customer) {
      loadRow(row, apiUrl(path, { customer: state.customer, n: N }), before);
    } else {
      hideRow(row);
    }
  }
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

function loadProductRows() {
  loadRow(rows.similar,
    apiUrl('similar', { sku: state.product, n: N, same: 'category', placement: 'demo-similar' }));
  loadRow(rows.boughtTogether, apiUrl('bought-together', { sku: state.product, n: N }));
}

function renderSession() {
  const shown = document.getElementById('session-skus');
  shown.dataset.skus = state.session.join(',');
  shown.textContent = state.session.length ? state.session.map(nameOf).join(', ') : 'nothing yet';
}

/**
 * Opens a product page and records the visit as a shop would: for a customer, a browse event posted
 * to /events (their rows then change through their profile); for an anonymous visitor, a session
 * browse sent with= .
 */
async function openProduct(sku, category) {
  state.product = sku;
  if (!state.session.includes(sku)) state.session.push(sku);
  renderSession();
  document.getElementById('product').hidden = false;
  document.getElementById('product-swatch').style.background = colourOf(sku);
  document.getElementById('product-name').textContent = nameOf(sku);
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
  loadCustomerRows(before);
  loadProductRows();
  document.getElementById('product-name').scrollIntoView({ block: 'nearest' });
}

function selectCustomer(customer) {
  state.customer = customer;
  state.session = [];
  state.product = null;
  document.getElementById('product').hidden = true;
  for (const row of [rows.similar, rows.boughtTogether]) {
    row.generation++;
    row.section.dataset.state = 'idle';
  }
  renderSession();
  loadCustomerRows();
}

async function start() {
  const select = document.getElementById('customer');
  select.addEventListener('change', () => selectCustomer(select.value));
  document.getElementById('clear-session').addEventListener('click', () => selectCustomer(select.value));
  try {
    catalog = await loadCatalog();
    showError('catalog', null);
  } catch (e) {
    showError('catalog', `Product names: ${e.message} (tiles show SKU ids)`);
  }
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
  loadRow(rows.trending, apiUrl('trending', { n: N }));
  selectCustomer(select.value);
  const sku = params.get('sku');
  if (sku) openProduct(sku, catalog.get(sku)?.category ?? null);
}

start();
