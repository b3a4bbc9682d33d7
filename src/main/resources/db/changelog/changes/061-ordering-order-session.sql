--liquibase formatted sql

--changeset ordergraph:061-ordering-order-session
-- an order belongs to a customer or to a table session (guests have no customer record)
alter table customer_order alter column customer_id drop not null;
alter table customer_order add column session_id uuid;
alter table customer_order add constraint customer_order_owner_ck check (customer_id is not null or session_id is not null);
create index customer_order_session_idx on customer_order (session_id, placed_at) where session_id is not null;
