// Writes a harness run as JSON, Markdown and an SVG chart, and (unless told not to) replaces the generated section of
// docs/benchmarks.md, between its "harness:begin" and "harness:end" markers.
import fs from "node:fs";
import path from "node:path";
import { percentile } from "./stats.mjs";

const n = (v, digits = 0) => (v === null || v === undefined || !Number.isFinite(Number(v)) ? "n/a"
  : Number(v).toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits }));
const ms = (v) => (v === null || v === undefined ? "n/a" : v < 10 ? n(v, 1) : n(v));
const ratio = (a, b) => (a == null || b == null || !(b > 0) || !Number.isFinite(a / b) ? "" : ` (${(a / b).toFixed(2)}×)`);
const yes = (b) => (b ? "yes" : "**no**");

function errorsCell(r) {
  const parts = [];
  if (r.non200) parts.push(`${r.non200} non-200`);
  if (r.graphql_errors) parts.push(`${r.graphql_errors} GraphQL`);
  if (r.user_errors) parts.push(`${r.user_errors} payload`);
  const socket = Object.entries(r.socket_errors ?? {}).filter(([, v]) => v).map(([k, v]) => `${v} ${k}`);
  parts.push(...socket);
  return parts.length ? parts.join(", ") : "0";
}

function requestTable(results) {
  const rows = ["| scenario | conn. | req/s (× floor) | p50 ms | p95 ms | p99 ms (× floor) | errors | JVM CPU ms/req "
    + "| JVM KB allocated/req (GCs) | PG CPU ms/req (× floor) | SQL statements/req | transactions/req |",
  "|---|---|---|---|---|---|---|---|---|---|---|---|"];
  const peers = [];
  const floorRows = ["| floor of | conn. | transactions/s | p50 ms | p95 ms | p99 ms | failed | PG CPU ms/tx |",
    "|---|---|---|---|---|---|---|---|"];
  for (const key of ["catalog", "orders", "place"]) {
    const s = results.scenarios[key];
    if (!s) continue;
    // one row per server measured: Ordergraph's, then the peer's (its CPU column is Node's)
    const row = (title, connections, o, rate, f, stockNote) => `| ${title} | ${connections} | ${n(rate)}${ratio(rate, f.rps)} `
      + `| ${ms(o.p50_ms)} | ${ms(o.p95_ms)} | ${ms(o.p99_ms)}${ratio(o.p99_ms, f.p99_ms)} | ${errorsCell(o)}${stockNote} `
      + `| ${n(o.cpu_jvm_ms_per_req, 2)} | ${o.alloc_kb_per_req == null ? "n/a" : `${n(o.alloc_kb_per_req)} (${n(o.gcs)})`} `
      + `| ${n(o.cpu_pg_ms_per_req, 2)}${ratio(o.cpu_pg_ms_per_req, f.cpu_pg_ms_per_req)} `
      + `| ${n(o.statements_per_req, 1)} | ${n(o.transactions_per_req, 2)} |`;
    for (const { connections, ordergraph: o, floor: f, peer: pe } of s.runs) {
      rows.push(key === "place" ? row(`${s.title} (orders/s)`, connections, o, o.orders_per_s, f, `; ${n(o.out_of_stock)} OUT_OF_STOCK`)
        : row(s.title, connections, o, o.rps, f, ""));
      if (pe) {
        rows.push(row(`${s.title}, **peer: ${results.machine.peer ?? "PostGraphile"}** (CPU column: Node)`, connections, pe,
          pe.rps, f, ""));
        peers.push(`${key === "catalog" ? "catalog" : "order page"} @${connections}: ${(o.rps / pe.rps).toFixed(2)}× the peer's `
          + `throughput, ${(o.p99_ms / pe.p99_ms).toFixed(2)}× its p99, ${(o.cpu_jvm_ms_per_req / pe.cpu_jvm_ms_per_req).toFixed(2)}× its `
          + "CPU per request");
      }
      floorRows.push(`| ${s.title} | ${connections} | ${n(f.rps)} | ${ms(f.p50_ms)} | ${ms(f.p95_ms)} | ${ms(f.p99_ms)} `
        + `| ${n(f.failed)} | ${n(f.cpu_pg_ms_per_req, 2)} |`);
    }
  }
  const warm = [];
  for (const key of ["catalog", "orders", "place"]) {
    for (const r of results.scenarios[key]?.runs ?? []) {
      for (const [who, m] of [["", r.ordergraph], ["peer ", r.peer]]) {
        const w = m?.warmup;
        if (w?.rps) {
          const jit = w.jit_core_share?.length ? `; JIT compiler, % of a core: ${w.jit_core_share.map((x) => n(x * 100)).join(", ")}` : "";
          warm.push(`${who}${key} @${r.connections}: ${n(w.requests)} in ${n(w.seconds)} s (req/s per slice ${w.rps.map((x) => n(x)).join(", ")}`
            + `${jit}${w.steady ? "" : "; **not steady**"})`);
        }
        // results written before the steady warm-up have only the count
        else if (m?.warmup_requests != null) warm.push(`${key} @${r.connections}: ${n(m.warmup_requests)}`);
      }
    }
  }
  if (peers.length) {
    rows.push("", `Ordergraph against the peer, measured right after it on the same database: ${peers.join("; ")}. `
      + "The peer answers the same shapes in its own names (`bench/lib/peer.mjs`), without authorization (Ordergraph's "
      + "order page is a staff token's), and returns an order's subtotal and tax rate where Ordergraph computes its total.");
  }
  if (warm.length) {
    rows.push("", `Requests answered in the warm-up before each measurement: ${warm.join(", ")}. The warm-up goes on until two `
      + "slices in a row answer within 5 % of each other and the JIT compiler threads used at most 10 % of a core in the "
      + "last one: a JVM that has answered only a few thousand requests still runs "
      + "much of its code in the interpreter or in its first compilation (JIT compilation is counted as its CPU), and "
      + "figures taken then measure warm-up, not the server.");
  }
  return rows.length > 2 ? [...rows, "", "The floor: the same data fetched (or, for placeOrder, written) by hand-written SQL "
    + "with pgbench at the same concurrency (`bench/floor/*.sql`):", "", ...floorRows] : [];
}

