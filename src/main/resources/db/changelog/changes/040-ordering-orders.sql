--liquibase formatted sql

--changeset ordergraph:040-ordering-orders
create sequence order_number_seq start with 1001;

create table customer_order (
    id                  uuid primary key,
    number              varchar(20) not null unique,
    customer_id         uuid not null,
    status              varchar(20) not null,
    currency            varchar(3) not null,
    subtotal            numeric(19, 4) not null check (subtotal >= 0),
    tax_rate            numeric(7, 4) not null check (tax_rate >= 0),
    note                varchar(500),
    archived            boolean not null default false,
    placed_by_kind      varchar(20) not null,
    placed_by_subject   varchar(255),
    placed_at           timestamptz not null,
    updated_at          timestamptz not null,
    idempotency_subject varchar(255),
    idempotency_key     varchar(100),
    request_hash        varchar(64),
    version             bigint not null default 0,
    constraint customer_order_idempotency_uk unique (idempotency_subject, idempotency_key)
);

create index customer_order_customer_idx on customer_order (customer_id, placed_at desc);
create index customer_order_placed_idx on customer_order (placed_at desc, id desc);
create index customer_order_open_idx on customer_order (status) where not archived;

create table order_line (
    id              uuid primary key,
    order_id        uuid not null references customer_order (id),
    position        int not null,
    product_id      uuid not null,
    product_name    varchar(200) not null,
    unit_price      numeric(19, 4) not null check (unit_price >= 0),
    currency        varchar(3) not null,
    quantity        int not null check (quantity > 0)
);

create index order_line_order_idx on order_line (order_id, position);

create table order_status_change (
    id              uuid primary key,
    seq             bigserial not null,
    order_id        uuid not null references customer_order (id),
    status          varchar(20) not null,
    previous_status varchar(20),
    actor_kind      varchar(20) not null,
    actor_subject   varchar(255),
    actor_name      varchar(200),
    note            varchar(500),
    changed_at      timestamptz not null
);

create index order_status_change_order_idx on order_status_change (order_id, seq);
