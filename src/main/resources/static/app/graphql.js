// GraphQL for Ordergraph's own pages: queries over fetch, subscriptions over graphql-transport-ws (graphql-ws,
// served from its webjar). The token goes in the Authorization header and in connection_init, never in a URL.
//
// Resuming (docs/api.md, "Recipe: resuming after a dropped socket"): graphql-ws reconnects by itself with backoff,
// but would re-send each subscription with the variables it was first started with. So every live() subscription
// keeps the cursor of the last event it handled, is dropped when the socket closes, and is started again from that
// cursor once the socket is back: the missed events arrive once each, then live ones.
import { createClient } from '/webjars/graphql-ws/5.16.0/lib/client.mjs';

/** A GraphQL error answered by the server (errors[] in the body), with its classification. */
export class GraphQlError extends Error {
  constructor(errors) {
    super(errors.map((e) => e.message).join('; '));
    this.errors = errors;
    this.classification = errors[0]?.extensions?.classification;
  }
}

/** Exponential backoff with jitter, 0.5 s doubling up to 10 s: soon enough for a blip, gentle for an outage. */
function backoff(retries) {
  const base = Math.min(10000, 500 * 2 ** retries);
  return new Promise((resolve) => setTimeout(resolve, base / 2 + Math.random() * (base / 2)));
}

/**
 * A connection to /graphql. `token` is an async function answering the current bearer token (or null);
 * `onStatus(state)` hears 'connecting', 'online' and 'offline'.
 */
