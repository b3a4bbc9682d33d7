// The benchmark harness of issue 14 (and issue 9's load test). Started by bench/run.sh, which builds the jar and
// installs the npm package ws; see docs/benchmarks.md for what it measures and how to read it.
import { spawn, spawnSync, execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { fanout } from "./fanout.mjs";
import { abuse } from "./abuse.mjs";
import { writeReport } from "./report.mjs";
import { startPeer, PEER_CATALOG, peerOrderPage } from "./peer.mjs";
import { percentile } from "./stats.mjs";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const BENCH = path.join(ROOT, "bench");
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (...args) => console.log(`[${new Date().toISOString().slice(11, 19)}]`, ...args);

// ---------------------------------------------------------------- options
const PROFILES = {
  full: { warmup: 60, warmupMax: 300, duration: 30, products: 200, customers: 10000, orders: 100000, sessions: 50, staff: 100,
    connections: [16, 64], fanout: [1000, 10000], hotStock: 300, abuseHeavy: 200, abuseAnonymous: 500, probes: 100 },
  quick: { warmup: 5, warmupMax: 60, duration: 10, products: 200, customers: 2000, orders: 20000, sessions: 50, staff: 100,
    connections: [16, 64], fanout: [1000, 10000], hotStock: 100, abuseHeavy: 200, abuseAnonymous: 500, probes: 100 },
  selftest: { warmup: 2, warmupMax: 2, duration: 3, products: 20, customers: 50, orders: 500, sessions: 5, staff: 20,
    connections: [4], fanout: [20, 100], hotStock: 5, abuseHeavy: 10, abuseAnonymous: 20, probes: 3 },
};
// orders placed to a fan-out: unmeasured ones first (warming the subscription path), then the measured ones
const FANOUT_ORDERS = { warmup: 40, orders: 10 };
const ALL_SCENARIOS = ["catalog", "orders", "place", "fanout", "cross", "startup", "abuse"];

function parseArgs(argv) {
  let profile = "full";
  const o = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === "--quick") profile = "quick";
    else if (a === "--selftest") profile = "selftest";
    else if (a === "--db-url") o.dbUrl = value();
    else if (a === "--scenarios") o.scenarios = value().split(",");
    else if (a === "--connections") o.connections = value().split(",").map(Number);
    else if (a === "--fanout") o.fanout = value().split(",").map(Number);
    else if (a === "--no-docs") o.noDocs = true;
    else if (a === "--keep") o.keep = true;
    else if (a === "--peer") o.peer = true;
    else if (["--warmup", "--warmup-max", "--duration", "--products", "--customers", "--orders", "--sessions", "--hot-stock"].includes(a))
      o[a.slice(2).replace(/-(.)/g, (_, c) => c.toUpperCase())] = Number(value());
    else if (a === "--help" || a === "-h") {
      console.log(fs.readFileSync(path.join(BENCH, "run.sh"), "utf8").split("\n").filter((l) => l.startsWith("#")).slice(1)
        .map((l) => l.slice(2)).join("\n"));
      process.exit(0);
    } else throw new Error(`unknown option ${a} (try --help)`);
  }
  const options = { ...PROFILES[profile], ...o, profile };
  options.scenarios ??= ALL_SCENARIOS;
  for (const s of options.scenarios) if (!ALL_SCENARIOS.includes(s)) throw new Error(`unknown scenario ${s}`);
  options.noDocs ??= profile === "selftest";
  options.warmupMax = Math.max(options.warmupMax, options.warmup);
  return options;
}

const opt = parseArgs(process.argv.slice(2));
const WORK = process.env.BENCH_WORK;
const JAR = process.env.BENCH_JAR;
const JAVA = path.join(process.env.JAVA_HOME, "bin/java");
const JAVA_OPTS = (process.env.BENCH_JAVA_OPTS ?? "").split(" ").filter(Boolean);
const PORTS = { pg: +(process.env.BENCH_PG_PORT ?? 15432), app: +(process.env.BENCH_PORT ?? 18080),
  app2: +(process.env.BENCH_PORT2 ?? 18082), embedded: +(process.env.BENCH_PORT3 ?? 18084),
  issuer: +(process.env.BENCH_ISSUER_PORT ?? 18099), peer: +(process.env.BENCH_PEER_PORT ?? 18086) };
const CLK_TCK = Number(execFileSync("getconf", ["CLK_TCK"]).toString());
const children = new Set();

// ---------------------------------------------------------------- processes
function track(child, name) {
  children.add(child);
  fs.appendFileSync(path.join(WORK, "pids"), `${child.pid}\n`);
  child.on("exit", () => children.delete(child));
  child.name = name;
  return child;
}

async function stop(child, timeoutMs = 30000) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  if (await Promise.race([exited.then(() => true), sleep(timeoutMs).then(() => false)])) return;
  child.kill("SIGKILL");
  await exited;
}

function killAll() {
  for (const child of children) child.kill("SIGKILL");
}
process.on("exit", killAll);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(130));

function run(command, args, env = {}) {
  return new Promise((resolve, reject) => {
    const child = track(spawn(command, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] }), command);
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`${command} exited ${code}: ${err.slice(-2000)}`))));
  });
}

// ---------------------------------------------------------------- PostgreSQL
const db = { local: !opt.dbUrl };
function pgArgs(database) {
  return db.local ? ["-h", "127.0.0.1", "-p", String(PORTS.pg), "-U", "postgres", "-d", database ?? "ordergraph"]
    : ["-d", opt.dbUrl];
}
function psql(sql, database) {
  return execFileSync("psql", [...pgArgs(database), "-XAtq", "-v", "ON_ERROR_STOP=1", "-c", sql],
    { stdio: ["ignore", "pipe", "pipe"] }).toString().trim();
}

