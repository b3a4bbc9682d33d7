--liquibase formatted sql

--changeset ordergraph:050-cart-carts
-- One cart per customer, keyed by the customer's id: the key itself makes it unique, and the cart's global id is
-- known before the customer ever adds anything. Its row is what concurrent changes of one cart lock and queue on.
-- No foreign key to customer or product: modules own their tables (as order_line does).
create table cart (
    customer_id uuid primary key,
    created_at  timestamptz not null,
    updated_at  timestamptz not null
);

create table cart_line (
    id          uuid primary key,
    customer_id uuid not null references cart (customer_id) on delete cascade,
    product_id  uuid not null,
    quantity    integer not null,
    added_at    timestamptz not null,
    updated_at  timestamptz not null,
    -- adding a product already in the cart raises its line rather than adding a second one
    constraint cart_line_product_uk unique (customer_id, product_id),
    constraint cart_line_quantity_range check (quantity > 0 and quantity <= 10000)
);
