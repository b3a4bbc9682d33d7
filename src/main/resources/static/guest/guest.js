// The guest's page behind a table's QR code (/join/{code}): join, menu with prices and what is left, basket, orders
// followed live (orderSessionEvents), the bill, and a clear closed state.
//
// The guest token is kept in sessionStorage under the join code: a phone reloads or discards background tabs often,
// and joining again would make a new guest each time. It stays in this tab only, works for this one session with
// guest rights only, and stops working the moment staff close the session (it is removed then).
import { connect, el, money, GraphQlError } from '/app/graphql.js';

const $ = (id) => document.getElementById(id);
const code = decodeURIComponent(location.pathname.split('/').filter(Boolean).pop() ?? '');
const STORAGE_KEY = `ordergraph.guest.${code}`;
const LINES = 'lines { productName quantity amount { amount currency } }';
const ORDER = `id number status total { amount currency } ${LINES}`;
const AMOUNTS = 'subtotal { amount currency } tax { amount currency } total { amount currency }';
const BILL = `bill { closed orders { number status counted total { amount currency } } totals { currency orderCount ${AMOUNTS} } }`;
const EVENTS = `subscription($id: ID!, $after: String) { orderSessionEvents(sessionId: $id, after: $after) {
  cursor type sessionState order { id number status previousStatus total { amount currency } ${LINES} } } }`;

let token = null;
let api = null;
let session = null;
let closed = false;
const products = new Map();
const basket = new Map();
const orders = new Map();
let idempotencyKey = null;
let refreshTimer = null;

function showError(error) {
  $('error').textContent = error ? (error.message ?? String(error)) : '';
}

function setConnection(state) {
  const badge = $('connection');
  badge.hidden = false;
  badge.className = `connection ${state}`;
  badge.textContent = { online: 'live', offline: 'offline…', connecting: 'connecting…' }[state];
}

// ---------------------------------------------------------------- joining

async function start() {
  const saved = JSON.parse(sessionStorage.getItem(STORAGE_KEY) || 'null');
  if (saved?.token) {
    token = saved.token;
    try {
      await enter();
      return;
    } catch (error) {
      // the token died (the session closed, or it expired): join again, which also tells whether it is closed
      forget();
    }
  }
  $('join').hidden = false;
}

$('join').addEventListener('submit', async (submit) => {
  submit.preventDefault();
  showError(null);
  $('join-button').disabled = true;
  try {
    const anonymous = connect({ token: async () => null });
    let result;
    try {
      ({ joinOrderSession: result } = await anonymous.query(`mutation($code: String!, $name: String!) {
        joinOrderSession(input: {code: $code, name: $name}) { token session { label } errors { code message } } }`,
      { code, name: $('guest-name').value.trim() }));
    } finally {
      anonymous.close();
    }
    if (result.errors.length) {
      const [problem] = result.errors;
      if (problem.code === 'SESSION_CLOSED') showClosed();
      else if (problem.code === 'INVALID_JOIN_CODE') showWrongCode();
      else if (problem.code === 'JOIN_ATTEMPTS_EXCEEDED') showThrottled(problem.message);
      else showError(problem.message);
      return;
    }
    token = result.token;
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ token }));
    $('join').hidden = true;
    await enter();
  } catch (error) {
    showError(error);
  } finally {
    $('join-button').disabled = false;
  }
});

function showProblem(kind, title, text) {
  $('join').hidden = true;
  $('problem').hidden = false;
  $('problem').dataset.problem = kind;
  $('problem-title').textContent = title;
  $('problem-text').textContent = text;
}

/** No table has this code (mistyped, from an old receipt, or not one of ours): nothing to order here. */
function showWrongCode() {
  showProblem('wrong-code', 'This is not a table\'s code',
    'The address you opened does not belong to any table. Scan the QR code on your table again, or ask the staff '
    + 'for help.');
}

/**
 * Too many wrong codes came from this network (the server's join throttle): say when joining works again, and offer
 * the form again then. The server's message says how many seconds that is ("try again in 540 s").
 */
