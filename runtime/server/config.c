/* SPDX-License-Identifier: MIT */
/*
 * Configuration loading: defaults, the `key = value` file and the
 * FORMBUILDER_* environment overrides, all funnelled through one setter
 * that validates each value.
 */
#include "config.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Fills cfg with the built-in defaults (127.0.0.1:8080, var/formbuilder.db,
 * 30 min idle, 64 KiB bodies, 200 fields). See config.h. */
void
fb_config_defaults(struct fb_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    snprintf(cfg->listen, sizeof cfg->listen, "127.0.0.1");
    cfg->port = 8080;
    snprintf(cfg->db, sizeof cfg->db, "var/formbuilder.db");
    snprintf(cfg->files_dir, sizeof cfg->files_dir, "var/files");
    cfg->clamd_timeout = 30;
    cfg->session_idle = 30 * 60;
    cfg->session_cache = (size_t)32 * 1024 * 1024;
    cfg->body_limit = (size_t)64 * 1024;
    cfg->max_fields = 200;
    cfg->base_url[0] = '\0';
    cfg->log_level = FB_LOG_INFO;
    cfg->conn_timeout = 30;
    /* What a request needs (headers, the read and write buffers) with
     * room to spare; libmicrohttpd touches all of it on every keep-alive
     * request, so it is most of an idle connection's memory. */
    cfg->conn_memory = (size_t)32 * 1024;
    cfg->max_connections = 1024;
    cfg->max_conn_per_client = 32;
    cfg->request_deadline = 10;
    cfg->purge_interval = 60 * 60;
    cfg->shutdown_grace = 10;
    /* Generous for people, several addresses' worth behind a shared NAT;
     * tight for a script: see docs/security.md, Rate limits. */
    cfg->post_per_client = (struct fb_rate){ 2.0, 120 };
    cfg->submit_per_client = (struct fb_rate){ 10.0 / 60, 20 };
    cfg->submit_per_form = (struct fb_rate){ 1.0, 300 };
    cfg->rate_limit_clients = 8192;
    cfg->secure_cookies = false;
    fb_outbox_config_defaults(&cfg->outbox);
    fb_address_config_defaults(&cfg->address);
    fb_lookup_config_defaults(&cfg->lookup);
}

/* returns the level named name ("error", "warn", "info", "debug") in
 * *out_level, or false when the name is unknown. See config.h. */
bool
fb_log_level_parse(const char *name, enum fb_log_level *out_level)
{
    static const char *const names[] = { "error", "warn", "info", "debug" };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (strcmp(name, names[i]) == 0) {
            *out_level = (enum fb_log_level)i;
            return true;
        }
    }
    return false;
}

/* Parses a whole unsigned number with an optional unit suffix; the units
 * table maps a suffix letter to its multiplier. */
static bool
parse_scaled(const char *s, const char *units, const unsigned long *mult,
             unsigned long long max, unsigned long long *out)
{
    if (!isdigit((unsigned char)s[0]))
        return false;
    errno = 0;
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno != 0)
        return false;
    unsigned long long m = 1;
    if (*end) {
        const char *u = strchr(units, tolower((unsigned char)*end));
        if (!u || end[1])
            return false;
        m = mult[u - units];
    }
    if (v > max / m)
        return false;
    *out = v * m;
    return *out <= max;
}

static bool
parse_duration(const char *s, unsigned long long max, unsigned long long *out)
{
    static const unsigned long mult[] = { 1, 60, 3600, 86400 };
    return parse_scaled(s, "smhd", mult, max, out);
}

static bool
parse_size(const char *s, unsigned long long max, unsigned long long *out)
{
    static const unsigned long mult[] = { 1024, 1024UL * 1024 };
    return parse_scaled(s, "km", mult, max, out);
}

