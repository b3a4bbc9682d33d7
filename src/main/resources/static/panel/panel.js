// The staff panel: the sessions board (orderSessionBoard), the orders view (orderEvents), their modals and actions.
import { connect, el, money, GraphQlError } from '/app/graphql.js';
import * as auth from '/panel/auth.js';

const $ = (id) => document.getElementById(id);

const LINES = 'lines { productName quantity amount { amount currency } }';
const BOARD_SESSION = 'id label state openedAt guests { id } orders(first: 20) { edges { node { id number status } } }';
const MODAL_ORDER = `id number status placedAt note total { amount currency } ${LINES}`;
const ROW_ORDER = `id number status placedAt total { amount currency } customer { name } session { id label } ${LINES}`;
const BOARD_EVENTS = `subscription($after: String) { orderSessionBoard(after: $after) {
  cursor type occurredAt sessionId sessionLabel sessionState guestName
  order { id number status previousStatus total { amount currency } lines { productName quantity amount { amount currency } } }
} }`;
const ORDER_EVENTS = `subscription($after: String) { orderEvents(after: $after) {
  cursor type occurredAt orderNumber status previousStatus note order { ${ROW_ORDER} }
} }`;
const PENDING = ['PLACED', 'ACCEPTED', 'PREPARING', 'READY'];

/** What a staff member with MANAGE_ORDERS may do to an order in each status. */
const ACTIONS = {
  PLACED: [['accept', 'Accept', 'acceptOrder'], ['reject', 'Reject…', 'rejectOrder'], ['cancel', 'Cancel', 'cancelOrder']],
  ACCEPTED: [['advance', 'Start preparing', 'startPreparingOrder'], ['cancel', 'Cancel', 'cancelOrder']],
  PREPARING: [['advance', 'Mark ready', 'markOrderReady'], ['cancel', 'Cancel', 'cancelOrder']],
  READY: [['advance', 'Fulfil', 'fulfilOrder'], ['cancel', 'Cancel', 'cancelOrder']],
};

let api = null;
let me = null;
const sessions = new Map();
const rows = new Map();
let modalSession = null;
let statusFilter = '';

const can = (permission) => me?.permissions.includes(permission);
const time = (iso) => (iso ? new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : '');

function showError(target, error) {
  const message = error instanceof GraphQlError || error instanceof Error ? error.message : String(error);
  $(target).textContent = message;
}

function setConnection(state) {
  const badge = $('connection');
  badge.className = `connection ${state}`;
  badge.textContent = { online: 'live', offline: 'offline — reconnecting…', connecting: 'connecting…' }[state];
}

// ---------------------------------------------------------------- sign-in

async function start() {
  setConnection('connecting');
  auth.onSignInEnded(signInEnded);
  let config;
  try {
    config = await auth.loadConfig();
    if (config.mode === 'oidc' && await auth.completeOidcSignIn()) {
      await signedIn();
      return;
    }
  } catch (error) {
    showSignIn(config);
    showError('sign-in-error', error);
    return;
  }
  showSignIn(config);
}

function showSignIn(config) {
  $('sign-in').hidden = false;
  $('connection').hidden = true;
  const list = $('demo-users');
  list.replaceChildren();
  if (config?.mode === 'embedded') {
    $('sign-in-hint').textContent = 'Embedded mode: sign in as one of the demo users.';
    for (const user of config.demoUsers) {
      list.append(el('li', {},
        el('button', { type: 'button', class: 'demo-user', dataset: { subject: user.subject }, onclick: async () => {
          try {
            await auth.signInAs(user);
            await signedIn();
          } catch (error) {
            showError('sign-in-error', error);
          }
        } }, el('strong', {}, user.name), el('span', {}, user.description))));
    }
  } else if (config?.mode === 'oidc') {
    $('sign-in-hint').textContent = `Sign in with ${new URL(config.issuer).host}.`;
    $('oidc-sign-in').hidden = false;
    $('oidc-sign-in').onclick = () => auth.startOidcSignIn().catch((error) => showError('sign-in-error', error));
  } else {
    $('sign-in-hint').textContent = 'No way to sign in is configured.';
  }
}

