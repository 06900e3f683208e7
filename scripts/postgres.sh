# Sourced by .ci/run and scripts/bench.sh: a local PostgreSQL on 127.0.0.1:5432 (installing
# Debian's package and creating a cluster where none answers), and a role and database of
# our own. `pg_database NAME` prints postgres://NAME:NAME@127.0.0.1:5432/NAME.
# shellcheck shell=bash

pg_up() { pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; }

pg_start() {
    pg_up && return 0
    apt_install postgresql
    local ver
    ver="$(ls /usr/lib/postgresql | sort -V | tail -1)"
    if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$ver main"; then
        log "creating PostgreSQL $ver cluster"
        as_root pg_createcluster "$ver" main >/dev/null
    fi
    log "starting PostgreSQL $ver"
    as_root pg_ctlcluster "$ver" main start || true
    for _ in $(seq 1 30); do pg_up && break; sleep 1; done
    pg_up || { echo "PostgreSQL did not start" >&2; return 1; }
}

# Idempotent; needs root or sudo for the postgres account.
pg_database() {
    local name="$1"
    as_root su postgres -c "psql -qtA -p 5432 -c \"SELECT 1 FROM pg_roles WHERE rolname='$name'\"" | grep -q 1 \
        || as_root su postgres -c "psql -q -p 5432 -c \"CREATE ROLE $name LOGIN PASSWORD '$name'\"" >&2
    as_root su postgres -c "psql -qtA -p 5432 -c \"SELECT 1 FROM pg_database WHERE datname='$name'\"" | grep -q 1 \
        || as_root su postgres -c "psql -q -p 5432 -c \"CREATE DATABASE $name OWNER $name\"" >&2
    echo "postgres://$name:$name@127.0.0.1:5432/$name"
}
