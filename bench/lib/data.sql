-- The harness's data set, written with set-based SQL as the application itself would have written it (the tables of
-- the Liquibase changesets in src/main/resources/db/changelog/changes/): products with their initial stock movement,
-- customers with OIDC subjects bench-customer-N, employees bench-staff-N with MANAGE_ORDERS and MANAGE_PRODUCTS,
-- orders of 1-5 lines with their stock movements, status history and event-log rows, and table sessions.
-- psql variables: products, customers, orders, sessions, staff.   Ids are md5-derived, so a data set is reproducible.
\set ON_ERROR_STOP on
begin;
select setseed(0.14);

insert into employee (id, subject, name, email, active, created_at, updated_at)
select md5('staff' || n)::uuid, 'bench-staff-' || n, 'Bench Staff ' || n, 'staff' || n || '@bench.example', true,
       now() - interval '200 days', now() - interval '200 days'
from generate_series(1, :staff) n;
insert into employee_permission (employee_id, permission)
select md5('staff' || n)::uuid, p
from generate_series(1, :staff) n, unnest(array['MANAGE_ORDERS', 'MANAGE_PRODUCTS']) p;

insert into product (id, name, description, price_amount, price_currency, stock, visible, created_at, updated_at)
select md5('product' || n)::uuid, 'Product ' || lpad(n::text, 4, '0'), 'Bench product number ' || n,
       (50 + (n * 7919) % 4950)::numeric(19, 4), 'KES', 1000000, (n % 20) <> 0,
       now() - interval '180 days', now() - interval '180 days'
from generate_series(1, :products) n;
insert into stock_movement (product_id, delta, reason, subject, moved_at)
select id, stock, 'Initial stock', 'bench-staff-1', created_at from product order by name;

insert into customer (id, code, name, phone, email, subject, created_by, created_at, updated_at)
select md5('customer' || n)::uuid, 'BENCH' || lpad(n::text, 7, '0'), 'Customer ' || n,
       '+2547' || lpad(n::text, 8, '0'), 'customer' || n || '@bench.example', 'bench-customer-' || n,
       'bench-customer-' || n, now() - interval '170 days', now() - interval '170 days'
from generate_series(1, :customers) n;

-- the orders to be: customer, status (PLACED 10 %, ACCEPTED 10 %, PREPARING 5 %, READY 5 %, FULFILLED 60 %,
-- REJECTED 5 %, CANCELLED 5 %), when, and how many lines
create temporary table bench_order on commit drop as
select n, md5('order' || n)::uuid as id, 'OG-' || lpad((1000 + n)::text, 6, '0') as number,
       md5('customer' || (1 + floor(random() * :customers))::int)::uuid as customer_id,
       case when r < 0.10 then 'PLACED' when r < 0.20 then 'ACCEPTED' when r < 0.25 then 'PREPARING'
            when r < 0.30 then 'READY' when r < 0.90 then 'FULFILLED' when r < 0.95 then 'REJECTED'
            else 'CANCELLED' end as status,
       now() - interval '90 days' + (interval '90 days' * n / :orders) as placed_at,
       1 + floor(random() * 5)::int as line_count
from (select n, random() as r from generate_series(1, :orders) n) g;

create temporary table bench_line on commit drop as
select md5('line' || o.n || '-' || l)::uuid as id, o.id as order_id, l - 1 as position, p.id as product_id,
       p.name as product_name, p.price_amount as unit_price, p.price_currency as currency,
       1 + floor(random() * 3)::int as quantity, o.number, o.placed_at
from bench_order o
cross join lateral generate_series(1, o.line_count) l
join product p on p.id = md5('product' || (1 + (o.n * 31 + l * 17) % :products))::uuid;
-- a product appears once per order, as the app merges lines of one product
delete from bench_line b using bench_line d
where b.order_id = d.order_id and b.product_id = d.product_id and b.position > d.position;

insert into customer_order (id, number, customer_id, status, currency, subtotal, tax_rate, placed_by_kind,
                            placed_by_subject, placed_at, updated_at)
select o.id, o.number, o.customer_id, o.status, 'KES', s.subtotal, 0.1600, 'CUSTOMER', c.subject, o.placed_at,
       o.placed_at + case when o.status = 'PLACED' then interval '0' else interval '2 hours' end