/** The sign-in could not be renewed (e.g. the provider's session ended): back to the sign-in screen. */
function signInEnded() {
  api?.close();
  api = null;
  me = null;
  for (const id of ['board', 'orders', 'nav', 'sign-out']) $(id).hidden = true;
  for (const id of ['qr-modal', 'orders-modal', 'bill-modal']) $(id).close();
  $('who').textContent = '';
  auth.loadConfig().then(showSignIn, () => showSignIn(null))
    .then(() => showError('sign-in-error', 'Your sign-in has ended: sign in again.'));
}

async function signedIn() {
  $('sign-in-error').textContent = '';
  api = connect({ token: auth.token, onStatus: setConnection });
  ({ me } = await api.query('{ me { name subject permissions } }'));
  $('sign-in').hidden = true;
  $('connection').hidden = false;
  $('who').textContent = me.name || me.subject;
  $('sign-out').hidden = false;
  $('sign-out').onclick = () => {
    api.close();
    auth.signOut();
  };
  $('nav').hidden = false;
  if (!can('MANAGE_SESSIONS') && !can('MANAGE_ORDERS')) {
    $('sign-in').hidden = false;
    $('demo-users').replaceChildren();
    $('sign-in-hint').textContent = 'You are signed in, but hold neither MANAGE_SESSIONS nor MANAGE_ORDERS.';
    return;
  }
  $('nav-sessions').hidden = !can('MANAGE_SESSIONS');
  $('nav-orders').hidden = !can('MANAGE_ORDERS');
  $('nav-sessions').onclick = () => showTab('board');
  $('nav-orders').onclick = () => showTab('orders');
  const loads = [];
  if (can('MANAGE_SESSIONS')) loads.push(loadBoard());
  if (can('MANAGE_ORDERS')) loads.push(loadOrders());
  showTab(can('MANAGE_SESSIONS') ? 'board' : 'orders');
  await Promise.all(loads);
}

function showTab(name) {
  $('board').hidden = name !== 'board';
  $('orders').hidden = name !== 'orders';
  for (const [tab, view] of [['nav-sessions', 'board'], ['nav-orders', 'orders']]) {
    if (view === name) $(tab).setAttribute('aria-current', 'page');
    else $(tab).removeAttribute('aria-current');
  }
}

// ---------------------------------------------------------------- sessions board

function remember(node) {
  const session = sessions.get(node.id) ?? { id: node.id, orders: new Map(), guests: 0 };
  session.label = node.label;
  session.state = node.state;
  session.openedAt = node.openedAt ?? session.openedAt;
  if (node.guests) session.guests = node.guests.length;
  for (const { node: order } of node.orders?.edges ?? []) upsertInto(session.orders, order);
  sessions.set(node.id, session);
  return session;
}

function upsertInto(map, order) {
  map.set(order.id, { ...(map.get(order.id) ?? {}), ...order });
}

async function loadBoard() {
  try {
    const { latestEventCursor } = await api.query('{ latestEventCursor }');
    const column = (state, first) => `${state.toLowerCase()}: orderSessions(state: ${state}, first: ${first}) {
      edges { node { ${BOARD_SESSION} } } }`;
    const data = await api.query(`{ ${column('OPENED', 50)} ${column('VERIFIED', 50)} ${column('CLOSED', 20)} }`);
    for (const key of ['opened', 'verified', 'closed']) for (const { node } of data[key].edges) remember(node);
    renderBoard();
    api.live(BOARD_EVENTS, { field: 'orderSessionBoard', after: latestEventCursor, onEvent: boardEvent,
      onError: (error) => showError('open-session-error', error) });
  } catch (error) {
    showError('open-session-error', error);
  }
}

function boardEvent(event) {
  const session = sessions.get(event.sessionId)
    ?? { id: event.sessionId, orders: new Map(), guests: 0, openedAt: event.occurredAt };
  session.label = event.sessionLabel;
  session.state = event.sessionState;
  if (event.type === 'GUEST_JOINED') session.guests += 1;
  if (event.order) upsertInto(session.orders, event.order);
  sessions.set(session.id, session);
  renderBoard();
  if (modalSession === session.id) renderSessionOrders();
}

