#!/bin/bash
# Runs once, when the primary's data folder is made (docker-entrypoint-initdb.d): lets the replica of
# the `replica` profile stream from it over the compose network, with the same password.
set -e
echo "host replication all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
