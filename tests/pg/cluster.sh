#!/bin/sh
# SPDX-License-Identifier: MIT
# A throwaway PostgreSQL cluster for the tests: initdb into a temporary
# directory, a server on a free loopback port (trust authentication,
# nothing else listening), stopped and removed at the end. As root the
# cluster runs as the postgres user, which PostgreSQL requires. fsync is
# off: the tests kill formbuilder, stop and restart PostgreSQL cleanly,
# never the machine, and a fresh database per server must be cheap
# (FBT_PG_FSYNC=on turns it on: bench/pg_scale.py).
#
#   cluster.sh run CMD ARGS...   start a cluster, run CMD with FBT_PG_URL
#                                (its database's URL), FBT_PG_DIR and
#                                FBT_BACKEND=pg set, stop it; CMD's status
#   cluster.sh start DIR         start a cluster in DIR (created); prints
#                                the URL, also kept in DIR/url
#   cluster.sh stop DIR          stop it (the data stays)
#   cluster.sh resume DIR        start it again on the same port
#   cluster.sh destroy DIR       stop it and remove DIR
#
# Exits 77 (skipped) when the PostgreSQL server binaries are absent.
set -eu

bindir() {
    if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1
    then
        dirname "$(command -v initdb)"
        return
    fi
    for d in /usr/lib/postgresql/*/bin; do
        if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then
            echo "$d"
            return
        fi
    done
}

BIN=$(bindir)
if [ -z "$BIN" ]; then
    echo "cluster.sh: no PostgreSQL server binaries (initdb, pg_ctl); install Debian's postgresql" >&2
    exit 77
fi

PSQL=$(command -v psql || echo "$BIN/psql")

# Runs a command as the cluster's owner.
as_owner() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

pg_start() {
    as_owner "$BIN/pg_ctl" -D "$1/data" -l "$1/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -c port=$(cat "$1/port") -c unix_socket_directories=$1 -c max_connections=300 -c fsync=${FBT_PG_FSYNC:-off} -c full_page_writes=${FBT_PG_FSYNC:-off}" \
        start >/dev/null
}

pg_stop() {
    if [ -f "$1/data/postmaster.pid" ]; then
        as_owner "$BIN/pg_ctl" -D "$1/data" -m fast -w -t 60 stop >/dev/null
    fi
}

start() {
    dir=$1
    mkdir -p "$dir"
    if [ "$(id -u)" = 0 ]; then
        chown postgres "$dir"
    fi
    as_owner "$BIN/initdb" -D "$dir/data" -U postgres --auth=trust \
        --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || {
        cat "$dir/initdb.log" >&2
        exit 1
    }
    free_port >"$dir/port"
    pg_start "$dir"
    port=$(cat "$dir/port")
    "$PSQL" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres \
        -c "CREATE DATABASE formbuilder" >/dev/null
    echo "postgresql://postgres@127.0.0.1:$port/formbuilder" >"$dir/url"
    cat "$dir/url"
}

case "${1:-}" in
run)
    shift
    dir=$(mktemp -d /tmp/fbpg-XXXXXX)
    trap 'pg_stop "$dir" || true; rm -rf "$dir"' EXIT
    FBT_PG_URL=$(start "$dir")
    FBT_PG_DIR=$dir
    FBT_BACKEND=pg
    export FBT_PG_URL FBT_PG_DIR FBT_BACKEND
    set +e
    "$@"
    status=$?
    set -e
    exit $status
    ;;
start) start "$2" ;;
stop) pg_stop "$2" ;;
resume) pg_start "$2" ;;
destroy)
    pg_stop "$2" || true
    rm -rf "$2"
    ;;
*)
    echo "usage: cluster.sh run CMD... | start DIR | stop DIR | resume DIR | destroy DIR" >&2
    exit 2
    ;;
esac