function renderBoard() {
  const sorted = [...sessions.values()].sort((a, b) => (b.openedAt ?? '').localeCompare(a.openedAt ?? ''));
  for (const state of ['OPENED', 'VERIFIED', 'CLOSED']) {
    const cards = sorted.filter((s) => s.state === state).map(card);
    $(`col-${state}`).querySelector('.cards')
      .replaceChildren(...(cards.length ? cards : [el('p', { class: 'muted empty' }, 'None')]));
  }
}

function card(session) {
  const orders = [...session.orders.values()];
  return el('article', { class: `session ${session.state.toLowerCase()}`, dataset: { id: session.id, label: session.label } },
    el('h3', {}, session.label),
    el('p', { class: 'meta' }, `${session.guests} guest${session.guests === 1 ? '' : 's'} · ${orders.length} order${orders.length === 1 ? '' : 's'}`),
    el('ul', { class: 'card-orders' }, orders.map((o) => el('li', { class: 'order', dataset: { number: o.number, status: o.status } },
      o.number, ' ', el('span', { class: `status status-${o.status}` }, o.status)))),
    el('div', { class: 'card-actions' },
      session.state !== 'CLOSED' && el('button', { type: 'button', class: 'show-qr', onclick: () => showQr(session.id) }, 'QR code'),
      el('button', { type: 'button', class: 'show-orders', onclick: () => showOrders(session.id) }, 'Orders'),
      session.state === 'CLOSED' && el('button', { type: 'button', class: 'show-bill', onclick: () => showBill(session.id) }, 'Bill')));
}

$('open-session').addEventListener('submit', async (submit) => {
  submit.preventDefault();
  $('open-session-error').textContent = '';
  const label = $('session-label').value.trim();
  try {
    const { openOrderSession: result } = await api.query(`mutation($label: String!) {
      openOrderSession(input: {label: $label}) { session { ${BOARD_SESSION} } errors { code message } } }`, { label });
    if (result.errors.length) {
      showError('open-session-error', result.errors[0].message);
      return;
    }
    remember(result.session);
    renderBoard();
    $('session-label').value = '';
    showQr(result.session.id);
  } catch (error) {
    showError('open-session-error', error);
  }
});

async function showQr(id) {
  const { orderSession: session } = await api.query(`query($id: ID!) {
    orderSession(id: $id) { label qrCode(size: 300) { url svg } } }`, { id });
  $('qr-title').textContent = session.label;
  // the SVG goes into the page itself: an <img> of a data: URL would need img-src data: in the CSP
  const svg = session.qrCode
    ? new DOMParser().parseFromString(session.qrCode.svg, 'image/svg+xml').documentElement : null;
  $('qr-image').replaceChildren(...(svg && svg.nodeName === 'svg' ? [document.importNode(svg, true)] : []));
  $('qr-url').href = session.qrCode?.url ?? '';
  $('qr-url').textContent = session.qrCode?.url ?? 'This session is closed.';
  openModal('qr-modal');
}

async function showOrders(id) {
  modalSession = id;
  $('orders-modal-error').textContent = '';
  const { orderSession: node } = await api.query(`query($id: ID!) {
    orderSession(id: $id) { id label state openedAt guests { id } orders(first: 100) { edges { node { ${MODAL_ORDER} } } } } }`, { id });
  remember(node);
  renderSessionOrders();
  openModal('orders-modal');
}

function renderSessionOrders() {
  const session = sessions.get(modalSession);
  if (!session) return;
  $('orders-title').textContent = `${session.label} · ${session.state}`;
  const orders = [...session.orders.values()];
  $('session-orders').replaceChildren(...(orders.length ? orders.map((o) => orderEntry(o, 'orders-modal-error'))
    : [el('p', { class: 'muted' }, 'No orders yet.')]));
  $('close-session').hidden = session.state === 'CLOSED' || !can('MANAGE_SESSIONS');
}

function orderEntry(order, errorTarget) {
  return el('article', { class: 'order-entry', dataset: { number: order.number, status: order.status } },
    el('header', {}, el('strong', {}, order.number),
      el('span', { class: `status status-${order.status}` }, order.status),
      el('span', { class: 'total' }, money(order.total))),
    el('ul', { class: 'lines' }, (order.lines ?? []).map((l) => el('li', {}, `${l.quantity} × ${l.productName}`,
      el('span', {}, money(l.amount))))),
    order.note && el('p', { class: 'note' }, order.note),
    actions(order, errorTarget));
}

