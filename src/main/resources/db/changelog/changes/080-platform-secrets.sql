--liquibase formatted sql

--changeset ordergraph:080-platform-secrets
-- Keys every instance must share, made by the first instance that needs them (e.g. the key that makes event cursors
-- opaque, so a cursor reveals no count of the shop's events).
create table platform_secret (
    name text primary key,
    value bytea not null,
    created_at timestamptz not null default now()
);
