--liquibase formatted sql

--changeset ordergraph:101-integration-callbacks
-- Webhook ids of integrator callbacks already accepted, so that a replay is refused.
create table integrator_callback_seen (
    integrator_id  uuid not null references integrator (id),
    webhook_id     varchar(200) not null,
    received_at    timestamptz not null,
    primary key (integrator_id, webhook_id)
);