function fanoutRows(s) {
  const rows = [`| subscribers | document | SQL statements per order | connections | subscribe sent | refused | received the first order | orders measured (after warm-up) `
    + "| commit → receipt p50 / p95 / p99 / max ms | first / last receipt per order, median ms | CPU per receipt: server / client ms "
    + "| send → receipt p99 ms | events missing (accepted subscriptions × orders) | closed; placeOrder retried | memory |",
  "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"];
  for (const r of s.runs) {
    const m = r.memory;
    const memory = m ? `heap ${ms(m.heap_before_mb)} → ${ms(m.heap_held_mb)} MB, RSS ${ms(m.rss_before_mb)} → `
      + `${ms(m.rss_held_mb)} MB: ${n(m.heap_kb_per_subscriber, 1)} KB heap, ${n(m.rss_kb_per_subscriber, 1)} KB RSS per subscriber` : "";
    const c = r.commit_to_receipt_ms;
    const median = (key) => percentile((r.orders ?? []).map((o) => o[key]).filter((v) => v != null).sort((a, b) => a - b), 50);
    const cpu = r.cpu ? `${n(r.cpu.server_ms_per_receipt, 3)} / ${n(r.cpu.client_ms_per_receipt, 3)}` : "";
    rows.push(`| ${n(r.subscribers)} (${r.per_connection} per connection) | ${r.shape ?? "plain"} `
      + `| ${r.statements_per_order == null ? "" : n(r.statements_per_order, 1)} | ${n(r.connections)} | ${n(r.subscribed)} `
      + `| ${n(r.refused)}${r.problems.samples?.[0]?.includes("OVERLOADED") ? " (OVERLOADED)" : ""} | ${n(r.live_after_first_order)} `
      + `| ${n(r.orders?.length ?? 0)} (${n(r.warmup ?? 0)}) | ${ms(c.p50)} / ${ms(c.p95)} / ${ms(c.p99)} / ${ms(c.max)} `
      + `| ${ms(median("first_ms"))} / ${ms(median("last_ms"))} | ${cpu} `
      + `| ${ms(r.send_to_receipt_ms.p99)} | ${n(r.missing)} | ${r.problems.closed}; ${n(r.problems.order_retries ?? 0)} | ${memory} |`);
  }
  return rows;
}

