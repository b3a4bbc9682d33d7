--liquibase formatted sql

--changeset ordergraph:001-platform-event-log
-- Domain events, written in the transaction of the change that caused them. The sequence is the cursor clients
-- resume from; writers serialize on an advisory lock just before commit, so sequence order is commit order.
create table event_log (
    seq             bigserial primary key,
    id              uuid not null unique,
    type            varchar(100) not null,
    aggregate_type  varchar(60) not null,
    aggregate_id    uuid not null,
    owner_id        uuid,
    payload         jsonb not null,
    occurred_at     timestamptz not null
);

create index event_log_aggregate_idx on event_log (aggregate_type, aggregate_id, seq);