async function startPostgres() {
  if (!db.local) {
    const url = new URL(opt.dbUrl);
    db.jdbc = `jdbc:postgresql://${url.hostname}:${url.port || 5432}${url.pathname}`;
    db.user = decodeURIComponent(url.username);
    db.password = decodeURIComponent(url.password);
    db.version = psql("show server_version");
    return;
  }
  const bin = process.env.BENCH_PG_BIN;
  const data = path.join(WORK, "pg");
  fs.mkdirSync(data, { recursive: true });
  const asPostgres = process.getuid() === 0 ? (cmd, args) => ["runuser", ["-u", "postgres", "--", cmd, ...args]]
    : (cmd, args) => [cmd, args];
  if (process.getuid() === 0) execFileSync("chown", ["-R", "postgres", data]);
  execFileSync(...asPostgres(path.join(bin, "initdb"), ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8",
    "--locale=C"]), { stdio: "ignore" });
  fs.appendFileSync(path.join(data, "postgresql.conf"), [
    `port = ${PORTS.pg}`, "listen_addresses = '127.0.0.1'", `unix_socket_directories = '${data}'`,
    "max_connections = 300", "shared_buffers = 256MB",
    "shared_preload_libraries = 'pg_stat_statements'", "pg_stat_statements.track = top",
    "pg_stat_statements.track_utility = on", "track_commit_timestamp = on", ""].join("\n"));
  execFileSync(...asPostgres(path.join(bin, "pg_ctl"), ["-D", data, "-l", path.join(data, "server.log"), "-w", "start"]),
    { stdio: "ignore" });
  db.dataDir = data;
  db.stop = () => execFileSync(...asPostgres(path.join(bin, "pg_ctl"), ["-D", data, "-m", "fast", "-w", "stop"]),
    { stdio: "ignore" });
  psql("create role ordergraph login password 'ordergraph'", "postgres");
  psql("create database ordergraph owner ordergraph", "postgres");
  db.jdbc = `jdbc:postgresql://127.0.0.1:${PORTS.pg}/ordergraph`;
  db.user = "ordergraph";
  db.password = "ordergraph";
  db.version = psql("show server_version", "postgres");
}

function enableStatements() {
  try {
    psql("create extension if not exists pg_stat_statements");
    psql("select pg_stat_statements_reset()");
    db.statements = true;
  } catch (error) {
    log("pg_stat_statements is not available: statement counts are left out", String(error.stderr ?? error).trim());
    db.statements = false;
  }
}

const TRANSACTION_CONTROL = /^\s*(begin|commit|rollback|start transaction|set |reset |discard |show )/i;
const TRANSACTION_START = /^\s*(begin|start transaction)/i;

/**
 * Statements of the application's user in the ordergraph database since the last reset, by statement (queryid), less
 * what the idle server runs by itself in that time (its outbox pollers and listeners, measured once at idle by
 * {@link measureIdle}): the total and top ones transaction control aside, and the transactions it opened (its BEGINs,
 * which pg_stat_statements counts as they run). pg_stat_database's transaction counters are no good for a few requests:
 * a backend flushes them up to 10 s after its last transaction, so a probe counted the tail of the scenario before it.
 * Statements run in autocommit are not among the BEGINs; the load runs, thousands of requests long, keep
 * pg_stat_database's count as the cross-check.
 */
function statementsSinceReset(seconds) {
  if (!db.statements) return null;
  const all = psql(`select queryid, calls, regexp_replace(left(query, 160), '\\s+', ' ', 'g') from pg_stat_statements
    where dbid = (select oid from pg_database where datname = current_database())
      and userid = (select oid from pg_roles where rolname = '${db.user}')`).split("\n")
    .filter(Boolean).map((line) => {
      const [queryid, calls] = line.split("|", 2);
      return { queryid, calls: Math.max(0, Number(calls) - (idle.perStatement?.[queryid] ?? 0) * seconds),
        query: line.slice(queryid.length + calls.length + 2) };
    }).filter((r) => r.calls > 0).sort((a, b) => b.calls - a.calls);
  const rows = all.filter((r) => !TRANSACTION_CONTROL.test(r.query));
  return { total: rows.reduce((sum, r) => sum + r.calls, 0), top: rows.slice(0, 8), rows, all,
    begins: all.filter((r) => TRANSACTION_START.test(r.query)).reduce((sum, r) => sum + r.calls, 0) };
}

/**
 * Waits (up to two minutes) until the app has read the event log to its end: the data set's hundreds of thousands of
 * events, written after the app started, are read by its event stream page by page for a while afterwards, and an
 * idle baseline taken meanwhile would count that catch-up as what the server does by itself.
 */
async function settle() {
  if (!db.statements) return;
  const reads = () => Number(psql(`select coalesce(sum(calls), 0) from pg_stat_statements
    where query like '%from event_log where seq >%'`));
  for (let i = 0; i < 60; i++) {
    const before = reads();
    await sleep(2000);
    const perSecond = (reads() - before) / 2;
    if (perSecond <= 2) return;
    if (i === 0) log(`waiting for the app to read the event log to its end (${perSecond} pages/s)`);
  }
  log("the app still reads the event log after two minutes: the idle baseline includes it");
}

/** What the server does with nobody asking: statements and transactions per second over a few idle seconds. */
const idle = {};
async function measureIdle(seconds) {
  await settle();
  if (db.statements) psql("select pg_stat_statements_reset()");
  const x0 = transactions();
  await sleep(seconds * 1000);
  await sleep(1500);
  const statements = statementsSinceReset(0);
  idle.transactions_per_s = (transactions() - x0) / (seconds + 1.5);
  idle.perStatement = Object.fromEntries((statements?.all ?? []).map((r) => [r.queryid, r.calls / (seconds + 1.5)]));
  idle.statements_per_s = (statements?.total ?? 0) / (seconds + 1.5);
  idle.statements = (statements?.top ?? []).map((r) => ({ per_s: r.calls / (seconds + 1.5), query: r.query }));
  return idle;
}

function transactions() {
  return Number(psql("select xact_commit + xact_rollback from pg_stat_database where datname = current_database()"));
}

