#!/usr/bin/env bash
# Abuse load test (issue 9): production settings (ORDERGRAPH_PRODUCTION_MODE=true) on the embedded database, 100
# orders of 3 lines, then bench/abuse.mjs. Afterwards: the JVM's CPU time in the 5 s after the last answer (work
# that outlived its clients), the number of SQL statements still running, and the size of the log written.
# Usage: bench/abuse.sh     Needs node 18+; results go in docs/benchmarks.md by hand.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PORT=${BENCH_PORT:-18081}
BASE=http://127.0.0.1:$PORT
DATA=$(mktemp -d /tmp/ordergraph-abuse.XXXXXX)
JAR=$(ls target/ordergraph-*.jar 2>/dev/null | grep -v original | head -1 || true)
[[ -n "$JAR" ]] || { echo "build first: ./mvnw -B -DskipTests package"; exit 1; }
ORDERGRAPH_PRODUCTION_MODE=true java -jar "$JAR" --server.port="$PORT" \
  --ordergraph.embedded-db.data-directory="$DATA/pg" > "$DATA/app.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null; rm -rf "$DATA"' EXIT
for _ in $(seq 1 180); do curl -sf "$BASE/actuator/health/readiness" >/dev/null && break; sleep 1; done

token() { curl -sf -X POST "$BASE/dev/token" -H 'Content-Type: application/json' -d "$1" \
  | sed -E 's/.*"access_token":"([^"]+)".*/\1/'; }
gql() { curl -sf "$BASE/graphql" -H 'Content-Type: application/json' -H "Authorization: Bearer $1" -d "$2"; }
STAFF=$(token '{"sub":"22222222-2222-4222-8222-222222222222","roles":["staff"]}')
CUSTOMER=$(token '{"sub":"33333333-3333-4333-8333-333333333333","roles":["customer"]}')
PRODUCT=$(gql "$STAFF" '{"query":"mutation { createProduct(input: {name: \"Abuse tea\", price: {amount: \"100\", currency: \"KES\"}, stock: 1000000}) { product { id } } }"}' \
  | sed -E 's/.*"id":"([^"]+)".*/\1/')
for _ in $(seq 1 100); do
  gql "$CUSTOMER" "{\"query\":\"mutation { placeOrder(input: {lines: [{productId: \\\"$PRODUCT\\\", quantity: 1}]}) { order { id } } }\"}" >/dev/null
done
LOG_BEFORE=$(stat -c %s "$DATA/app.log")
node bench/abuse.mjs "$BASE" "$STAFF"
ticks() { awk '{print $14 + $15}' "/proc/$APP/stat"; }
T0=$(ticks); sleep 5; T1=$(ticks)
echo "JVM CPU in the 5 s after the last answer: $(( (T1 - T0) * 10 )) ms"
echo "log written during the run: $(( $(stat -c %s "$DATA/app.log") - LOG_BEFORE )) bytes"