/* A rate as "N/s", "N/m" or "N/h" (N from 1 to 1,000,000), or "off". */
static bool
parse_rate(const char *s, double *out)
{
    if (strcmp(s, "off") == 0) {
        *out = 0;
        return true;
    }
    const char *slash = strchr(s, '/');
    if (!slash || slash == s || slash - s > 7 || strlen(slash) != 2)
        return false;
    char num[8];
    memcpy(num, s, (size_t)(slash - s));
    num[slash - s] = '\0';
    unsigned long long n = 0;
    if (!parse_scaled(num, "", NULL, 1000000, &n) || n == 0)
        return false;
    static const char units[] = "smh";
    static const double per[] = { 1, 60, 3600 };
    const char *u = strchr(units, slash[1]);
    if (!u || !*u)
        return false;
    *out = (double)n / per[u - units];
    return true;
}

static bool
copy_str(char *dst, size_t cap, const char *src)
{
    size_t n = strlen(src);
    if (n == 0 || n >= cap)
        return false;
    memcpy(dst, src, n + 1);
    return true;
}

/* An environment variable's name, as formc checks them. */
static bool
env_name(char *dst, size_t cap, const char *v)
{
    if (*v < 'A' || *v > 'Z'
        || strspn(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") != strlen(v))
        return false;
    return copy_str(dst, cap, v);
}

/* The delivery keys (outbox.h). @returns 1 set, 0 bad value, -1 unknown
 * key. */
static int
set_outbox(struct fb_outbox_config *o, const char *key, const char *value)
{
    unsigned long long n = 0;
    bool ok;
    if (strcmp(key, "outbox_connect_timeout") == 0) {
        ok = parse_duration(value, 600, &n) && n > 0;
        o->connect_timeout = (unsigned)n;
    } else if (strcmp(key, "outbox_timeout") == 0) {
        ok = parse_duration(value, 3600, &n) && n > 0;
        o->timeout = (unsigned)n;
    } else if (strcmp(key, "outbox_ca_file") == 0) {
        ok = copy_str(o->ca_file, sizeof o->ca_file, value);
    } else if (strcmp(key, "outbox_connect_to") == 0) {
        ok = copy_str(o->connect_to, sizeof o->connect_to, value);
    } else if (strcmp(key, "outbox_max_attempts") == 0) {
        ok = parse_scaled(value, "", NULL, 1000, &n) && n > 0;
        o->max_attempts = (unsigned)n;
    } else if (strcmp(key, "outbox_max_age") == 0) {
        ok = parse_duration(value, 365ULL * 86400, &n) && n > 0;
        o->max_age = (unsigned)n;
    } else if (strcmp(key, "outbox_retry_base") == 0) {
        ok = parse_duration(value, 86400, &n) && n > 0;
        o->retry_base = (unsigned)n;
    } else if (strcmp(key, "outbox_retry_max") == 0) {
        ok = parse_duration(value, 7ULL * 86400, &n) && n > 0;
        o->retry_max = (unsigned)n;
    } else if (strcmp(key, "outbox_poll_ms") == 0) {
        ok = parse_scaled(value, "", NULL, 60000, &n) && n >= 10;
        o->poll_ms = (unsigned)n;
    } else if (strcmp(key, "outbox_concurrency") == 0) {
        ok = parse_scaled(value, "", NULL, FB_OUTBOX_CONCURRENCY_MAX, &n)
             && n > 0;
        o->concurrency = (unsigned)n;
    } else if (strcmp(key, "smtp_url") == 0) {
        ok = (strncmp(value, "smtp://", 7) == 0
              || strncmp(value, "smtps://", 8) == 0)
             && copy_str(o->smtp_url, sizeof o->smtp_url, value);
    } else if (strcmp(key, "smtp_from") == 0) {
        ok = strchr(value, '@') && !strpbrk(value, " <>\r\n")
             && copy_str(o->smtp_from, sizeof o->smtp_from, value);
    } else if (strcmp(key, "smtp_starttls") == 0) {
        ok = strcmp(value, "on") == 0 || strcmp(value, "off") == 0;
        o->smtp_starttls = strcmp(value, "off") != 0;
    } else if (strcmp(key, "smtp_user_env") == 0) {
        ok = env_name(o->smtp_user_env, sizeof o->smtp_user_env, value);
    } else if (strcmp(key, "smtp_password_env") == 0) {
        ok = env_name(o->smtp_password_env, sizeof o->smtp_password_env,
                      value);
    } else if (strcmp(key, "notify_url") == 0) {
        ok = (strncmp(value, "https://", 8) == 0
              || strncmp(value, "http://127.0.0.1", 16) == 0)
             && copy_str(o->notify_url, sizeof o->notify_url, value);
    } else if (strcmp(key, "notify_key_env") == 0) {
        ok = env_name(o->notify_key_env, sizeof o->notify_key_env, value);
    } else if (strcmp(key, "pay_url") == 0) {
        /* The payment provider (pay.h): https, or a stand-in on loopback. */
        ok = (strncmp(value, "https://", 8) == 0
              || strncmp(value, "http://127.0.0.1", 16) == 0)
             && copy_str(o->pay_url, sizeof o->pay_url, value);
    } else if (strcmp(key, "pay_timeout") == 0) {
        ok = parse_duration(value, 60, &n) && n > 0;
        o->pay_timeout = (unsigned)n;
    } else if (strcmp(key, "pay_poll") == 0) {
        ok = parse_duration(value, 3600, &n) && n > 0;
        o->pay_poll = (unsigned)n;
    } else if (strcmp(key, "pay_recheck") == 0) {
        ok = parse_duration(value, 86400, &n) && n > 0;
        o->pay_recheck = (unsigned)n;
    } else if (strcmp(key, "file_link_valid") == 0) {
        ok = parse_duration(value, 90ULL * 86400, &n) && n > 0;
        o->file_link_valid = (unsigned)n;
    } else if (strcmp(key, "pay_abandon") == 0) {
        ok = parse_duration(value, 30ULL * 86400, &n) && n > 0;
        o->pay_abandon = (unsigned)n;
    } else {
        return -1;
    }
    if (ok && o->retry_max < o->retry_base)
        o->retry_max = o->retry_base;
    return ok ? 1 : 0;
}

/* Sets one key from its text, checking the value. See config.h. */
int
fb_config_set(struct fb_config *cfg, const char *key, const char *value,
              char *err, size_t errlen)
{
    unsigned long long n = 0;
    bool ok;

    if (strcmp(key, "listen") == 0) {
        ok = copy_str(cfg->listen, sizeof cfg->listen, value);
    } else if (strcmp(key, "port") == 0) {
        ok = parse_scaled(value, "", NULL, 65535, &n);
        cfg->port = (unsigned)n;
    } else if (strcmp(key, "db") == 0 || strcmp(key, "database") == 0) {
        ok = copy_str(cfg->db, sizeof cfg->db, value);
    } else if (strcmp(key, "files_dir") == 0) {
        /* The outbox reads uploads for multipart deliveries. */
        ok = value[0]
             && copy_str(cfg->files_dir, sizeof cfg->files_dir, value)
             && copy_str(cfg->outbox.files_dir, sizeof cfg->outbox.files_dir,
                         value);
    } else if (strcmp(key, "clamd_socket") == 0) {
        ok = copy_str(cfg->clamd_socket, sizeof cfg->clamd_socket, value);
    } else if (strcmp(key, "clamd_timeout") == 0) {
        ok = parse_duration(value, 600, &n) && n > 0;
        cfg->clamd_timeout = (unsigned)n;
    } else if (strcmp(key, "session_idle") == 0) {
        ok = parse_duration(value, 30ULL * 86400, &n) && n > 0;
        cfg->session_idle = (unsigned)n;
    } else if (strcmp(key, "session_cache") == 0) {
        ok = parse_size(value, 4ULL * 1024 * 1024 * 1024, &n);
        cfg->session_cache = (size_t)n;
    } else if (strcmp(key, "body_limit") == 0) {
        ok = parse_size(value, 64ULL * 1024 * 1024, &n) && n >= 1024;
        cfg->body_limit = (size_t)n;
    } else if (strcmp(key, "max_fields") == 0) {
        ok = parse_scaled(value, "", NULL, 100000, &n) && n > 0;
        cfg->max_fields = (unsigned)n;
    } else if (strcmp(key, "base_url") == 0) {
        ok = (strncmp(value, "http://", 7) == 0
              || strncmp(value, "https://", 8) == 0)
             && copy_str(cfg->base_url, sizeof cfg->base_url, value)
             && copy_str(cfg->outbox.base_url, sizeof cfg->outbox.base_url,
                         value);
        /* The outbox writes the links of save and progress emails. */
        cfg->secure_cookies = ok && strncmp(value, "https://", 8) == 0;
    } else if (strcmp(key, "log_level") == 0) {
        ok = fb_log_level_parse(value, &cfg->log_level);
    } else if (strcmp(key, "connection_timeout") == 0) {
        ok = parse_duration(value, 3600, &n) && n > 0;
        cfg->conn_timeout = (unsigned)n;
    } else if (strcmp(key, "connection_memory_limit") == 0) {
        ok = parse_size(value, 16ULL * 1024 * 1024, &n) && n >= 16ULL * 1024;
        cfg->conn_memory = (size_t)n;
    } else if (strcmp(key, "max_connections") == 0) {
        ok = parse_scaled(value, "", NULL, 65536, &n) && n > 0;
        cfg->max_connections = (unsigned)n;
    } else if (strcmp(key, "max_connections_per_client") == 0) {
        ok = parse_scaled(value, "", NULL, 65536, &n) && n > 0;
        cfg->max_conn_per_client = (unsigned)n;
    } else if (strcmp(key, "request_deadline") == 0) {
        ok = parse_duration(value, 3600, &n) && n > 0;
        cfg->request_deadline = (unsigned)n;
    } else if (strcmp(key, "purge_interval") == 0) {
        ok = parse_duration(value, 7ULL * 86400, &n) && n > 0;
        cfg->purge_interval = (unsigned)n;
    } else if (strcmp(key, "post_rate_per_client") == 0) {
        ok = parse_rate(value, &cfg->post_per_client.per_second);
    } else if (strcmp(key, "submit_rate_per_client") == 0) {
        ok = parse_rate(value, &cfg->submit_per_client.per_second);
    } else if (strcmp(key, "submit_rate_per_form") == 0) {
        ok = parse_rate(value, &cfg->submit_per_form.per_second);
    } else if (strcmp(key, "post_burst_per_client") == 0) {
        ok = parse_scaled(value, "", NULL, 1000000, &n) && n > 0;
        cfg->post_per_client.burst = (unsigned)n;
    } else if (strcmp(key, "submit_burst_per_client") == 0) {
        ok = parse_scaled(value, "", NULL, 1000000, &n) && n > 0;
        cfg->submit_per_client.burst = (unsigned)n;
    } else if (strcmp(key, "submit_burst_per_form") == 0) {
        ok = parse_scaled(value, "", NULL, 1000000, &n) && n > 0;
        cfg->submit_per_form.burst = (unsigned)n;
    } else if (strcmp(key, "rate_limit_clients") == 0) {
        ok = parse_scaled(value, "", NULL, 1000000, &n) && n >= 16;
        cfg->rate_limit_clients = (unsigned)n;
    } else if (strcmp(key, "trusted_proxy") == 0) {
        unsigned char addr[16];
        ok = (inet_pton(AF_INET, value, addr) == 1
              || inet_pton(AF_INET6, value, addr) == 1)
             && copy_str(cfg->trusted_proxy, sizeof cfg->trusted_proxy,
                         value);
    } else if (strcmp(key, "shutdown_grace") == 0) {
        ok = parse_duration(value, 600, &n);
        cfg->shutdown_grace = (unsigned)n;
    } else if (strncmp(key, "address_lookup_", 15) == 0) {
        int r = fb_address_config_set(&cfg->address, key, value);
        if (r < 0) {
            snprintf(err, errlen, "unknown key '%s'", key);
            return -1;
        }
        /* A key's value is a secret: never repeated in a message. */
        if (r == 0 && strcmp(key, "address_lookup_key") == 0) {
            snprintf(err, errlen, "bad value for '%s'", key);
            return -1;
        }
        ok = r == 1;
    } else if (strncmp(key, "lookup_", 7) == 0) {
        int r = fb_lookup_config_set(&cfg->lookup, key, value);
        if (r < 0) {
            snprintf(err, errlen, "unknown key '%s'", key);
            return -1;
        }
        ok = r == 1;
    } else if (strncmp(key, "outbox_", 7) == 0
               || strncmp(key, "smtp_", 5) == 0
               || strncmp(key, "notify_", 7) == 0
               || strncmp(key, "pay_", 4) == 0) {
        int r = set_outbox(&cfg->outbox, key, value);
        if (r < 0) {
            snprintf(err, errlen, "unknown key '%s'", key);
            return -1;
        }
        ok = r == 1;
    } else {
        /* The council's service (config_site.c) words its own errors. */
        int r = fb_site_config_set(&cfg->site, key, value, err, errlen);
        if (r != 1) {
            if (r < 0)
                snprintf(err, errlen, "unknown key '%s'", key);
            return -1;
        }
        return 0;
    }
    if (!ok) {
        snprintf(err, errlen, "bad value '%s' for '%s'", value, key);
        return -1;
    }
    return 0;
}

static char *
trim(char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n > 0 && isspace((unsigned char)s[n - 1]))
        s[--n] = '\0';
    return s;
}

/* Reads `key = value` lines from path into cfg; '#' starts a comment. See
 * config.h. */
int
fb_config_load_file(struct fb_config *cfg, const char *path, char *err,
                    size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
        return -1;
    }
    char line[8192];
    unsigned lineno = 0;
    int rc = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        if (!strchr(line, '\n') && !feof(f)) {
            snprintf(err, errlen, "%s:%u: line too long", path, lineno);
            rc = -1;
            break;
        }
        char *hash = strchr(line, '#');
        if (hash)
            *hash = '\0';
        char *s = trim(line);
        if (!*s)
            continue;
        char *eq = strchr(s, '=');
        if (!eq) {
            snprintf(err, errlen, "%s:%u: expected 'key = value'", path,
                     lineno);
            rc = -1;
            break;
        }
        *eq = '\0';
        char msg[256];
        if (fb_config_set(cfg, trim(s), trim(eq + 1), msg, sizeof msg) != 0) {
            snprintf(err, errlen, "%s:%u: %s", path, lineno, msg);
            rc = -1;
            break;
        }
    }
    if (rc == 0 && ferror(f)) {
        snprintf(err, errlen, "%s: read error", path);
        rc = -1;
    }
    fclose(f);
    return rc;
}