function showThrottled(message) {
  const seconds = Number(/(\d+)\s*s\b/.exec(message ?? '')?.[1] ?? 600);
  const at = new Date(Date.now() + seconds * 1000);
  const wait = seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
  showProblem('throttled', 'Too many attempts',
    `Too many wrong table codes were tried from this network, so joining is paused for now. You can try again in `
    + `about ${wait}, at ${at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}.`);
  setTimeout(() => {
    $('problem').hidden = true;
    $('join').hidden = false;
  }, seconds * 1000);
}

function forget() {
  sessionStorage.removeItem(STORAGE_KEY);
  token = null;
  api?.close();
  api = null;
}

// ---------------------------------------------------------------- the table

async function enter() {
  api = connect({ token: async () => token, onStatus: setConnection });
  const { latestEventCursor } = await api.query('{ latestEventCursor }');
  const data = await api.query(`{ me { name orderSession { id label state orders(first: 100) { edges { node { ${ORDER} } } }
    ${BILL} } } }`);
  session = data.me.orderSession;
  if (!session) throw new GraphQlError([{ message: 'Not a guest of a table', extensions: { classification: 'UNAUTHORIZED' } }]);
  $('join').hidden = true;
  $('table').textContent = session.label;
  document.title = `${session.label} · Ordergraph`;
  await loadProducts();
  for (const { node } of session.orders.edges) orders.set(node.id, node);
  for (const id of ['menu', 'basket', 'my-orders', 'bill-section']) $(id).hidden = false;
  renderProducts();
  renderBasket();
  renderOrders();
  renderBill(session.bill);
  if (session.state === 'CLOSED') {
    showClosed();
    return;
  }
  api.live(EVENTS, { field: 'orderSessionEvents', variables: { id: session.id }, after: latestEventCursor,
    onEvent: sessionEvent, onComplete: () => showClosed(), onError: showError });
}

function sessionEvent(event) {
  if (event.order) {
    orders.set(event.order.id, { ...(orders.get(event.order.id) ?? {}), ...event.order });
    renderOrders();
    scheduleRefresh();
  }
  if (event.type === 'SESSION_CLOSED' || event.sessionState === 'CLOSED') showClosed();
}

/** Stock and bill follow the table's orders (a little later, once per burst of events). */
function scheduleRefresh() {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(async () => {
    if (closed || !api) return;
    try {
      const data = await api.query(`{ me { orderSession { ${BILL} } } }`);
      await loadProducts();
      renderProducts();
      renderBasket();
      if (data.me.orderSession) renderBill(data.me.orderSession.bill);
    } catch {
      // the session may just have closed: its event says so
    }
  }, 250);
}

function showClosed() {
  if (closed) return;
  closed = true;
  $('closed').hidden = false;
  $('join').hidden = true;
  $('menu').hidden = true;
  $('basket').hidden = true;
  $('place-order').disabled = true;
  basket.clear();
  $('bill-section').querySelector('h2').textContent = 'Final bill';
  sessionStorage.removeItem(STORAGE_KEY);
  api?.close();
  $('connection').hidden = true;
}

// ---------------------------------------------------------------- menu and basket

/** The whole visible catalog, page by page (at most 500 products). */
async function loadProducts() {
  const all = [];
  let after = null;
  for (let page = 0; page < 5; page++) {
    const { products: connection } = await api.query(`query($after: String) { products(first: 100, after: $after) {
      pageInfo { hasNextPage endCursor } edges { node { id name description price { amount currency } stock } } } }`, { after });
    all.push(...connection.edges.map((e) => e.node));
    if (!connection.pageInfo.hasNextPage) break;
    after = connection.pageInfo.endCursor;
  }
  products.clear();
  for (const product of all) products.set(product.id, product);
}

function renderProducts() {
  $('products').replaceChildren(...[...products.values()].map((p) => {
    const inBasket = basket.get(p.id) ?? 0;
    return el('li', { class: 'product', dataset: { id: p.id, name: p.name } },
      el('span', { class: 'name' }, p.name),
      el('span', { class: 'price' }, money(p.price)),
      p.description && el('span', { class: 'description' }, p.description),
      el('span', { class: 'left' }, p.stock > 0 ? `${p.stock} left` : 'Sold out'),
      el('button', { type: 'button', class: 'add', disabled: closed || inBasket >= p.stock,
        'aria-label': `Add ${p.name}`, onclick: () => add(p.id, 1) }, '+'));
  }));
}