from bench_order o
join customer c on c.id = o.customer_id
join (select order_id, sum(unit_price * quantity) as subtotal from bench_line group by order_id) s on s.order_id = o.id
order by o.n;
insert into order_line (id, order_id, position, product_id, product_name, unit_price, currency, quantity)
select id, order_id, position, product_id, product_name, unit_price, currency, quantity from bench_line;
insert into stock_movement (product_id, delta, reason, subject, moved_at)
select product_id, -quantity, 'Order ' || number, null, placed_at from bench_line order by placed_at, position;
-- rejected and cancelled orders gave their stock back
insert into stock_movement (product_id, delta, reason, subject, moved_at)
select l.product_id, l.quantity, 'Order ' || l.number || ' ' || lower(o.status), 'bench-staff-1',
       l.placed_at + interval '1 hour'
from bench_line l join bench_order o on o.id = l.order_id where o.status in ('REJECTED', 'CANCELLED');
update product p set stock = p.stock + m.delta
from (select product_id, sum(delta) as delta from stock_movement where reason <> 'Initial stock' group by product_id) m
where m.product_id = p.id;

-- status history: PLACED, then each step to the status the order is in now
create temporary table bench_change on commit drop as
select o.id as order_id, o.customer_id, o.number, step, st.status,
       lag(st.status) over (partition by o.id order by step) as previous_status,
       o.placed_at + interval '30 minutes' * step as changed_at
from bench_order o
cross join lateral (
  select * from unnest(case o.status
           when 'REJECTED' then array['PLACED', 'REJECTED']
           when 'CANCELLED' then array['PLACED', 'CANCELLED']
           else (array['PLACED', 'ACCEPTED', 'PREPARING', 'READY', 'FULFILLED'])[1:array_position(
                 array['PLACED', 'ACCEPTED', 'PREPARING', 'READY', 'FULFILLED'], o.status)] end)
         with ordinality as u(status, step)) st;
insert into order_status_change (id, order_id, status, previous_status, actor_kind, actor_subject, actor_name,
                                 changed_at)
select md5('change' || order_id || step)::uuid, order_id, status, previous_status,
       case when step = 1 then 'CUSTOMER' else 'EMPLOYEE' end,
       case when step = 1 then null else 'bench-staff-1' end, case when step = 1 then null else 'Bench Staff 1' end,
       changed_at
from bench_change order by changed_at, step;
update order_status_change h set actor_subject = c.subject, actor_name = c.name
from customer_order o join customer c on c.id = o.customer_id
where h.order_id = o.id and h.actor_kind = 'CUSTOMER';

insert into event_log (id, type, aggregate_type, aggregate_id, owner_id, payload, occurred_at)
select md5('event' || ch.order_id || ch.step)::uuid, case when ch.step = 1 then 'OrderPlaced' else 'OrderStatusChanged' end,
       'Order', ch.order_id, ch.customer_id,
       jsonb_build_object('number', ch.number, 'status', ch.status,
                          'total', round(o.subtotal * 1.16, 2)::text, 'currency', 'KES')
       || case when ch.previous_status is null then '{}'::jsonb else jsonb_build_object('previousStatus', ch.previous_status) end,
       ch.changed_at
from bench_change ch join customer_order o on o.id = ch.order_id
order by ch.changed_at, ch.step;

select setval('order_number_seq', 1001 + :orders);

insert into order_session (id, label, state, join_code, opened_at, verified_at, closed_at, opened_by_subject,
                           closed_by_subject)
select md5('session' || n)::uuid, 'Table ' || n, case when n % 3 = 0 then 'OPENED' else 'VERIFIED' end,
       encode(sha256(('join' || n)::bytea), 'hex'), now() - interval '1 hour', case when n % 3 = 0 then null else now() end,
       null, 'bench-staff-1', null
from generate_series(1, :sessions) n;
insert into order_session_guest (id, session_id, name, joined_at)
select md5('guest' || n)::uuid, md5('session' || n)::uuid, 'Guest ' || n, now()
from generate_series(1, :sessions) n where n % 3 <> 0;
commit;
vacuum (analyze) product, customer, customer_order, order_line, order_status_change, event_log, stock_movement,
    employee, employee_permission, order_session, order_session_guest;