/* Applies FORMBUILDER_LISTEN, _PORT, _DB, _SESSION_IDLE, _BODY_LIMIT,
 * _MAX_FIELDS, _BASE_URL and _LOG_LEVEL from the environment. See config.h. */
int
fb_config_load_env(struct fb_config *cfg, char *err, size_t errlen)
{
    static const char *const vars[][2] = {
        { "FORMBUILDER_LISTEN", "listen" },
        { "FORMBUILDER_PORT", "port" },
        { "FORMBUILDER_DB", "db" },
        { "FORMBUILDER_DATABASE", "db" },
        { "FORMBUILDER_SESSION_IDLE", "session_idle" },
        { "FORMBUILDER_BODY_LIMIT", "body_limit" },
        { "FORMBUILDER_MAX_FIELDS", "max_fields" },
        { "FORMBUILDER_BASE_URL", "base_url" },
        { "FORMBUILDER_LOG_LEVEL", "log_level" },
        { "FORMBUILDER_PAY_URL", "pay_url" },
        { "FORMBUILDER_FILES_DIR", "files_dir" },
        { "FORMBUILDER_CLAMD_SOCKET", "clamd_socket" },
        { "FORMBUILDER_ADDRESS_LOOKUP_URL", "address_lookup_url" },
        { "FORMBUILDER_ADDRESS_LOOKUP_KEY", "address_lookup_key" },
    };
    for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
        const char *v = getenv(vars[i][0]);
        if (!v)
            continue;
        char msg[256];
        if (fb_config_set(cfg, vars[i][1], v, msg, sizeof msg) != 0) {
            snprintf(err, errlen, "%s: %s", vars[i][0], msg);
            return -1;
        }
    }
    return 0;
}
