--liquibase formatted sql

--changeset ordergraph:100-integration-integrators
-- External systems that receive our orders (seed 001), and the outbox of deliveries to them.
create table integrator (
    id                     uuid primary key,
    name                   varchar(200) not null,
    endpoint_url           varchar(2000) not null,
    events                 varchar(200) not null,
    active                 boolean not null,
    signing_secret         varchar(500) not null,
    previous_secret        varchar(500),
    previous_secret_until  timestamptz,
    auth_kind              varchar(20) not null,
    auth_header_name       varchar(200),
    auth_header_value      varchar(4000),
    created_at             timestamptz not null,
    updated_at             timestamptz not null
);

create table integrator_delivery (
    id                     uuid primary key,
    seq                    bigserial not null,
    integrator_id          uuid not null references integrator (id),
    order_id               uuid not null references customer_order (id),
    ordering_key           varchar(80) not null,
    event_id               uuid not null,
    event_type             varchar(40) not null,
    body                   text not null,
    status                 varchar(20) not null,
    attempts               int not null default 0,
    next_attempt_at        timestamptz,
    claimed_at             timestamptz,
    claimed_by             varchar(80),
    last_error             varchar(500),
    last_response_code     int,
    last_response_excerpt  varchar(1000),
    created_at             timestamptz not null,
    updated_at             timestamptz not null
);

create index integrator_delivery_due_idx on integrator_delivery (next_attempt_at, seq) where status = 'PENDING';
create index integrator_delivery_sending_idx on integrator_delivery (claimed_at) where status = 'SENDING';
create index integrator_delivery_key_idx on integrator_delivery (ordering_key, seq);
create index integrator_delivery_integrator_idx on integrator_delivery (integrator_id, created_at desc);