// ---------------------------------------------------------------- CPU and memory from /proc
function stat(pid) {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return text.slice(text.lastIndexOf(")") + 2).split(" "); // fields from 3 (state) on
  } catch {
    return null;
  }
}
const ticksOf = (f, withChildren) => (f ? Number(f[11]) + Number(f[12]) + (withChildren ? Number(f[13]) + Number(f[14]) : 0) : 0);
function jvmCpuMs(pid) {
  return (ticksOf(stat(pid), false) * 1000) / CLK_TCK;
}
// the JVM's own threads that work for it rather than for requests: the JIT compilers and the garbage collector
const JVM_SERVICE_THREAD = /^(C[12] CompilerThre|GC Thread|G1 |VM Thread|VM Periodic)/;
const JIT_COMPILER_THREAD = /^C[12] CompilerThre/;
/** CPU milliseconds of the JVM's threads whose name matches, by thread id (threads that exited are not counted). */
function jvmThreadCpuMs(pid, name = JVM_SERVICE_THREAD) {
  const out = new Map();
  let tasks = [];
  try {
    tasks = fs.readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const tid of tasks) {
    try {
      const comm = fs.readFileSync(`/proc/${pid}/task/${tid}/comm`, "utf8").trim();
      if (!name.test(comm)) continue;
      out.set(tid, (ticksOf(stat(`${pid}/task/${tid}`), false) * 1000) / CLK_TCK);
    } catch {
      // the thread ended meanwhile
    }
  }
  return out;
}
function serviceDeltaMs(before, after) {
  let sum = 0;
  for (const [tid, ms] of after) sum += ms - (before.get(tid) ?? 0);
  return sum;
}
function pgCpuMs() {
  if (!db.dataDir) return null;
  const postmaster = Number(fs.readFileSync(path.join(db.dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
  let ticks = ticksOf(stat(postmaster), true); // exited backends' time is in the postmaster's children's time
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const f = stat(entry);
    if (f && Number(f[1]) === postmaster) ticks += ticksOf(f, false);
  }
  return (ticks * 1000) / CLK_TCK;
}
function rssMb(pid) {
  try {
    const line = fs.readFileSync(`/proc/${pid}/status`, "utf8").split("\n").find((l) => l.startsWith("VmRSS:"));
    return Number(line.split(/\s+/)[1]) / 1024;
  } catch {
    return null;
  }
}
function heapUsedMb(pid) {
  try {
    execFileSync(path.join(process.env.JAVA_HOME, "bin/jcmd"), [String(pid), "GC.run"], { stdio: "ignore" });
    const info = execFileSync(path.join(process.env.JAVA_HOME, "bin/jcmd"), [String(pid), "GC.heap_info"]).toString();
    const match = info.match(/used (\d+)K/);
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------- the application
let issuer;
async function startIssuer() {
  issuer = track(spawn(process.execPath, [path.join(BENCH, "lib/issuer.mjs"), String(PORTS.issuer)],
    { stdio: ["ignore", "pipe", "inherit"] }), "issuer");
  await new Promise((resolve) => issuer.stdout.once("data", resolve));
}
async function token(subject, roles, name) {
  const url = `http://127.0.0.1:${PORTS.issuer}/token?sub=${encodeURIComponent(subject)}&roles=${roles}`
    + (name ? `&name=${encodeURIComponent(name)}` : "");
  return (await fetch(url)).text();
}

async function waitReady(base, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${child.name} exited with ${child.exitCode}; see ${child.logFile}`);
    try {
      if ((await fetch(`${base}/actuator/health/readiness`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`${child.name} not ready after ${timeoutMs / 1000} s; see ${child.logFile}`);
}

/** The key encrypting integrator secrets at rest: required outside embedded mode, the same on every instance. */
const INTEGRATIONS_KEY = randomBytes(32).toString("base64");

/** Starts the jar; embedded: its own embedded PostgreSQL and dev tokens, otherwise the harness's database and issuer. */
async function startApp(name, port, { embedded = false, env = {} } = {}) {
  const logFile = path.join(WORK, `${name}.log`);
  const out = fs.openSync(logFile, "a");
  const base = { ...process.env };
  for (const key of Object.keys(base)) if (key.startsWith("SPRING_") || key.startsWith("ORDERGRAPH_")) delete base[key];
  const appEnv = embedded ? { ORDERGRAPH_EMBEDDED_DB_DIR: path.join(WORK, `${name}-db`) } : {
    SPRING_DATASOURCE_URL: db.jdbc, SPRING_DATASOURCE_USERNAME: db.user, SPRING_DATASOURCE_PASSWORD: db.password,
    SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI: `http://127.0.0.1:${PORTS.issuer}/jwks`,
    ORDERGRAPH_INTEGRATIONS_ENCRYPTION_KEY: INTEGRATIONS_KEY,
  };
  const started = performance.now();
  // the actuator on its own port, as by default (9000), but port + 1 so that several instances fit on one machine;
  // BENCH_MGMT=same puts it on the main port instead
  const managementPort = process.env.BENCH_MGMT === "same" ? port : port + 1;
  const management = [`--management.server.port=${managementPort}`];
  // G1's pauses, with the heap before and after each, for the bytes allocated per request (unless the options log GC)
  const gcLog = JAVA_OPTS.some((o) => o.startsWith("-Xlog:gc")) ? null : path.join(WORK, `${name}-gc.log`);
  const gcOpts = gcLog ? [`-Xlog:gc:file=${gcLog}:timemillis`] : [];
  const child = track(spawn(JAVA, [...JAVA_OPTS, ...gcOpts, "-jar", JAR, `--server.port=${port}`, ...management],
    { env: { ...base, ...appEnv, ...env }, stdio: ["ignore", out, out] }), name);
  child.logFile = logFile;
  child.gcLog = gcLog;
  child.base = `http://127.0.0.1:${port}`;
  child.healthBase = `http://127.0.0.1:${managementPort}`;
  child.port = port;
  await waitReady(child.healthBase, child, 300000);
  child.readyMs = performance.now() - started;
  log(`${name} ready on ${port} in ${(child.readyMs / 1000).toFixed(1)} s`);
  return child;
}

async function gql(base, query, tokenValue, variables) {
  const response = await fetch(`${base}/graphql`, { method: "POST", headers: { "content-type": "application/json",
    ...(tokenValue ? { authorization: `Bearer ${tokenValue}` } : {}) }, body: JSON.stringify({ query, variables }) });
  const text = await response.text();
  try {
    return { status: response.status, ...JSON.parse(text) };
  } catch {
    return { status: response.status, text };
  }
}

// ---------------------------------------------------------------- load generators
async function wrk({ base, connections, seconds, bodies, tokens = [], allowed = "" }) {
  const dir = fs.mkdtempSync(path.join(WORK, "wrk-"));
  fs.writeFileSync(path.join(dir, "bodies"), bodies.map((b) => JSON.stringify(b)).join("\n") + "\n");
  fs.writeFileSync(path.join(dir, "tokens"), tokens.join("\n") + "\n");
  await run("wrk", ["-t", String(Math.min(2, connections)), "-c", String(connections), "-d", `${seconds}s`,
    "--timeout", "10s", "-s", path.join(BENCH, "lib/graphql.lua"), `${base}/graphql`], {
    BENCH_BODIES: path.join(dir, "bodies"), BENCH_TOKENS: tokens.length ? path.join(dir, "tokens") : "",
    BENCH_ALLOWED: allowed, BENCH_OUT: path.join(dir, "out.json") });
  const result = JSON.parse(fs.readFileSync(path.join(dir, "out.json"), "utf8"));
  result.rps = result.requests / (result.duration_us / 1e6);
  result.errors = result.non200 + result.graphql_errors + result.user_errors
    + Object.values(result.socket_errors).reduce((a, b) => a + b, 0);
  return result;
}

async function pgbench({ file, connections, seconds, vars }) {
  const dir = fs.mkdtempSync(path.join(WORK, "pgbench-"));
  const args = ["-n", "-M", "prepared", "-c", String(connections), "-j", String(Math.min(2, connections)),
    "-T", String(seconds), "-f", path.join(BENCH, "floor", file), "-l", `--log-prefix=${dir}/tx`];
  for (const [k, v] of Object.entries(vars ?? {})) args.push("-D", `${k}=${v}`);
  const out = await run("pgbench", [...args, ...(db.local ? ["-h", "127.0.0.1", "-p", String(PORTS.pg), "-U", "postgres",
    "ordergraph"] : [opt.dbUrl])]);
  const latencies = [];
  for (const f of fs.readdirSync(dir)) {
    for (const line of fs.readFileSync(path.join(dir, f), "utf8").split("\n")) {
      const fields = line.split(" ");
      if (fields.length >= 3) latencies.push(Number(fields[2]) / 1000);
    }
  }
  latencies.sort((a, b) => a - b);
  const processed = Number(out.match(/actually processed: (\d+)/)?.[1] ?? latencies.length);
  const failed = Number(out.match(/number of failed transactions: (\d+)/)?.[1] ?? 0);
  return { requests: processed, failed, rps: Number(out.match(/tps = ([\d.]+) \(without/)?.[1] ?? processed / seconds),
    p50_ms: percentile(latencies, 50), p95_ms: percentile(latencies, 95), p99_ms: percentile(latencies, 99),
    max_ms: latencies.at(-1) ?? null };
}

const HEAP_UNITS = { K: 1 / 1024, M: 1, G: 1024 };
/**
 * MB the JVM allocated between two wall-clock times, from its GC log: the young generation's growth between each pair
 * of pauses that ended in the window (so it is exact to within the allocation of one interval between pauses at
 * either end; `gcs` says how many pauses that was). Null without a log.
 */
function allocatedMb(gcLog, fromMs, toMs) {
  let text;
  try {
    text = fs.readFileSync(gcLog, "utf8");
  } catch {
    return null;
  }
  let mb = 0, gcs = 0, previousAfter = null;
  for (const line of text.split("\n")) {
    const m = line.match(/^\[(\d+)ms\] GC\(\d+\) Pause .* (\d+)([KMG])->(\d+)([KMG])\(/);
    if (!m) continue;
    const [at, before, after] = [Number(m[1]), Number(m[2]) * HEAP_UNITS[m[3]], Number(m[4]) * HEAP_UNITS[m[5]]];
    if (at >= fromMs && at <= toMs && previousAfter !== null) {
      mb += before - previousAfter;
      gcs++;
    }
    previousAfter = after;
  }
  return { mb, gcs };
}

/** Runs a measurement with CPU, allocation, statement and transaction counts around it. */
async function measured(app, requestsOf, body) {
  if (db.statements) psql("select pg_stat_statements_reset()");
  const x0 = transactions();
  const t0 = performance.now();
  const jvm0 = app ? jvmCpuMs(app.pid) : null;
  const wall0 = Date.now();
  const pg0 = pgCpuMs();
  let maxRss = 0;
  const sampler = app ? setInterval(() => (maxRss = Math.max(maxRss, rssMb(app.pid) ?? 0)), 500) : null;
  const result = await body();
  if (sampler) clearInterval(sampler);
  const jvm1 = app ? jvmCpuMs(app.pid) : null;
  const wall1 = Date.now();
  const pg1 = pgCpuMs();
  await sleep(1500); // idle backends report their transaction counts within a second (and the GC log is flushed)
  const allocated = app?.gcLog ? allocatedMb(app.gcLog, wall0, wall1) : null;
  const requests = requestsOf(result) || NaN; // nothing answered in time: per-request figures are n/a
  const seconds = (performance.now() - t0) / 1000;
  const statements = statementsSinceReset(seconds);
  return { ...result,
    begins_per_req: statements ? statements.begins / requests : null,
    cpu_jvm_ms_per_req: app ? (jvm1 - jvm0) / requests : null,
    alloc_kb_per_req: allocated?.gcs ? (allocated.mb * 1024) / requests : null,
    gcs: allocated ? allocated.gcs : null,
    cpu_pg_ms_per_req: pg0 === null ? null : (pg1 - pg0) / requests,
    statements_per_req: statements ? statements.total / requests : null,
    transactions_per_req: Math.max(0, transactions() - x0 - (idle.transactions_per_s ?? 0) * seconds) / requests,
    top_statements: statements ? statements.top.map((s) => ({ per_req: s.calls / requests, query: s.query })) : null,
    ...(app ? { max_rss_mb: maxRss } : {}) };
}

/** Waits (at most 20 s) until the app runs no statement: requests a load run left in flight have finished. */
async function quiesce() {
  const deadline = Date.now() + 20000;
  while (Date.now() < deadline && Number(psql(`select count(*) from pg_stat_activity where usename = '${db.user}' `
    + "and state = 'active' and query !~* 'LISTEN'")) > 0) await sleep(200);
  await sleep(500);
}

// the JIT is done with a scenario when its compiler threads use at most this share of one core over a slice
const COMPILER_QUIET = 0.1;

/**
 * Warms a scenario up: load in slices (5 s, or the whole warm-up if shorter) for at least --warmup seconds and then
 * until two slices in a row answer within 5 % of each other and the JIT compiler threads used at most a tenth of a
 * core in the last one, at most --warmup-max seconds. On two cores the JVM has one C2 thread, and its compilations of
 * the request path (tens of them taking over 100 ms each) compete with the requests for minutes: throughput has
 * plateaus while it compiles, and a warm-up that watched throughput alone measured the compiler, not the server.
 */
async function warmUp(label, slice, pid) {
  const seconds = Math.min(5, opt.warmup);
  const slices = [];
  const compiler = []; // share of one core the JIT compilers used, per slice
  let elapsed = 0;
  const agree = () => slices.length >= 2 && Math.abs(slices.at(-1) - slices.at(-2)) <= 0.05 * Math.max(slices.at(-1), slices.at(-2));
  const quiet = () => pid == null || (compiler.length > 0 && compiler.at(-1) <= COMPILER_QUIET);
  const steady = () => agree() && quiet();
  let requests = 0;
  while (elapsed < opt.warmup || (!steady() && elapsed < opt.warmupMax)) {
    const c0 = pid == null ? null : jvmThreadCpuMs(pid, JIT_COMPILER_THREAD);
    const t0 = performance.now();
    const r = await slice(seconds);
    if (pid != null) compiler.push(serviceDeltaMs(c0, jvmThreadCpuMs(pid, JIT_COMPILER_THREAD)) / (performance.now() - t0));
    requests += r.requests;
    slices.push(Math.round(r.rps));
    elapsed += seconds;
  }
  const why = steady() ? "" : `: not steady (${agree() ? "" : "throughput still moving"}${!agree() && !quiet() ? ", " : ""}`
    + `${quiet() ? "" : "JIT still compiling"})`;
  const jit = pid == null ? "" : `; JIT % of a core: ${compiler.map((c) => Math.round(c * 100)).join(", ")}`;
  log(`  ${label} warmed up in ${elapsed} s (req/s per ${seconds} s: ${slices.join(", ")}${jit})${why}`);
  return { requests, seconds: elapsed, rps: slices, jit_core_share: compiler.map((c) => Number(c.toFixed(3))),
    steady: steady(), jit_quiet: quiet() };
}

/** Warms a GraphQL scenario up and measures it; watchJit: false for a server without JVM compiler threads (the peer). */
async function graphqlScenario(app, { label, bodies, tokens, allowed, connections, watchJit = true }) {
  const warm = await warmUp(label, (seconds) => wrk({ base: app.base, connections, seconds, bodies, tokens, allowed }),
    watchJit ? app.pid : null);
  await quiesce();
  return { ...await measured(app, (r) => r.requests,
    () => wrk({ base: app.base, connections, seconds: opt.duration, bodies, tokens, allowed })), warmup: warm };
}

async function floorScenario(file, connections, vars) {
  await pgbench({ file, connections, seconds: Math.min(opt.warmup, 5), vars });
  return measured(null, (r) => r.requests, () => pgbench({ file, connections, seconds: opt.duration, vars }));
}

/**
 * Statements and transactions of one request, from N requests sent one after another, after one unmeasured request
 * (which fills the caller's permission cache). Its transactions are the BEGINs in pg_stat_statements
 * ({@link statementsSinceReset}), less the idle server's rate; N is 100 so that the background's jitter weighs little.
 */
async function probe(app, body, tokenValue, n) {
  const first = await gql(app.base, body.query, tokenValue);
  if (first.errors) throw new Error(`probe answered errors: ${JSON.stringify(first.errors).slice(0, 300)}`);
  return measured(null, () => n, async () => {
    for (let i = 0; i < n; i++) {
      const r = await gql(app.base, body.query, tokenValue);
      if (r.errors) throw new Error(`probe answered errors: ${JSON.stringify(r.errors).slice(0, 300)}`);
    }
    return {};
  });
}

// ---------------------------------------------------------------- queries
const CATALOG = "{ products(first: 50) { edges { node { id name price { amount currency } stock } } } }";
const orderPage = (first) => `{ orders(first: ${first}) { edges { node { number status total { amount currency } `
  + "customer { name } lines { quantity unitPrice { amount currency } product { name } } } } } }";
const PLACE = "mutation($p: ID!) { placeOrder(input: {lines: [{productId: $p, quantity: 1}]}) { order { number } errors { code } } }";

async function smoke(app, staff) {
  const expected = psql("select string_agg(name, ',' order by name, id) from (select name, id from product "
    + "where visible and archived_at is null order by name, id limit 3) p");
  const catalog = await gql(app.base, "{ products(first: 3) { edges { node { name stock } } } }");
  const names = catalog.data?.products?.edges?.map((e) => e.node.name).join(",");
  if (names !== expected) throw new Error(`smoke: products(first: 3) gave ${names ?? JSON.stringify(catalog)}, SQL ${expected}`);
  const [number, total, customer, lines] = psql("select o.number, round(o.subtotal * (1 + o.tax_rate), 2), c.name, "
    + "(select count(*) from order_line l where l.order_id = o.id) from customer_order o join customer c on c.id = o.customer_id "
    + "order by o.placed_at desc, o.id desc limit 1").split("|");
  const page = await gql(app.base, orderPage(1), staff);
  const node = page.data?.orders?.edges?.[0]?.node;
  if (!node || node.number !== number || node.total.amount !== total || node.customer?.name !== customer
      || node.lines.length !== Number(lines) || node.lines.some((l) => !l.product?.name)) {
    throw new Error(`smoke: orders(first: 1) gave ${JSON.stringify(page).slice(0, 500)}, SQL ${number} ${total} ${customer} ${lines}`);
  }
  log(`smoke: catalog and order page read back as written (${number}, total ${total}, ${lines} lines)`);
}

/** Checks that the peer answers the same data as the database holds (the same first products and newest order). */
async function peerSmoke(peer) {
  const expected = psql("select string_agg(name, ',' order by name, id) from (select name, id from product "
    + "where visible and archived_at is null order by name, id limit 50) p");
  const catalog = await gql(peer.base, PEER_CATALOG);
  const names = catalog.data?.allProducts?.edges?.map((e) => e.node.name).join(",");
  if (names !== expected) throw new Error(`peer smoke: allProducts gave ${names ?? JSON.stringify(catalog).slice(0, 500)}`);
  const [number, lines] = psql("select o.number, (select count(*) from order_line l where l.order_id = o.id) "
    + "from customer_order o order by o.placed_at desc, o.id desc limit 1").split("|");
  const page = await gql(peer.base, peerOrderPage(1));
  const node = page.data?.allCustomerOrders?.edges?.[0]?.node;
  if (!node || node.number !== number || !node.customer?.name || node.orderLinesByOrderId.nodes.length !== Number(lines)
      || node.orderLinesByOrderId.nodes.some((l) => !l.product?.name)) {
    throw new Error(`peer smoke: allCustomerOrders(first: 1) gave ${JSON.stringify(page).slice(0, 500)}, SQL ${number} ${lines}`);
  }
  log(`peer smoke: PostGraphile ${peer.version} reads back the same catalog and order page (${number})`);
}

// ---------------------------------------------------------------- main
const results = { started: new Date().toISOString(), profile: opt.profile, options: opt, machine: {}, scenarios: {} };
const resultsDir = path.join(BENCH, "results");
const stamp = results.started.replace(/[:.]/g, "-").slice(0, 19) + (opt.profile === "full" ? "" : `-${opt.profile}`);

async function main() {
  results.machine = {
    cpus: execFileSync("nproc").toString().trim(), load_before: fs.readFileSync("/proc/loadavg", "utf8").trim(),
    java: spawnSync(JAVA, ["-version"]).stderr.toString().split("\n")[0], java_opts: JAVA_OPTS.join(" "),
    node: process.version, commit: execFileSync("git", ["-C", ROOT, "rev-parse", "--short", "HEAD"]).toString().trim(),
  };
  log(`profile ${opt.profile}: warm-up ${opt.warmup} s, runs ${opt.duration} s, ${opt.products} products, `
    + `${opt.customers} customers, ${opt.orders} orders, ${opt.sessions} sessions; scenarios ${opt.scenarios.join(",")}`);
  await startPostgres();
  results.machine.postgres = db.version;
  await startIssuer();
  const app = await startApp("app", PORTS.app, { env: { ORDERGRAPH_LIMITS_RATE_ENABLED: "false" } });
  results.machine.app_ready_ms_first_start = app.readyMs;
  const counts = psql("select count(*) from customer_order");
  if (counts !== "0") throw new Error(`the database already holds ${counts} orders; the harness loads into an empty one`);
  const loadStarted = performance.now();
  execFileSync("psql", [...pgArgs(), "-Xq", "-v", "ON_ERROR_STOP=1", "-f", path.join(BENCH, "lib/data.sql"),
    "-v", `products=${opt.products}`, "-v", `customers=${opt.customers}`, "-v", `orders=${opt.orders}`,
    "-v", `sessions=${opt.sessions}`, "-v", `staff=${opt.staff}`], { stdio: ["ignore", "ignore", "inherit"] });
  results.data = { products: opt.products, customers: opt.customers, orders: opt.orders, sessions: opt.sessions,
    load_seconds: (performance.now() - loadStarted) / 1000,
    lines: Number(psql("select count(*) from order_line")),
    status_changes: Number(psql("select count(*) from order_status_change")),
    events: Number(psql("select count(*) from event_log")) };
  log(`data loaded in ${results.data.load_seconds.toFixed(1)} s: ${results.data.lines} lines, `
    + `${results.data.status_changes} status changes, ${results.data.events} events`);
  enableStatements();

  const want = (s) => opt.scenarios.includes(s);
  const staffTokens = await Promise.all(Array.from({ length: Math.min(16, opt.staff) },
    (_, i) => token(`bench-staff-${i + 1}`, "staff", `Bench Staff ${i + 1}`)));
  const customerTokens = await Promise.all(Array.from({ length: Math.min(32, opt.customers) },
    (_, i) => token(`bench-customer-${i + 1}`, "customer", `Customer ${i + 1}`)));
  await smoke(app, staffTokens[0]);
  const peer = opt.peer && (want("catalog") || want("orders")) ? await startPeer({ work: WORK, bench: BENCH, track, sleep,
    databaseUrl: db.local ? `postgres://${db.user}:${db.password}@127.0.0.1:${PORTS.pg}/ordergraph` : opt.dbUrl,
    port: PORTS.peer }) : null;
  if (peer) {
    await peerSmoke(peer);
    results.machine.peer = `PostGraphile ${peer.version} on Node ${execFileSync(path.join(process.env.BENCH_PEER_DEPS,
      "node_modules/.bin/node"), ["--version"]).toString().trim()}`;
  }
  results.idle = await measureIdle(opt.profile === "selftest" ? 2 : 5);
  results.machine.app_idle_rss_mb = rssMb(app.pid);
  const S = results.scenarios;

  if (want("catalog")) {
    S.catalog = { title: "1. anonymous catalog products(first: 50)", query: CATALOG, runs: [] };
    for (const c of opt.connections) {
      log(`scenario 1 (catalog) at ${c} connections`);
      const og = await graphqlScenario(app, { label: `catalog @${c}`, bodies: [{ query: CATALOG }], connections: c });
      const floor = await floorScenario("catalog.sql", c);
      const pg = peer ? await graphqlScenario(peer, { label: `PostGraphile catalog @${c}`, bodies: [{ query: PEER_CATALOG }],
        connections: c, watchJit: false }) : undefined;
      S.catalog.runs.push({ connections: c, ordergraph: og, floor, peer: pg });
    }
  }
  if (want("orders")) {
    S.orders = { title: "2. staff order page orders(first: 50)", query: orderPage(50), runs: [], probes: [] };
    for (const first of [10, 50, 100]) {
      const p = await probe(app, { query: orderPage(first) }, staffTokens[0], opt.probes);
      S.orders.probes.push({ first, statements_per_req: p.statements_per_req, transactions_per_req: p.begins_per_req,
        top_statements: p.top_statements });
      log(`scenario 2 probe first: ${first}: ${p.statements_per_req} statements, ${p.begins_per_req} BEGINs per request (a statement outside one is its own transaction)`);
    }
    for (const c of opt.connections) {
      log(`scenario 2 (order page) at ${c} connections`);
      const og = await graphqlScenario(app, { label: `order page @${c}`, bodies: [{ query: orderPage(50) }], tokens: staffTokens, connections: c });
      const floor = await floorScenario("orders.sql", c);
      const pg = peer ? await graphqlScenario(peer, { label: `PostGraphile order page @${c}`,
        bodies: [{ query: peerOrderPage(50) }], connections: c, watchJit: false }) : undefined;
      S.orders.runs.push({ connections: c, ordergraph: og, floor, peer: pg });
    }
  }
  if (want("place")) {
    log("scenario 3 (place order) at 32 connections");
    const hot = psql("select id from product where name = 'Product 0001'");
    const others = psql("select id from product where visible and archived_at is null and name <> 'Product 0001' "
      + "order by name limit 9").split("\n");
    const gid = (uuid) => Buffer.from(`Product:${uuid}`).toString("base64url");
    const sample = await gql(app.base, "{ products(first: 1) { edges { node { id name } } } }");
    const encode = sample.data.products.edges[0].node.name === "Product 0001" && sample.data.products.edges[0].node.id === gid(hot)
      ? gid : null;
    if (!encode) throw new Error(`scenario 3: global ids are not base64("Product:uuid"): ${JSON.stringify(sample)}`);
    const bodies = [...others.map((id) => ({ query: PLACE, variables: { p: encode(id) } })),
      { query: PLACE, variables: { p: encode(hot) } }];
    const warm = await warmUp("placeOrder @32", (seconds) => wrk({ base: app.base, connections: 32, seconds, bodies,
      tokens: customerTokens, allowed: "OUT_OF_STOCK" }), app.pid);
    await quiesce();
    const restock = opt.hotStock - Number(psql(`select stock from product where id = '${hot}'`));
    psql(`begin; update product set stock = stock + ${restock}, version = version + 1, updated_at = now() where id = '${hot}';
      insert into stock_movement (product_id, delta, reason, subject, moved_at)
        select '${hot}', ${restock}, 'Bench restock', 'bench-staff-1', now() where ${restock} <> 0; commit;`);
    const since = psql("select max(id) from stock_movement");
    const og = await measured(app, (r) => r.requests, () => wrk({ base: app.base, connections: 32, seconds: opt.duration,
      bodies, tokens: customerTokens, allowed: "OUT_OF_STOCK" }));
    await quiesce();
    // sold since the restock: the hot product's order movements after it, and the order lines of those orders
    const [sold, soldLines, stockLeft, ledger] = psql(`with taken as (select reason, -delta as units from stock_movement
        where product_id = '${hot}' and id > ${since} and reason like 'Order %')
      select coalesce((select sum(units) from taken), 0),
        coalesce((select sum(l.quantity) from order_line l join customer_order o on o.id = l.order_id
          where l.product_id = '${hot}' and 'Order ' || o.number in (select reason from taken)), 0),
        (select stock from product where id = '${hot}'),
        (select sum(delta) from stock_movement where product_id = '${hot}')`).split("|").map(Number);
    og.warmup = warm;
    og.orders_per_s = og.ok / (og.duration_us / 1e6);
    og.out_of_stock = og.allowed;
    og.hot = { stock_at_start: opt.hotStock, sold, sold_in_order_lines: soldLines, stock_left: stockLeft,
      stock_movements_sum: ledger, oversell: Math.max(0, sold - opt.hotStock),
      consistent: stockLeft === opt.hotStock - sold && ledger === stockLeft && soldLines === sold };
    const floor = await floorScenario("place-order.sql", 32, { products: opt.products, customers: opt.customers });
    S.place = { title: "3. placeOrder, 32 customers, 10 % on one hot product", query: PLACE,
      runs: [{ connections: 32, ordergraph: og, floor }] };
    log(`scenario 3: ${og.orders_per_s.toFixed(0)} orders/s, hot product sold ${sold} of ${opt.hotStock}, oversell ${og.hot.oversell}`);
  }
  const productId = Buffer.from(`Product:${psql("select id from product where name = 'Product 0002'")}`).toString("base64url");
  const allStaff = async (n) => Promise.all(Array.from({ length: n }, (_, i) => token(`bench-staff-${i + 1}`, "staff")));
  const subscriberTokens = (want("fanout") || want("cross")) ? await allStaff(opt.staff) : [];
  const fanoutOptions = { customerToken: customerTokens[0], productId, psql, log };
  const sqlOfFanout = { reset: () => db.statements && psql("select pg_stat_statements_reset()"),
    read: (seconds) => statementsSinceReset(seconds) };
  if (want("fanout")) {
    S.fanout = { title: "4. subscription fan-out (orderEvents)", runs: [] };
    const small = opt.fanout[0];
    log(`scenario 4: ${small} subscribers, one connection each`);
    S.fanout.runs.push({ subscribers: small, per_connection: 1, ...await fanout({ ...fanoutOptions, subscribeBase: app.base,
      mutateBase: app.base, tokens: subscriberTokens, subscribers: small, perConnection: 1, ...FANOUT_ORDERS,
      serverCpuMs: () => jvmCpuMs(app.pid), statements: sqlOfFanout }) });
    // the same subscribers with the staff panel's own subscription: the order as it is now with every event
    log(`scenario 4: ${small} subscribers with the staff panel's subscription document`);
    const after = (await gql(app.base, "{ latestEventCursor }", subscriberTokens[0])).data.latestEventCursor;
    S.fanout.runs.push({ subscribers: small, per_connection: 1, ...await fanout({ ...fanoutOptions, subscribeBase: app.base,
      mutateBase: app.base, tokens: subscriberTokens, subscribers: small, perConnection: 1, ...FANOUT_ORDERS,
      serverCpuMs: () => jvmCpuMs(app.pid), statements: sqlOfFanout, shape: "panel", after }) });
  }
  if (want("fanout") && opt.fanout[1]) {
    const large = opt.fanout[1];
    log(`scenario 4: ${large} subscribers held by one instance`);
    const heap0 = heapUsedMb(app.pid);
    const rss0 = rssMb(app.pid);
    const perConnection = Math.max(1, Math.ceil(large / 1000));
    const held = await fanout({ ...fanoutOptions, subscribeBase: app.base, mutateBase: app.base, tokens: subscriberTokens,
      subscribers: large, perConnection, orders: 1,
      whileHeld: () => ({ heap_mb: heapUsedMb(app.pid), rss_mb: rssMb(app.pid) }) });
    held.memory = { heap_before_mb: heap0, rss_before_mb: rss0, heap_held_mb: held.held?.heap_mb, rss_held_mb: held.held?.rss_mb,
      heap_kb_per_subscriber: held.held?.heap_mb != null && heap0 != null ? ((held.held.heap_mb - heap0) * 1024) / large : null,
      rss_kb_per_subscriber: held.held?.rss_mb != null ? ((held.held.rss_mb - rss0) * 1024) / large : null };
    S.fanout.runs.push({ subscribers: large, per_connection: perConnection, ...held });
  }
  let app2;
  if (want("cross") || want("abuse")) {
    // the second instance runs with the production defaults (rate limits on): scenario 5 and the abuse test use it
    app2 = await startApp("app2", PORTS.app2);
  }
  if (want("cross")) {
    const n = opt.fanout[0];
    log(`scenario 5: ${n} subscribers on the second instance, orders placed on the first`);
    S.cross = { title: "5. cross-instance: subscribers on one instance, mutations on the other", runs: [{ subscribers: n,
      per_connection: 1, ...await fanout({ ...fanoutOptions, subscribeBase: app2.base, mutateBase: app.base,
        tokens: subscriberTokens, subscribers: n, perConnection: 1, ...FANOUT_ORDERS, serverCpuMs: () => jvmCpuMs(app2.pid) }) }] };
  }
  if (want("abuse")) {
    await stop(app); // the abuse test gets the machine to itself
    log(`abuse load (issue 9): ${opt.abuseHeavy} heavy staff requests and ${opt.abuseAnonymous} anonymous ones at once`);
    const staff = await token("bench-staff-1", "staff");
    const idle0 = jvmCpuMs(app2.pid);
    await sleep(5000);
    const idleMs = jvmCpuMs(app2.pid) - idle0;
    const logBefore = fs.statSync(app2.logFile).size;
    process.env.BENCH_HEALTH_BASE = app2.healthBase;
    const outcome = await abuse(app2.base, staff, opt.abuseHeavy, opt.abuseAnonymous);
    const activeAfter = Number(psql(`select count(*) from pg_stat_activity where usename = '${db.user}' and state = 'active'`));
    const cpu0 = jvmCpuMs(app2.pid);
    const service0 = jvmThreadCpuMs(app2.pid);
    await sleep(5000);
    outcome.jvm_cpu_ms_5s_after = jvmCpuMs(app2.pid) - cpu0;
    // compiling what the load made hot, and collecting its garbage, is not work left over from requests
    outcome.jvm_jit_gc_cpu_ms_5s_after = serviceDeltaMs(service0, jvmThreadCpuMs(app2.pid));
    outcome.jvm_request_cpu_ms_5s_after = outcome.jvm_cpu_ms_5s_after - outcome.jvm_jit_gc_cpu_ms_5s_after;
    outcome.jvm_cpu_ms_5s_idle_before = idleMs;
    outcome.active_statements_after_last_answer = activeAfter;
    outcome.log_bytes = fs.statSync(app2.logFile).size - logBefore;
    outcome.checks = {
      no_5xx_but_graphql_503: outcome.other_5xx === 0,
      health_within_1s: outcome.health.max_ms <= 1000 && outcome.health.all_200,
      no_work_after_last_answer: activeAfter === 0 && outcome.jvm_request_cpu_ms_5s_after <= Math.max(2 * idleMs, 1000),
      log_under_1mb: outcome.log_bytes < 1024 * 1024,
    };
    S.abuse = { title: "issue 9 abuse load (production defaults)", ...outcome };
    log(`abuse: ${JSON.stringify(outcome.checks)}`);
  }
  await stop(app);
  await stop(app2);
  await stop(peer);
  if (want("startup")) {
    log("scenario 6: start-up with the embedded database (fresh data directory)");
    const embedded = await startApp("embedded", PORTS.embedded, { embedded: true });
    await sleep(5000);
    S.startup = { title: "6. start-up and resident memory", embedded_ready_ms: embedded.readyMs,
      embedded_idle_rss_mb: rssMb(embedded.pid), external_db_first_start_ready_ms: results.machine.app_ready_ms_first_start,
      external_db_idle_rss_mb: results.machine.app_idle_rss_mb,
      max_rss_mb_under_order_page: Math.max(0, ...(S.orders?.runs ?? []).map((r) => r.ordergraph.max_rss_mb ?? 0)) || null };
    await stop(embedded);
  }
  results.machine.load_after = fs.readFileSync("/proc/loadavg", "utf8").trim();
  results.finished = new Date().toISOString();
  fs.mkdirSync(resultsDir, { recursive: true });
  const written = writeReport(results, { dir: resultsDir, stamp, docs: opt.noDocs ? null : path.join(ROOT, "docs/benchmarks.md"),
    chart: opt.noDocs ? null : path.join(ROOT, "docs/benchmarks.svg") });
  log(`results: ${written.join(", ")}`);
}

try {
  await main();
} catch (error) {
  console.error(`harness failed: ${error.stack ?? error}`);
  process.exitCode = 1;
} finally {
  killAll();
  await sleep(500);
  if (db.stop) {
    try {
      db.stop();
    } catch { /* already stopped */ }
  }
}