function actions(order, errorTarget) {
  if (!can('MANAGE_ORDERS')) return null;
  const box = el('div', { class: 'order-actions' });
  for (const [kind, text, mutation] of ACTIONS[order.status] ?? []) {
    box.append(el('button', { type: 'button', class: `action-${kind}${kind === 'cancel' || kind === 'reject' ? ' danger' : ''}`,
      onclick: () => (kind === 'reject' ? askReason(box, order, errorTarget) : change(mutation, { id: order.id }, errorTarget)) }, text));
  }
  return box;
}

function askReason(box, order, errorTarget) {
  const reason = el('input', { class: 'reject-reason', placeholder: 'Why? (the guest sees this)', maxlength: 500, required: true });
  const form = el('form', { class: 'reject-form', onsubmit: (submit) => {
    submit.preventDefault();
    change('rejectOrder', { id: order.id, reason: reason.value.trim() }, errorTarget);
  } }, reason, el('button', { type: 'submit', class: 'danger confirm-reject' }, 'Reject order'));
  box.replaceChildren(form);
  reason.focus();
}

async function change(mutation, input, errorTarget) {
  $(errorTarget).textContent = '';
  const type = mutation === 'rejectOrder' ? 'RejectOrderInput' : 'ChangeOrderStatusInput';
  try {
    const { [mutation]: result } = await api.query(`mutation($input: ${type}!) {
      ${mutation}(input: $input) { order { ${ROW_ORDER} } errors { code message } } }`, { input });
    if (result.errors.length) showError(errorTarget, result.errors[0].message);
    else orderChanged(result.order);
  } catch (error) {
    showError(errorTarget, error);
  }
}

/** An order as it now is (a mutation's answer or an event): every view that shows it follows. */
function orderChanged(order) {
  const sessionId = order.session?.id;
  for (const session of sessions.values()) {
    if (session.orders.has(order.id) || session.id === sessionId) {
      const { customer, session: ignored, ...rest } = order;
      upsertInto(session.orders, rest);
    }
  }
  if (rows.has(order.id) || matchesFilter(order)) upsertInto(rows, order);
  if (!matchesFilter(order)) rows.delete(order.id);
  renderBoard();
  if (modalSession) renderSessionOrders();
  renderRows();
}

$('close-session').addEventListener('click', async () => {
  const id = modalSession;
  $('orders-modal-error').textContent = '';
  try {
    const { closeOrderSession: result } = await api.query(`mutation($id: ID!) {
      closeOrderSession(input: {id: $id}) { session { ${BOARD_SESSION} } errors { code message } } }`, { id });
    if (result.errors.length) {
      showError('orders-modal-error', result.errors[0].message);
      return;
    }
    remember(result.session);
    renderBoard();
    closeModal('orders-modal');
    await showBill(id);
  } catch (error) {
    showError('orders-modal-error', error);
  }
});

async function showBill(id) {
  const amounts = 'subtotal { amount currency } tax { amount currency } total { amount currency }';
  const { orderSession: session } = await api.query(`query($id: ID!) { orderSession(id: $id) { label bill {
    closed at orders { number status counted ${amounts} } totals { currency orderCount ${amounts} } } } }`, { id });
  const bill = session.bill;
  $('bill-title').textContent = `${session.label} · bill${bill.closed ? ' (final)' : ''}`;
  $('bill').replaceChildren(el('table', { class: 'bill' },
    el('thead', {}, el('tr', {}, el('th', {}, 'Order'), el('th', {}, 'Status'), el('th', {}, 'Subtotal'), el('th', {}, 'Tax'), el('th', {}, 'Total'))),
    el('tbody', {}, bill.orders.map((o) => el('tr', { class: o.counted ? '' : 'not-counted', dataset: { number: o.number } },
      el('td', {}, o.number), el('td', {}, o.status), el('td', {}, money(o.subtotal)), el('td', {}, money(o.tax)), el('td', {}, money(o.total))))),
    el('tfoot', {}, bill.totals.map((t) => el('tr', { class: 'bill-total', dataset: { currency: t.currency } },
      el('th', {}, `Total (${t.orderCount} order${t.orderCount === 1 ? '' : 's'})`), el('td', {}, ''),
      el('td', {}, money(t.subtotal)), el('td', {}, money(t.tax)), el('td', {}, money(t.total))))))
  , el('p', { class: 'muted' }, `As of ${new Date(bill.at).toLocaleString()}`));
  openModal('bill-modal');
}

