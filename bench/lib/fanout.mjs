// Subscription fan-out (scenarios 4 and 5): N graphql-transport-ws subscriptions to orderEvents, spread over
// connections of `perConnection` subscriptions each and over staff callers (the per-caller cap is 200), on
// subscribeBase; orders placed over HTTP on mutateBase. A first order proves every subscription is live; `warmup` orders
// follow unmeasured (the path through a fresh JVM is interpreted at first); then each measured order's commit time (pg_xact_commit_timestamp of its row, the database's clock on this machine) is compared
// with the time each subscriber received its PLACED event.
// Needs the npm package ws in $BENCH_NODE_DEPS (bench/run.sh installs it outside the repository).
import { createRequire } from "node:module";
import { percentile } from "./stats.mjs";

const WebSocket = createRequire(`${process.env.BENCH_NODE_DEPS}/index.js`)("ws");

// What each subscriber selects: "plain" a few of the event's own fields; "panel" the staff panel's subscription as
// src/main/resources/static/panel/panel.js sends it (the order with its total, customer, session and lines, resumed
// from a cursor), which resolves the order as it is now for every event.
const LINES = "lines { id productName quantity unitPrice { amount currency } amount { amount currency } }";
export const SHAPES = {
  plain: "subscription { orderEvents { type orderNumber } }",
  panel: "subscription($after: String) { orderEvents(after: $after) { cursor type occurredAt orderNumber status "
    + "previousStatus note order { id number status placedAt total { amount currency } customer { name } "
    + `session { id label } ${LINES} } } }`,
};
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Places a one-line order; a GraphQL-form OVERLOADED is retried after its retryAfterMs, as a client would (5 tries). */
async function placeOrder(base, customerToken, productId, problems) {
  for (let attempt = 1; ; attempt++) {
    const response = await fetch(`${base}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${customerToken}` },
      body: JSON.stringify({ query: `mutation { placeOrder(input: {lines: [{productId: "${productId}", quantity: 1}]}) `
        + "{ order { number } errors { code } } }" }),
    });
    const body = await response.json();
    const number = body.data?.placeOrder?.order?.number;
    if (number) return number;
    const overloaded = body.errors?.find((e) => e.extensions?.classification === "OVERLOADED");
    if (!overloaded || attempt >= 5) throw new Error(`placeOrder failed: ${JSON.stringify(body).slice(0, 300)}`);
    problems.order_retries++;
    await sleep(overloaded.extensions.retryAfterMs ?? 1000);
  }
}

