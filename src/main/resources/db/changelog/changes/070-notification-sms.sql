--liquibase formatted sql

--changeset ordergraph:070-notification-sms
-- The SMS outbox: a row is written with the order change that causes it and sent by the worker after commit.
create table sms_message (
    id                  uuid primary key,
    seq                 bigserial not null,
    order_id            uuid references customer_order (id),
    order_number        varchar(20),
    customer_id         uuid,
    event               varchar(20) not null,
    recipient           varchar(16),
    body                varchar(1600) not null,
    status              varchar(20) not null,
    attempts            int not null default 0,
    next_attempt_at     timestamptz,
    claimed_at          timestamptz,
    claimed_by          varchar(80),
    last_error          varchar(500),
    provider_message_id varchar(100),
    provider_status     varchar(50),
    cost_amount         numeric(19, 4),
    cost_currency       varchar(3),
    network_code        varchar(20),
    failure_reason      varchar(100),
    resent_from         uuid references sms_message (id),
    created_at          timestamptz not null,
    updated_at          timestamptz not null
);

create index sms_message_due_idx on sms_message (next_attempt_at, seq) where status = 'PENDING';
create index sms_message_sending_idx on sms_message (claimed_at) where status = 'SENDING';
create index sms_message_order_idx on sms_message (order_id, seq);
create index sms_message_created_idx on sms_message (created_at desc, id desc);
create unique index sms_message_provider_id_uk on sms_message (provider_message_id) where provider_message_id is not null;
