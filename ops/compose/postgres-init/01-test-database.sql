-- `npm test` connects to postgres://postgres@127.0.0.1:5432/test and creates a database per run
-- from there. Runs once, when the postgres-data volume is first initialised.
CREATE DATABASE test;