export async function fanout({ subscribeBase, mutateBase, tokens, subscribers, perConnection, orders, warmup = 0,
  customerToken, productId, psql, log, whileHeld, serverCpuMs, shape = "plain", after = null, statements }) {
  const document = SHAPES[shape];
  const receipts = new Map(); // order number -> receipt times
  const problems = { errors: 0, refused: 0, closed: 0, order_retries: 0, samples: [] };
  const sockets = [];
  let acknowledged = 0;
  const connections = Math.ceil(subscribers / perConnection);
  const url = subscribeBase.replace(/^http/, "ws") + "/graphql";
  const opened = performance.now();

  function open(index) {
    return new Promise((resolve) => {
      const socket = new WebSocket(url, "graphql-transport-ws");
      const count = Math.min(perConnection, subscribers - index * perConnection);
      let settled = false;
      const done = (ok) => {
        if (!settled) {
          settled = true;
          resolve(ok);
        }
      };
      socket.on("open", () => socket.send(JSON.stringify({ type: "connection_init",
        payload: { Authorization: `Bearer ${tokens[index % tokens.length]}` } })));
      socket.on("message", (raw) => {
        const message = JSON.parse(raw);
        if (message.type === "connection_ack") {
          for (let s = 0; s < count; s++) {
            socket.send(JSON.stringify({ id: `s${s}`, type: "subscribe",
              payload: { query: document, variables: shape === "panel" ? { after } : undefined } }));
          }
          acknowledged += count;
          done(true);
        } else if (message.type === "next") {
          const event = message.payload?.data?.orderEvents;
          if (event?.type === "PLACED") {
            const at = now();
            let list = receipts.get(event.orderNumber);
            if (!list) receipts.set(event.orderNumber, (list = []));
            list.push(at);
          } else if (message.payload?.errors) {
            // an error in a next message refuses that subscription (OVERLOADED, a limit): it gets no events
            problems.refused++;
            if (problems.samples.length < 3) problems.samples.push(JSON.stringify(message.payload.errors).slice(0, 300));
          }
        } else if (message.type === "error") {
          problems.refused++;
          if (problems.samples.length < 3) problems.samples.push(JSON.stringify(message.payload).slice(0, 300));
        } else if (message.type === "ping") {
          socket.send(JSON.stringify({ type: "pong" }));
        }
      });
      socket.on("close", (code) => {
        if (!socket.closing) {
          problems.closed++;
          if (problems.samples.length < 3) problems.samples.push(`closed ${code}`);
        }
        done(false);
      });
      socket.on("error", () => done(false));
      sockets.push(socket);
    });
  }

  for (let i = 0; i < connections; i += 50) {
    await Promise.all(Array.from({ length: Math.min(50, connections - i) }, (_, k) => open(i + k)));
  }
  const connectMs = performance.now() - opened;
  const waitAll = async (number, timeoutMs) => {
    const deadline = Date.now() + timeoutMs;
    while ((receipts.get(number)?.length ?? 0) < acknowledged - problems.refused && Date.now() < deadline) await sleep(20);
    return receipts.get(number)?.length ?? 0;
  };
  // a first order proves that every subscription is registered (graphql-transport-ws does not confirm a subscribe)
  let live = 0;
  for (let attempt = 0; attempt < 3 && live < acknowledged - problems.refused; attempt++) {
    live = await waitAll(await placeOrder(mutateBase, customerToken, productId, problems), 30000);
  }
  log?.(`  ${acknowledged} of ${subscribers} subscriptions sent on ${sockets.length} connections in `
    + `${(connectMs / 1000).toFixed(1)} s, ${problems.refused} refused; ${live} received the first order`);
  const held = whileHeld ? whileHeld() : undefined;
  // warm-up orders, not measured: the first events through a fresh subscription path run in the interpreter
  for (let k = 0; k < warmup; k++) {
    await waitAll(await placeOrder(mutateBase, customerToken, productId, problems), 15000);
    await sleep(100);
  }

  const latencies = [];
  const sendToReceipt = [];
  const measured = [];
  statements?.reset();
  const measureStart = performance.now();
  const server0 = serverCpuMs?.();
  const client0 = process.cpuUsage();
  for (let k = 0; k < orders; k++) {
    const sent = now();
    const number = await placeOrder(mutateBase, customerToken, productId, problems);
    const received = await waitAll(number, 15000);
    const commitMs = Number(psql(`select extract(epoch from pg_xact_commit_timestamp(xmin)) * 1000 from customer_order `
      + `where number = '${number}'`));
    const own = [];
    for (const at of receipts.get(number) ?? []) {
      own.push(at - commitMs);
      latencies.push(at - commitMs);
      sendToReceipt.push(at - sent);
    }
    own.sort((a, b) => a - b);
    // first and last receipt of this order: the first shows the path's latency, the spread its cost per subscriber
    measured.push({ number, received, missing: acknowledged - problems.refused - received,
      first_ms: own[0] ?? null, median_ms: percentile(own, 50), last_ms: own.at(-1) ?? null });
    await sleep(200);
  }
  const client = process.cpuUsage(client0);
  // SQL of the measured orders: placing each, and whatever delivering its events to every subscriber ran
  const sql = statements?.read((performance.now() - measureStart) / 1000);
  // CPU of the measured orders (their placement, the fan-out and the 200 ms pauses) per event received
  const cpu = { server_ms_per_receipt: server0 == null ? null : (serverCpuMs() - server0) / Math.max(1, latencies.length),
    client_ms_per_receipt: (client.user + client.system) / 1000 / Math.max(1, latencies.length) };
  for (const socket of sockets) {
    socket.closing = true;
    socket.close();
  }
  await sleep(500);
  latencies.sort((a, b) => a - b);
  sendToReceipt.sort((a, b) => a - b);
  return { shape, connections: sockets.length, warmup,
    statements_per_order: sql ? sql.total / Math.max(1, orders) : null,
    top_statements: sql ? sql.top.slice(0, 5).map((r) => ({ per_order: r.calls / Math.max(1, orders), query: r.query })) : null, subscribed: acknowledged, refused: problems.refused,
    accepted: acknowledged - problems.refused, live_after_first_order: live, connect_ms: connectMs,
    orders: measured, receipts: latencies.length, missing: measured.reduce((sum, m) => sum + m.missing, 0),
    commit_to_receipt_ms: { p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99), max: latencies.at(-1) ?? null },
    send_to_receipt_ms: { p50: percentile(sendToReceipt, 50), p99: percentile(sendToReceipt, 99) }, cpu, problems, held };
}
