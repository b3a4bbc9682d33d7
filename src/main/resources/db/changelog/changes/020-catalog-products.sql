--liquibase formatted sql

--changeset ordergraph:020-catalog-products
create table product (
    id                   uuid primary key,
    name                 varchar(200) not null,
    description          varchar(2000),
    price_amount         numeric(19, 4) not null,
    price_currency       varchar(3) not null,
    stock                integer not null,
    visible              boolean not null,
    archived_at          timestamptz,
    -- createProduct's idempotency: who sent which key, and a hash of the normalized input it came with
    idempotency_subject  varchar(255),
    idempotency_key      varchar(255),
    idempotency_hash     varchar(64),
    created_at           timestamptz not null,
    updated_at           timestamptz not null,
    version              bigint not null default 0,
    -- the last line of defence: no code path, however concurrent, may leave stock below zero
    constraint product_stock_not_negative check (stock >= 0),
    constraint product_price_not_negative check (price_amount >= 0)
);

create unique index product_idempotency_uk on product (idempotency_subject, idempotency_key)
    where idempotency_key is not null;

-- the public list: visible, not archived, sorted by name
create index product_public_name_ix on product (name, id) where visible and archived_at is null;
create index product_name_ix on product (name, id);

-- every change of stock with its reason; the history a stock count can be explained by
create table stock_movement (
    id          bigint generated always as identity primary key,
    product_id  uuid not null references product (id),
    delta       integer not null,
    reason      varchar(500) not null,
    subject     varchar(255),
    moved_at    timestamptz not null,
    constraint stock_movement_delta_not_zero check (delta <> 0)
);

create index stock_movement_product_ix on stock_movement (product_id, id);