export function markdown(results) {
  const m = results.machine;
  const out = [`### Run of ${results.started.slice(0, 16).replace("T", " ")} UTC (profile \`${results.profile}\`)`, ""];
  if (results.profile !== "full") {
    out.push(`> **${results.profile === "quick" ? "Quick" : "Self-test"} run on a shared, loaded machine** `
      + `(${results.options.warmup} s warm-up, ${results.options.duration} s per measurement, a small data set). `
      + "It shows that the harness works and what it reports; its absolute figures are not capacity claims. "
      + "Compare ratios within one run only.", "");
  }
  out.push(`Machine: ${m.cpus} cores, load average before \`${m.load_before}\`, after \`${m.load_after}\`; ${m.java}; `
    + `PostgreSQL ${m.postgres}; Node ${m.node}; commit \`${m.commit}\`${m.java_opts ? `; JVM options \`${m.java_opts}\`` : ""}. `
    + "Server, PostgreSQL and load generator share the machine.", "");
  const d = results.data;
  if (d) {
    out.push(`Data: ${n(d.products)} products, ${n(d.customers)} customers, ${n(d.orders)} orders with ${n(d.lines)} lines, `
      + `${n(d.status_changes)} status changes and ${n(d.events)} events, ${n(d.sessions)} table sessions; loaded in `
      + `${n(d.load_seconds, 1)} s. Warm-up ${results.options.warmup} s`
      + `${results.options.warmupMax ? ` or more, until steady (at most ${results.options.warmupMax} s)` : ""}, then ${results.options.duration} s per measurement.`, "");
  }
  out.push(...requestTable(results));
  const orders = results.scenarios.orders;
  if (orders?.probes?.length) {
    out.push("", "Order page, statements per request by page size (requests sent one at a time; a statement outside a "
      + "BEGIN runs as a transaction of its own):", "",
      "| first | SQL statements/req | BEGINs/req |", "|---|---|---|",
      ...orders.probes.map((p) => `| ${p.first} | ${n(p.statements_per_req, 1)} | ${n(p.transactions_per_req, 2)} |`));
    const top = orders.probes.find((p) => p.first === 50)?.top_statements;
    if (top?.length) {
      out.push("", "<details><summary>Its statements at first: 50</summary>", "", "| per request | statement |", "|---|---|",
        ...top.map((t) => `| ${n(t.per_req, 2)} | \`${t.query.replace(/\|/g, "\\|").replace(/`/g, "'")}\` |`), "", "</details>");
    }
  }
  const place = results.scenarios.place?.runs?.[0]?.ordergraph;
  if (place) {
    const h = place.hot;
    out.push("", `placeOrder: the hot product started the measurement with ${n(h.stock_at_start)} in stock; ${n(h.sold)} were `
      + `taken by orders (whose lines hold ${n(h.sold_in_order_lines)}), ${n(h.stock_left)} left, its stock movements sum to `
      + `${n(h.stock_movements_sum)}: oversell ${n(h.oversell)}, `
      + `stock consistent with orders and movements: ${yes(h.consistent)}.`);
  }
  for (const key of ["fanout", "cross"]) {
    const s = results.scenarios[key];
    if (s) out.push("", `**${s.title}**`, "", ...fanoutRows(s));
  }
  const st = results.scenarios.startup;
  if (st) {
    out.push("", `**${st.title}**: embedded database, fresh data directory: ready in ${n(st.embedded_ready_ms / 1000, 1)} s, `
      + `${n(st.embedded_idle_rss_mb)} MB resident at idle (the JVM; its PostgreSQL apart). Against the harness's database: `
      + `first start (migrations) ready in ${n(st.external_db_first_start_ready_ms / 1000, 1)} s, `
      + `${n(st.external_db_idle_rss_mb)} MB at idle, at most ${n(st.max_rss_mb_under_order_page)} MB under scenario 2.`);
  }
  const a = results.scenarios.abuse;
  if (a) {
    const fmt = (c) => Object.entries(c).map(([k, v]) => `${v} × ${k}`).join(", ");
    out.push("", `**${a.title}**`, "", "| what | result |", "|---|---|",
      `| ${a.heavy.requests} heavy staff \`orders(first: 100)\` at once | ${fmt(a.heavy.counts)}; p50 ${ms(a.heavy.p50_ms)} ms, max ${ms(a.heavy.max_ms)} ms |`,
      `| ${a.anonymous.requests} anonymous \`products(first: 50)\` at once | ${fmt(a.anonymous.counts)}; p50 ${ms(a.anonymous.p50_ms)} ms, max ${ms(a.anonymous.max_ms)} ms |`,
      `| 5xx other than the GraphQL-form 503, network errors | ${a.other_5xx} (${yes(a.checks.no_5xx_but_graphql_503)}) |`,
      `| health probes (liveness, readiness) | ${a.health.probes}, all 200: ${a.health.all_200}, slowest ${ms(a.health.max_ms)} ms: within 1 s ${yes(a.checks.health_within_1s)} |`,
      `| after the last answer | ${a.active_statements_after_last_answer} statements running; JVM CPU ${n(a.jvm_cpu_ms_5s_after)} ms in 5 s${a.jvm_jit_gc_cpu_ms_5s_after != null ? `, of which JIT compiler and GC threads ${n(a.jvm_jit_gc_cpu_ms_5s_after)} ms` : ""} (idle before: ${n(a.jvm_cpu_ms_5s_idle_before)} ms): no work left ${yes(a.checks.no_work_after_last_answer)} |`,
      `| log written | ${n(a.log_bytes)} bytes: under 1 MB ${yes(a.checks.log_under_1mb)} |`);
  }
  return out.join("\n") + "\n";
}

