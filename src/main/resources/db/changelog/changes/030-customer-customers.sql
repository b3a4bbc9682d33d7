--liquibase formatted sql

--changeset ordergraph:030-customer-customers
create table customer (
    id              uuid primary key,
    code            varchar(32) not null,
    name            varchar(200) not null,
    phone           varchar(16),
    email           varchar(320),
    subject         varchar(255),
    created_by      varchar(255),
    idempotency_key varchar(200),
    request_hash    varchar(64),
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    deleted_at      timestamptz,
    version         bigint not null default 0,
    -- A deleted (anonymized) customer keeps no personal data, so its subject may register again.
    constraint customer_deleted_anonymized_ck check (deleted_at is null or (subject is null and phone is null and email is null))
);

create unique index customer_code_uk on customer (lower(code));
create unique index customer_subject_uk on customer (subject) where subject is not null;
create unique index customer_idempotency_uk on customer (created_by, idempotency_key) where idempotency_key is not null;
-- The customers list sorts by name, then id.
create index customer_name_idx on customer (name, id);
