--liquibase formatted sql

--changeset ordergraph:102-integration-oauth2
-- OAuth2 client credentials towards an integrator (the client secret encrypted like the other secrets).
alter table integrator alter column auth_kind type varchar(40);
alter table integrator add column auth_token_url varchar(2000);
alter table integrator add column auth_client_id varchar(200);
alter table integrator add column auth_client_secret varchar(4000);
alter table integrator add column auth_scope varchar(1000);
