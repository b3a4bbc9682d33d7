-- Floor of scenario 3: what placing a one-line order writes, by hand, in one transaction: stock taken by a
-- conditional update (10 % on the hot product), the order, its line, its stock movement and first status, and its
-- event-log row under the log's advisory lock, then NOTIFY. pgbench variables: products (1 is the hot product),
-- customers.
\set hot random(1, 10)
\set n random(2, :products)
\set c random(1, :customers)
begin;
select case when :hot = 1 then md5('product1')::uuid else md5('product' || :n)::uuid end as pid \gset
with taken as (update product set stock = stock - 1, updated_at = now(), version = version + 1
                where id = :pid and stock >= 1 returning name, price_amount)
select count(*) as took, max(name) as name, max(price_amount) as price_amount from taken \gset
\if :took
insert into stock_movement (product_id, delta, reason, moved_at) values (:pid, -1, 'Order bench', now());
select gen_random_uuid() as oid, 'OG-' || lpad(nextval('order_number_seq')::text, 6, '0') as number \gset
insert into customer_order (id, number, customer_id, status, currency, subtotal, tax_rate, placed_by_kind,
                            placed_by_subject, placed_at, updated_at)
  values (:oid, :number, md5('customer' || :c)::uuid, 'PLACED', 'KES', :price_amount, 0.16, 'CUSTOMER',
          'bench-customer-' || :c, now(), now());
insert into order_line (id, order_id, position, product_id, product_name, unit_price, currency, quantity)
  values (gen_random_uuid(), :oid, 0, :pid, :name, :price_amount, 'KES', 1);
insert into order_status_change (id, order_id, status, actor_kind, actor_subject, changed_at)
  values (gen_random_uuid(), :oid, 'PLACED', 'CUSTOMER', 'bench-customer-' || :c, now());
select pg_advisory_xact_lock(7414);
insert into event_log (id, type, aggregate_type, aggregate_id, owner_id, payload, occurred_at)
  values (gen_random_uuid(), 'OrderPlaced', 'Order', :oid, md5('customer' || :c)::uuid,
          jsonb_build_object('number', :number::text, 'status', 'PLACED'), now());
select pg_notify('bench_floor', '');
\endif
commit;
