--liquibase formatted sql

--changeset ordergraph:010-staff-employees
create table employee (
    id          uuid primary key,
    subject     varchar(255) not null,
    name        varchar(200) not null,
    email       varchar(320),
    active      boolean not null default true,
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    version     bigint not null default 0,
    constraint employee_subject_uk unique (subject)
);

create table employee_permission (
    employee_id uuid not null references employee (id) on delete cascade,
    permission  varchar(40) not null,
    primary key (employee_id, permission)
);
