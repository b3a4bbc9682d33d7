#!/usr/bin/env bash
# Load benchmark of the GraphQL API: starts Ordergraph (embedded PostgreSQL, fresh data directory) from the built
# jar, prepares a product and a customer, then drives it with `hey` (Debian package `hey`) on loopback.
# Usage: bench/run.sh [requests] [concurrency]      Results: docs/benchmarks.md
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
REQUESTS=${1:-5000}
CONCURRENCY=${2:-16}
PORT=${BENCH_PORT:-18080}
BASE=http://127.0.0.1:$PORT
DATA=$(mktemp -d /tmp/ordergraph-bench.XXXXXX)
command -v hey >/dev/null || { echo "needs hey (apt-get install hey)"; exit 1; }
JAR=$(ls target/ordergraph-*.jar 2>/dev/null | grep -v original | head -1 || true)
[[ -n "$JAR" ]] || { echo "build first: ./mvnw -B -DskipTests package"; exit 1; }

java -jar "$JAR" --server.port="$PORT" --ordergraph.embedded-db.data-directory="$DATA/pg" \
  --logging.level.root=WARN > "$DATA/app.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null; rm -rf "$DATA"' EXIT
for _ in $(seq 1 120); do curl -sf "$BASE/actuator/health/readiness" >/dev/null && break; sleep 1; done

token() { curl -sf -X POST "$BASE/dev/token" -H 'Content-Type: application/json' -d "$1" \
  | sed -E 's/.*"access_token":"([^"]+)".*/\1/'; }
gql() { curl -sf "$BASE/graphql" -H 'Content-Type: application/json' -H "Authorization: Bearer $1" -d "$2"; }
STAFF=$(token '{"sub":"22222222-2222-4222-8222-222222222222","roles":["staff"]}')
CUSTOMER=$(token '{"sub":"33333333-3333-4333-8333-333333333333","roles":["customer"]}')
PRODUCT=$(gql "$STAFF" '{"query":"mutation { createProduct(input: {name: \"Bench tea\", price: {amount: \"100\", currency: \"KES\"}, stock: 1000000}) { product { id } } }"}' \
  | sed -E 's/.*"id":"([^"]+)".*/\1/')
# seed some orders so that the order list has a full page to read
for _ in $(seq 1 50); do
  gql "$CUSTOMER" "{\"query\":\"mutation { placeOrder(input: {lines: [{productId: \\\"$PRODUCT\\\", quantity: 1}]}) { order { id } } }\"}" >/dev/null
done

run() {
  local name=$1 token=$2 body=$3
  echo "== $name ($REQUESTS requests, $CONCURRENCY concurrent)"
  hey -n "$REQUESTS" -c "$CONCURRENCY" -m POST -T application/json ${token:+-H "Authorization: Bearer $token"} \
    -d "$body" "$BASE/graphql" | grep -E 'Requests/sec|Average|50%|95%|99%|\[[0-9]+\]'
}
run "anonymous product list (20 per page)" "" \
  '{"query":"{ products(first: 20) { totalCount edges { node { id name stock price { amount currency } } } } }"}'
run "staff order page (20 orders with customer, lines, history)" "$STAFF" \
  '{"query":"{ orders(first: 20) { totalCount edges { node { number status customer { name } lines { productName quantity amount { amount } } statusHistory { status } total { amount } } } } }"}'
run "placeOrder (one line, stock taken, event logged)" "$CUSTOMER" \
  "{\"query\":\"mutation { placeOrder(input: {lines: [{productId: \\\"$PRODUCT\\\", quantity: 1}]}) { order { number } errors { code } } }\"}"
if command -v node >/dev/null; then
  # the npm package ws, installed outside the repository
  DEPS=${BENCH_NODE_DEPS:-/tmp/ordergraph-bench-node}
  [[ -d "$DEPS/node_modules/ws" ]] || npm install --silent --prefix "$DEPS" ws@8 >/dev/null
  echo "== live update latency (orderEvents subscriber, orders placed one at a time)"
  BENCH_NODE_DEPS="$DEPS" node bench/latency.mjs "$BASE" "$STAFF" "$CUSTOMER" "$PRODUCT" 300
fi
echo "== stock left of the bench product (1000000 - 50 - placed):"
gql "$STAFF" "{\"query\":\"{ product(id: \\\"$PRODUCT\\\") { stock } pendingFulfilmentCount }\"}"; echo
