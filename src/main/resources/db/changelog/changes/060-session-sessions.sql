--liquibase formatted sql

--changeset ordergraph:060-session-sessions
create table order_session (
    id                uuid primary key,
    label             varchar(100) not null,
    state             varchar(20) not null,
    join_code         varchar(64) not null,
    opened_at         timestamptz not null,
    verified_at       timestamptz,
    closed_at         timestamptz,
    opened_by_subject varchar(255),
    closed_by_subject varchar(255),
    version           bigint not null default 0,
    constraint order_session_join_code_uk unique (join_code)
);

-- a label names one table at a time: unique among the sessions that are not closed
create unique index order_session_live_label_uk on order_session (lower(label)) where state <> 'CLOSED';
create index order_session_state_idx on order_session (state, opened_at desc, id desc);
create index order_session_opened_idx on order_session (opened_at desc, id desc);

create table order_session_guest (
    id         uuid primary key,
    session_id uuid not null references order_session (id),
    name       varchar(100) not null,
    joined_at  timestamptz not null
);

create index order_session_guest_session_idx on order_session_guest (session_id, joined_at);

-- HMAC keys that sign guest tokens, shared by every replica through the database
create table guest_token_key (
    id         varchar(64) primary key,
    secret     bytea not null,
    created_at timestamptz not null
);
