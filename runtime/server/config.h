/* SPDX-License-Identifier: MIT */
/*
 * Server configuration: built-in defaults, then an optional `key = value`
 * file, then FORMBUILDER_* environment variables, each layer overriding
 * the one before. Every value is checked when it is read, so a typo stops
 * the server at start with a message naming the file, line and key.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "address_lookup.h"
#include "lookup.h"
#include "config_site.h"
#include "outbox.h"

/* A token bucket's shape: it refills at per_second tokens a second up to
 * burst; a request takes one. per_second 0 means no limit ("off"). */
struct fb_rate {
    double per_second;
    unsigned burst;
};

enum fb_log_level {
    FB_LOG_ERROR,
    FB_LOG_WARN,
    FB_LOG_INFO,
    FB_LOG_DEBUG
};

struct fb_config {
    char listen[64];          /* IPv4 or IPv6 literal to bind */
    unsigned port;            /* 0 lets the kernel choose */
    char db[4096];            /* SQLite file, or postgresql:// URL */
    unsigned session_idle;    /* seconds without a saved answer */
    size_t session_cache;     /* bytes of session records kept in memory
                               * (session_cache.h); 0: none */
    size_t body_limit;        /* bytes of one request body */
    unsigned max_fields;      /* fields in one request body */
    char base_url[512];       /* public URL; https makes cookies Secure */
    enum fb_log_level log_level;
    unsigned conn_timeout;    /* seconds a connection may stay idle */
    size_t conn_memory;       /* bytes libmicrohttpd may use per connection */
    unsigned max_connections; /* open connections at once */
    unsigned max_conn_per_client; /* open connections from one address */
    unsigned request_deadline; /* seconds to receive a whole request */
    unsigned purge_interval;  /* seconds between retention purges */
    unsigned shutdown_grace;  /* seconds to let requests finish on stop */
    /* rate limits (ratelimit.h): page POSTs and submissions per client
     * address, submissions per form, and how many client addresses the
     * limiter remembers */
    struct fb_rate post_per_client;
    struct fb_rate submit_per_client;
    struct fb_rate submit_per_form;
    unsigned rate_limit_clients;
    char trusted_proxy[64];   /* IP whose X-Forwarded-For names the
                               * client for the rate limits; "" none */
    struct fb_outbox_config outbox; /* delivery: outbox.h */
    struct fb_address_config address; /* address lookup: address_lookup.h */
    struct fb_lookup_config lookup;   /* other lookups: lookup.h */
    bool secure_cookies;      /* derived: base_url starts with https:// */
    /* file questions (upload_store.h): where uploads are kept (tmp/ in
     * it for those arriving), and clamd's UNIX socket to scan them with
     * ("" none) */
    char files_dir[4096];
    char clamd_socket[108];
    unsigned clamd_timeout;   /* seconds a scan may take */
    struct fb_site_config site; /* the council's service: config_site.h */
};

/** Fills @p cfg with the built-in defaults (127.0.0.1:8080,
 *  var/formbuilder.db, 30 min idle, 64 KiB bodies, 200 fields). */
void
fb_config_defaults(struct fb_config *cfg);

/**
 * Reads `key = value` lines from @p path into @p cfg; '#' starts a comment.
 * @returns 0, or -1 with a message ("FILE:LINE: ...") in @p err (at most
 * @p errlen bytes) for an unreadable file, unknown key or bad value.
 */
int
fb_config_load_file(struct fb_config *cfg, const char *path, char *err,
                    size_t errlen);

/**
 * Applies FORMBUILDER_LISTEN, _PORT, _DB, _SESSION_IDLE, _BODY_LIMIT,
 * _MAX_FIELDS, _BASE_URL and _LOG_LEVEL from the environment.
 * @returns 0, or -1 with a message naming the variable in @p err.
 */
int
fb_config_load_env(struct fb_config *cfg, char *err, size_t errlen);

/**
 * Sets one key (the file's spelling, e.g. "body_limit") from text.
 * @returns 0, or -1 with a message in @p err for an unknown key or a
 * value out of range. Durations take s, m, h suffixes; sizes k and m.
 */
int
fb_config_set(struct fb_config *cfg, const char *key, const char *value,
              char *err, size_t errlen);

/** @returns the level named @p name ("error", "warn", "info", "debug")
 *  in *out_level, or false when the name is unknown. */
bool
fb_log_level_parse(const char *name, enum fb_log_level *out_level);