// ---------------------------------------------------------------- orders view

function filterStatuses() {
  if (!statusFilter) return null;
  return statusFilter === 'PENDING' ? PENDING : [statusFilter];
}

function matchesFilter(order) {
  const statuses = filterStatuses();
  return !statuses || statuses.includes(order.status);
}

async function loadOrders() {
  try {
    const { latestEventCursor } = await api.query('{ latestEventCursor }');
    await reloadRows();
    api.live(ORDER_EVENTS, { field: 'orderEvents', after: latestEventCursor, onEvent: orderEvent,
      onError: (error) => showError('orders-error', error) });
    api.live('subscription { pendingFulfilmentCount }', { field: 'pendingFulfilmentCount', resumable: false,
      onEvent: (count) => { $('pending-badge').textContent = String(count); } });
  } catch (error) {
    showError('orders-error', error);
  }
}

async function reloadRows() {
  const statuses = filterStatuses();
  const { orders } = await api.query(`query($filter: OrderFilter) { orders(first: 50, filter: $filter) {
    totalCount edges { node { ${ROW_ORDER} } } } }`, { filter: statuses ? { statuses } : null });
  rows.clear();
  for (const { node } of orders.edges) rows.set(node.id, node);
  renderRows();
}

$('status-filter').addEventListener('change', async () => {
  statusFilter = $('status-filter').value;
  try {
    await reloadRows();
  } catch (error) {
    showError('orders-error', error);
  }
});

function orderEvent(event) {
  const what = { PLACED: 'placed', STATUS_CHANGED: `${event.previousStatus} → ${event.status}`,
    LINES_CHANGED: 'lines changed', ARCHIVED: 'archived', NOTIFICATION: 'notification' }[event.type] ?? event.type;
  const activity = $('activity');
  activity.prepend(el('li', { class: 'activity-entry', dataset: { cursor: event.cursor, number: event.orderNumber, type: event.type } },
    el('time', {}, time(event.occurredAt)), ' ', el('strong', {}, event.orderNumber), ' ', what));
  while (activity.children.length > 50) activity.lastElementChild.remove();
  if (event.order) orderChanged(event.order);
}

function renderRows() {
  const list = [...rows.values()].sort((a, b) => b.placedAt.localeCompare(a.placedAt));
  $('orders-count').textContent = `${list.length} shown`;
  $('order-rows').replaceChildren(...list.map((o) => el('tr', { class: 'order-row', dataset: { number: o.number, status: o.status } },
    el('td', {}, el('strong', {}, o.number)),
    el('td', {}, o.session?.label ?? o.customer?.name ?? ''),
    el('td', {}, time(o.placedAt)),
    el('td', { class: 'lines' }, (o.lines ?? []).map((l) => `${l.quantity} × ${l.productName}`).join(', ')),
    el('td', {}, money(o.total)),
    el('td', {}, el('span', { class: `status status-${o.status}` }, o.status)),
    el('td', {}, actions(o, 'orders-error')))));
}

// ---------------------------------------------------------------- modals

function openModal(id) {
  const dialog = $(id);
  if (!dialog.open) dialog.showModal();
}

function closeModal(id) {
  const dialog = $(id);
  if (dialog.open) dialog.close();
  if (id === 'orders-modal') modalSession = null;
}

for (const dialog of document.querySelectorAll('dialog')) {
  dialog.addEventListener('close', () => {
    if (dialog.id === 'orders-modal') modalSession = null;
  });
  for (const button of dialog.querySelectorAll('.close-modal')) button.addEventListener('click', () => closeModal(dialog.id));
}
$('qr-print').addEventListener('click', () => window.print());
$('bill-print').addEventListener('click', () => window.print());

start();
