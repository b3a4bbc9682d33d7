// PostGraphile v5 (the Grafast engine), the optional peer of bench/run.sh --peer: the same database as Ordergraph,
// with its default (Amber) preset. Two smart tags give it the relations Ordergraph's schema has on purpose without
// foreign keys (an order's customer, a line's product: both may be deleted while the order keeps its snapshot), and
// conditions on unindexed columns (a product's visibility) are allowed, so that it can answer the same query shapes.
// Started by bench/lib/peer.mjs from a copy beside the installed node_modules; no authorization: it connects as the
// application's role and answers anyone.
import { PostGraphileAmberPreset } from "postgraphile/presets/amber";
import { makePgService } from "postgraphile/adaptors/pg";
import { makeJSONPgSmartTagsPlugin } from "postgraphile/utils";

const relations = makeJSONPgSmartTagsPlugin({
  version: 1,
  config: {
    class: {
      customer_order: { tags: { foreignKey: "(customer_id) references customer (id)|@fieldName customer" } },
      order_line: { tags: { foreignKey: "(product_id) references product (id)|@fieldName product" } },
    },
  },
});

export default {
  extends: [PostGraphileAmberPreset],
  plugins: [relations],
  disablePlugins: ["PgIndexBehaviorsPlugin"],
  pgServices: [makePgService({ connectionString: process.env.PEER_DATABASE_URL, schemas: ["public"] })],
  grafserv: { port: Number(process.env.PEER_PORT), host: "127.0.0.1" },
};