export function svg(results) {
  const bars = [];
  for (const key of ["catalog", "orders", "place"]) {
    const s = results.scenarios[key];
    for (const r of s?.runs ?? []) {
      const label = `${{ catalog: "1. catalog", orders: "2. order page", place: "3. placeOrder" }[key]}, ${r.connections} connections`;
      bars.push({ label, og: key === "place" ? r.ordergraph.orders_per_s : r.ordergraph.rps, floor: r.floor.rps,
        peer: r.peer?.rps });
    }
  }
  const withPeer = bars.some((b) => b.peer != null);
  const width = 900;
  const left = 260;
  const row = withPeer ? 66 : 46;
  const height = 60 + bars.length * row;
  // each group on its own scale, the longest bar full length: the chart shows the ratios, the labels the figures
  const scale = (v, b) => ((width - left - 120) * v) / Math.max(1, b.og, b.floor, b.peer ?? 0);
  const esc = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  const parts = [`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="10" y="20" font-size="14" font-weight="bold">${esc(`Ordergraph against the SQL floor${withPeer ? " and PostGraphile" : ""}, per second (each group to its own scale), ${results.started.slice(0, 16)} ${results.profile}`)}</text>`,
    `<rect x="${left}" y="30" width="12" height="10" fill="#2b6cb0"/><text x="${left + 16}" y="39">Ordergraph (GraphQL over HTTP)</text>`,
    `<rect x="${left + 220}" y="30" width="12" height="10" fill="#a0aec0"/><text x="${left + 236}" y="39">floor: hand-written SQL (pgbench)</text>`,
    ...(withPeer ? [`<rect x="${left + 450}" y="30" width="12" height="10" fill="#dd6b20"/><text x="${left + 466}" y="39">${esc(results.machine.peer ?? "PostGraphile")}</text>`] : [])];
  bars.forEach((b, i) => {
    const y = 52 + i * row;
    parts.push(`<text x="10" y="${y + 16}">${esc(b.label)}</text>`,
      `<rect x="${left}" y="${y}" width="${scale(b.og, b)}" height="18" fill="#2b6cb0"/>`,
      `<text x="${left + scale(b.og, b) + 4}" y="${y + 13}">${n(b.og)} (${(b.og / b.floor).toFixed(2)}×)</text>`,
      `<rect x="${left}" y="${y + 20}" width="${scale(b.floor, b)}" height="18" fill="#a0aec0"/>`,
      `<text x="${left + scale(b.floor, b) + 4}" y="${y + 33}">${n(b.floor)}</text>`);
    if (b.peer != null) {
      parts.push(`<rect x="${left}" y="${y + 40}" width="${scale(b.peer, b)}" height="18" fill="#dd6b20"/>`,
        `<text x="${left + scale(b.peer, b) + 4}" y="${y + 53}">${n(b.peer)} (${(b.peer / b.floor).toFixed(2)}×)</text>`);
    }
  });
  parts.push("</svg>");
  return parts.join("\n") + "\n";
}

export function writeReport(results, { dir, stamp, docs, chart }) {
  const files = [path.join(dir, `${stamp}.json`), path.join(dir, `${stamp}.md`), path.join(dir, `${stamp}.svg`)];
  fs.writeFileSync(files[0], JSON.stringify(results, null, 2) + "\n");
  const md = markdown(results);
  fs.writeFileSync(files[1], md);
  fs.writeFileSync(files[2], svg(results));
  if (docs) {
    fs.copyFileSync(files[2], chart);
    const text = fs.readFileSync(docs, "utf8");
    const begin = "<!-- harness:begin -->";
    const end = "<!-- harness:end -->";
    const section = `${begin}\n<!-- written by bench/run.sh from bench/results/${stamp}.json; do not edit by hand -->\n\n`
      + `![Ordergraph against the SQL floor](${path.basename(chart)})\n\n${md}\n${end}`;
    const next = text.includes(begin) ? text.slice(0, text.indexOf(begin)) + section + text.slice(text.indexOf(end) + end.length)
      : `${text.trimEnd()}\n\n## Latest harness run\n\n${section}\n`;
    fs.writeFileSync(docs, next);
    files.push(docs, chart);
  }
  return files;
}

// node bench/lib/report.mjs bench/results/X.json           prints the Markdown of a stored run
// node bench/lib/report.mjs bench/results/X.json --docs    (re)writes its section of docs/benchmarks.md and the chart
if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1])) && process.argv[2]) {
  const file = path.resolve(process.argv[2]);
  const results = JSON.parse(fs.readFileSync(file, "utf8"));
  if (process.argv[3] === "--docs") {
    const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
    console.log(writeReport(results, { dir: path.dirname(file), stamp: path.basename(file, ".json"),
      docs: path.join(root, "docs/benchmarks.md"), chart: path.join(root, "docs/benchmarks.svg") }).join("\n"));
  } else {
    process.stdout.write(markdown(results));
  }
}