export function connect({ token, onStatus = () => {} }) {
  const http = new URL('/graphql', location.href);
  const ws = new URL('/graphql', location.href);
  ws.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const lives = new Set();
  let state = 'connecting';
  const status = (next) => {
    if (next !== state) {
      state = next;
      onStatus(next);
    }
  };

  async function query(document, variables = {}) {
    const headers = { 'Content-Type': 'application/json', Accept: 'application/graphql-response+json, application/json' };
    const bearer = await token();
    if (bearer) headers.Authorization = `Bearer ${bearer}`;
    const response = await fetch(http, { method: 'POST', headers, body: JSON.stringify({ query: document, variables }) });
    let body;
    try {
      body = await response.json();
    } catch {
      throw new GraphQlError([{ message: `The server answered ${response.status}` }]);
    }
    if (body.errors?.length) throw new GraphQlError(body.errors);
    return body.data;
  }

  let client = null;
  let renewal = null;
  function start() {
    if (client && !client.fatal) return;
    const mine = createClient({
      url: ws.href,
      lazy: false,
      retryAttempts: Infinity,
      retryWait: backoff,
      shouldRetry: () => true,
      keepAlive: 20000,
      connectionParams: async () => {
        const bearer = await token();
        // the socket is authenticated once, by connection_init: before this token expires (and the server ends the
        // subscriptions), open a new socket with a renewed one and resume there, halfway through the token's renewal
        // margin, by when the sign-in has renewed it (see renewalMargin). Not more often than every 5 s while it
        // cannot be renewed: each new socket asks for a token again.
        clearTimeout(renewal);
        const left = bearer ? secondsLeft(bearer) : Infinity;
        if (Number.isFinite(left)) {
          renewal = setTimeout(() => renew(mine), Math.max(5, left - renewalMargin(bearer) / 2) * 1000);
        }
        return bearer ? { Authorization: `Bearer ${bearer}` } : {};
      },
      on: {
        connected: () => {
          if (client !== mine) return;
          status('online');
          for (const live of lives) live.start();
        },
        closed: () => {
          if (client !== mine) return;
          // drop every subscription: graphql-ws would re-send them with their first `after`
          for (const live of lives) live.stop();
          if (state !== 'connecting') status('offline');
        },
      },
      onNonLazyError: () => {
        if (client !== mine) return;
        // a fatal close (e.g. 4401 with a token that expired meanwhile): start over with a fresh token
        status('offline');
        mine.fatal = true;
        setTimeout(() => { if (lives.size && client === mine) start(); }, 1000);
      },
    });
    client = mine;
  }

  function renew(old) {
    if (client !== old) return;
    client = null;
    for (const live of lives) live.stop();
    start();
    old.dispose();
  }

  /**
   * A resumable subscription: `document` takes `$after`; `field` names its root field; `onEvent(event)` handles
   * each event, whose `cursor` becomes the next `after`. With `resumable: false` the document takes no `$after` and
   * is simply started again after a reconnect (e.g. a count that answers its current value first). When the server
   * completes it, `onComplete` is called if given; otherwise it is started again from its cursor. Answers a
   * function that ends it.
   */
  function live(document, { variables = {}, after = null, field, onEvent, onError = () => {}, onComplete = null,
    resumable = true }) {
    // Each start() makes a new subscription; `current` is the one in use. graphql-ws may still call the sink of one
    // that was dropped (its completion comes once the socket is back), so sinks of any other one are ignored: an
    // old subscription can neither deliver an event twice nor be mistaken for the current one.
    const entry = {
      after,
      current: null,
      done: false,
      start() {
        if (!client || this.current || this.done) return;
        const vars = resumable ? { ...variables, after: this.after } : variables;
        const mine = {};
        this.current = mine;
        mine.dispose = client.subscribe({ query: document, variables: vars }, {
          next: ({ data, errors }) => {
            if (this.current !== mine) return;
            if (errors?.length) {
              onError(new GraphQlError(errors));
              return;
            }
            const event = data[field];
            onEvent(event);
            if (event && typeof event === 'object' && event.cursor) this.after = event.cursor;
          },
          error: (err) => {
            if (this.current !== mine) return;
            this.current = null;
            if (Array.isArray(err)) onError(new GraphQlError(err));
          },
          complete: () => {
            if (this.current !== mine) return; // dropped by stop(): nothing to do
            this.current = null;
            if (onComplete) {
              // the server ended it for good (e.g. the guest's session closed)
              this.done = true;
              lives.delete(this);
              onComplete();
            } else {
              setTimeout(() => this.start(), 1000); // e.g. ended at a token's expiry: go on from the cursor
            }
          },
        });
      },
      stop() {
        const dropped = this.current;
        this.current = null;
        dropped?.dispose();
      },
    };
    lives.add(entry);
    start(); // the socket opens with the first subscription
    if (state === 'online') entry.start();
    return () => {
      entry.done = true;
      lives.delete(entry);
      entry.stop();
    };
  }

  function close() {
    clearTimeout(renewal);
    for (const live of lives) live.stop();
    lives.clear();
    const closing = client;
    client = null;
    closing?.dispose();
  }

  return { query, live, close, get state() { return state; } };
}

function claims(jwt) {
  try {
    return JSON.parse(atob(jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
  } catch {
    return null;
  }
}

/** Seconds until a JWT's `exp` (negative once expired); Infinity when it has none. */
export function secondsLeft(jwt) {
  const payload = claims(jwt);
  if (!payload) return -1;
  return payload.exp ? payload.exp - Date.now() / 1000 : Infinity;
}

/**
 * How many seconds before its expiry a JWT is renewed: a minute, or a third of its lifetime when that is shorter (a
 * provider may issue tokens that live a minute or less). Sign-in renews its token at this margin; a socket opened with
 * the token moves to the renewed one at half of it, before the server ends its subscriptions at the expiry.
 */
export function renewalMargin(jwt) {
  const { iat, exp } = claims(jwt) ?? {};
  const lifetime = iat && exp ? exp - iat : 300;
  return Math.max(1, Math.min(60, lifetime / 3));
}

/** Formats a Money ({amount: "150.00", currency: "KES"}) for people, keeping the server's exact digits. */
export function money(m) {
  if (!m) return '';
  const [whole, fraction] = m.amount.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${m.currency} ${fraction === undefined ? grouped : `${grouped}.${fraction}`}`;
}

/** Creates an element: el('li', {class: 'x', dataset: {id}}, 'text', child, ...). */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (value === true) node.setAttribute(key, '');
    else node.setAttribute(key, value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}