function add(productId, delta) {
  const quantity = (basket.get(productId) ?? 0) + delta;
  if (quantity <= 0) basket.delete(productId);
  else basket.set(productId, quantity);
  idempotencyKey = null;
  renderBasket();
  renderProducts();
}

/** Exact sums of Money amounts (strings) in minor units: no floats. */
function total(lines) {
  let units = 0n;
  let scale = 0;
  let currency = '';
  for (const { price, quantity } of lines) {
    const [whole, fraction = ''] = price.amount.split('.');
    scale = fraction.length;
    currency = price.currency;
    units += BigInt(whole + fraction) * BigInt(quantity);
  }
  const digits = units.toString().padStart(scale + 1, '0');
  const amount = scale ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
  return { amount, currency };
}

function renderBasket() {
  const lines = [...basket.entries()].filter(([id]) => products.has(id))
    .map(([id, quantity]) => ({ ...products.get(id), quantity }));
  $('basket-lines').replaceChildren(...(lines.length ? lines.map((l) => el('li', { class: 'basket-line', dataset: { name: l.name } },
    el('button', { type: 'button', 'aria-label': `One ${l.name} less`, onclick: () => add(l.id, -1) }, '−'),
    el('span', { class: 'quantity' }, String(l.quantity)),
    el('span', { class: 'name' }, l.name),
    el('span', {}, money(total([l])))))
    : [el('li', { class: 'muted' }, 'Tap + on the menu to add something.')]));
  $('basket-total').textContent = lines.length ? money(total(lines)) : '';
  $('place-order').disabled = closed || lines.length === 0;
}

$('place-order').addEventListener('click', async () => {
  if (closed) return;
  showError(null);
  const lines = [...basket.entries()].map(([productId, quantity]) => ({ productId, quantity }));
  idempotencyKey ??= crypto.randomUUID();
  $('place-order').disabled = true;
  try {
    const note = $('order-note').value.trim() || null;
    const { placeSessionOrder: result } = await api.query(`mutation($input: PlaceSessionOrderInput!) {
      placeSessionOrder(input: $input) { order { ${ORDER} } errors { code message } } }`,
    { input: { lines, idempotencyKey, note } });
    if (result.errors.length) {
      if (result.errors[0].code === 'SESSION_CLOSED') showClosed();
      else showError(result.errors[0].message);
      return;
    }
    basket.clear();
    idempotencyKey = null;
    $('order-note').value = '';
    orders.set(result.order.id, result.order);
    renderOrders();
    renderBasket();
    scheduleRefresh();
  } catch (error) {
    if (error instanceof GraphQlError && error.classification === 'UNAUTHORIZED') showClosed();
    else showError(error);
  } finally {
    renderBasket();
  }
});

// ---------------------------------------------------------------- orders and bill

function renderOrders() {
  const list = [...orders.values()];
  $('orders').replaceChildren(...(list.length ? list.map((o) => el('li', { class: 'guest-order', dataset: { number: o.number, status: o.status } },
    el('header', {}, el('strong', {}, o.number), el('span', { class: `status status-${o.status}` }, o.status),
      el('span', { class: 'total' }, money(o.total))),
    el('div', { class: 'lines' }, (o.lines ?? []).map((l) => `${l.quantity} × ${l.productName}`).join(', '))))
    : [el('li', { class: 'muted' }, 'No orders yet.')]));
}

function renderBill(bill) {
  if (!bill) return;
  $('bill').replaceChildren(el('table', { class: 'bill' },
    el('tbody', {}, bill.orders.map((o) => el('tr', { class: o.counted ? '' : 'not-counted' },
      el('td', {}, `${o.number} · ${o.status}`), el('td', {}, money(o.total))))),
    el('tfoot', {}, bill.totals.map((t) => [
      el('tr', {}, el('td', {}, 'Subtotal'), el('td', {}, money(t.subtotal))),
      el('tr', {}, el('td', {}, 'Tax'), el('td', {}, money(t.tax))),
      el('tr', { class: 'bill-total' }, el('th', {}, 'To pay'), el('th', {}, money(t.total)))]))));
}

start();
