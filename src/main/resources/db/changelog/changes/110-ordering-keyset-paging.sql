--liquibase formatted sql

--changeset ordergraph:110-ordering-keyset-paging
-- the staff order list (not archived, newest first) and a customer's own orders, read from a cursor by keyset
create index customer_order_live_placed_idx on customer_order (placed_at desc, id desc) where not archived;
create index customer_order_customer_placed_idx on customer_order (customer_id, placed_at desc, id desc) where not archived;
