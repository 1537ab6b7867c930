/* SPDX-License-Identifier: MIT */
/*
 * Storage behind one narrow ops table: sessions (progress through a
 * journey), submissions and their retention. SQLite is the embedded
 * backend (store_sqlite.c); a PostgreSQL backend can be added beside it
 * without touching callers, because no SQL or backend type leaves the
 * backend file. A store handle is used by one thread at a time; the server
 * opens one for its writer thread, one for reads and one for the outbox
 * (with PostgreSQL, each is one connection: the instance's pool).
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "token.h"

enum fb_store_status {
    FB_STORE_OK = 0,
    FB_STORE_NOT_FOUND = 1,
    /* A rule said no (a booking's place is gone, a quota is used up): the
     * job's writes are undone, but the store is healthy. */
    FB_STORE_REFUSED = 2,
    FB_STORE_DAMAGED = 3,     /* a check found the database corrupt */
    FB_STORE_ERROR = -1
};

/* Told each problem a check finds, in the backend's words. */
typedef void (*fb_store_problem_fn)(const char *problem, void *cls);

/* What a backend handle starts with; the backend's own state follows. */
struct fb_store {
    const struct fb_store_ops *ops;
};

/* A submission to insert. The caller fills the inputs; the backend fills
 * reference (new, or the one already stored for submit_token). */
struct fb_submission {
    const char *form;             /* form slug */
    const char *form_version;     /* hash of the form model */
    const char *answers_json;     /* normalised answers as a JSON object */
    const char *submit_token;     /* idempotency key, unique */
    const char *reference_prefix; /* e.g. "SLR"; NULL or "" for none */
    const char *submitted_at;     /* UTC ISO 8601, "2026-01-31T09:00:00Z" */
    const char *language;         /* the resident's, "en" or "cy"; NULL
                                   * is "en" */
    char reference[FB_REFERENCE_MAX]; /* out */
    bool existed;                 /* out: the token was already stored */
};

/* One stored submission, as export reads it; strings live until the
 * callback returns. */
struct fb_submission_row {
    const char *reference;
    const char *form;
    const char *form_version;
    const char *answers_json;
    const char *submitted_at;
    const char *delivery_state;   /* "pending", "delivered", "failed" */
    const char *language;         /* "en", "cy": the one it was made in */
};

/* Called once per row; a non-zero return stops the iteration and is
 * passed back. */
typedef int (*fb_store_row_fn)(const struct fb_submission_row *row,
                               void *cls);

/* Called with each text answer_texts_each() reads; a non-zero return
 * stops it and is passed back. */
typedef int (*fb_store_text_fn)(const char *text, void *cls);

/* Booking places: one row per place held or booked in a calendar's
 * window of a day. What the states mean and how many places are left is
 * decided in booking_store.c, once for every backend; a backend only
 * stores and counts rows as its ops say. */
enum fb_place_state {
    FB_PLACE_HELD,       /* chosen, waiting for the submission */
    FB_PLACE_BOOKED,     /* confirmed with a submission */
    FB_PLACE_CANCELLED   /* freed by the resident */
};

#define FB_PLACE_NAME_MAX 128   /* calendar, window, form, holder */
#define FB_PLACE_KEY_MAX 512    /* a quota key (a normalised answer) */
#define FB_PLACE_HASH_LEN FB_MANAGE_HASH_LEN

struct fb_place {
    long long id;                      /* 0 until stored */
    char calendar[FB_PLACE_NAME_MAX];
    char day[11];                      /* "YYYY-MM-DD" */
    char window[FB_PLACE_NAME_MAX];    /* the window's id */
    enum fb_place_state state;
    char form[FB_PLACE_NAME_MAX];
    char holder[FB_PLACE_NAME_MAX];    /* held: who holds it; else "" */
    long long expires_at;              /* held: Unix seconds; else 0 */
    char reference[FB_REFERENCE_MAX];  /* booked: the submission's */
    unsigned char token_hash[FB_PLACE_HASH_LEN]; /* booked; else zeros */
    bool has_token;
    char quota_key[FB_PLACE_KEY_MAX];  /* "" when the calendar has none */
    long long made_at;                 /* held or booked, Unix seconds */
};

/* What happened to a booking, kept so it can be forwarded later. */
enum fb_place_event {
    FB_EVENT_BOOKED,
    FB_EVENT_CANCELLED,
    FB_EVENT_CHANGED
};

/* The outbox (outbox.h): one delivery per submission (or booking event)
 * and target. What the states mean and when a delivery is tried again is
 * decided in outbox.c; a backend only stores rows. */
enum fb_delivery_state {
    FB_DELIVERY_PENDING,       /* waiting for its next attempt */
    FB_DELIVERY_DELIVERED,
    FB_DELIVERY_FAILED,        /* refused (4xx): needs staff, then retry */
    FB_DELIVERY_DEAD,          /* out of attempts or time: needs staff */
    FB_DELIVERY__COUNT
};

#define FB_DELIVERY_TARGET_MAX 512
#define FB_DELIVERY_ERROR_MAX 1024 /* the first 1 KB of a refusal */

struct fb_delivery {
    long long id;                      /* 0 until stored */
    char reference[FB_REFERENCE_MAX];
    char form[FB_PLACE_NAME_MAX];
    int target;                        /* index in the form's forwards;
                                        * -1: the confirmation email */
    char target_name[FB_DELIVERY_TARGET_MAX]; /* the URL, mailto:ADDR,
                                        * file:PATH or confirmation */
    char event[40];                    /* submitted, cancelled@TIME,
                                        * changed@TIME (Unix seconds) */
    char language[8];                  /* "en", "cy" */
    enum fb_delivery_state state;
    int attempts;
    long long created_at;              /* Unix seconds */
    long long next_at;                 /* pending: when to try */
    long long last_at;                 /* last attempt; 0 for none */
    int last_status;                   /* HTTP status; 0 for none */
    char last_error[FB_DELIVERY_ERROR_MAX + 1];
};

/* A saved journey (save and return, save.h): the resident's progress
 * through one form, kept past their session until its link is used or
 * it expires. Found by the hash of the link's token; the token itself is
 * drawn when the link is sent and never stored. */
#define FB_SAVED_HASH_LEN FB_MANAGE_HASH_LEN
#define FB_SAVED_EMAIL_MAX 320

struct fb_saved {
    char id[FB_TOKEN_HEX_LEN + 1];     /* random; names it in the outbox */
    char form[FB_PLACE_NAME_MAX];
    char form_version[72];             /* the version it was saved on */
    char email[FB_SAVED_EMAIL_MAX + 1];
    char language[8];                  /* "en", "cy" */
    bool used;                         /* its link has been used */
    bool has_token;                    /* a link has been sent */
    unsigned char token_hash[FB_SAVED_HASH_LEN];
    long long created_at;              /* Unix seconds */
    long long expires_at;
    long long used_at;                 /* 0 until used */
};

/* Called once per delivery; a non-zero return stops and is passed back. */
typedef int (*fb_delivery_fn)(const struct fb_delivery *d, void *cls);
/* Between target names in delivery_claim's list: the ASCII unit
 * separator, which no URL, address or path of a form holds. */
#define FB_TARGETS_SEPARATOR "\x1f"


/* Called once per (state, target) with its count. */
typedef void (*fb_delivery_count_fn)(enum fb_delivery_state state,
                                     const char *target_name, long long n,
                                     void *cls);

/* Called once per place; a non-zero return stops and is passed back. */
typedef int (*fb_place_fn)(const struct fb_place *p, void *cls);

/* Called once per (day, window) with a count; see booking_month. */
typedef void (*fb_place_count_fn)(const char *day, const char *window,
                                  int taken, void *cls);

/* A progress update a back office posted about a submission (events.h);
 * strings live until the callback returns. */
struct fb_submission_event {
    const char *reference;
    const char *event_id;     /* the back office's id: one row per id */
    const char *status;       /* "received", "in_progress" ... */
    const char *message;      /* "" for none */
    bool public;              /* shown to the resident */
    long long occurred_at;    /* the back office's signed time, Unix s */
    long long received_at;    /* when this server stored it, Unix s */
};

/* Called once per event; a non-zero return stops and is passed back. */
typedef int (*fb_submission_event_fn)(const struct fb_submission_event *e,
                                      void *cls);

/* Called once per closed day ("YYYY-MM-DD"). */
typedef void (*fb_day_fn)(const char *day, void *cls);

/* ---- personal data (cmd_submission*.c) ---- */

/* Told each reference a purge batch is about to delete, inside its
 * transaction (what is kept outside the database under it: erase.h). */
typedef void (*fb_reference_fn)(struct fb_store *s, const char *reference,
                                void *cls);

#define FB_AUDIT_BY_MAX 128
#define FB_AUDIT_DETAIL_MAX 256

/* One row of the audit of who did what to a submission's personal data.
 * It names the staff member, never the resident: no answer goes in. */
struct fb_audit {
    long long id;                          /* 0 until stored */
    char at[32];                           /* UTC ISO 8601 */
    char by[FB_AUDIT_BY_MAX];              /* the staff member */
    char action[16];                       /* show, delete, redact */
    char reference[FB_REFERENCE_MAX];
    char detail[FB_AUDIT_DETAIL_MAX];      /* counts, e.g. "5 rows" */
};

/* Called once per audit row; a non-zero return stops and is passed back. */
typedef int (*fb_audit_fn)(const struct fb_audit *a, void *cls);
/* Called once per form slug ("" for every form); see maintenance_each. */
typedef void (*fb_name_fn)(const char *name, void *cls);
/* A submission's payment (pay.h): the provider's payment of it, its
 * state as last read from the provider and its refund. What the states
 * mean is decided in pay.c; a backend only stores rows. */
#define FB_PAY_ID_MAX 64
#define FB_PAY_URL_MAX 1024
#define FB_PAY_WORD_MAX 16

struct fb_payment {
    char reference[FB_REFERENCE_MAX];  /* the submission's */
    char form[FB_PLACE_NAME_MAX];
    char language[8];
    long long amount;                  /* pence */
    char return_token[FB_MANAGE_TOKEN_LEN + 1]; /* in the return_url */
    int attempt;                       /* provider payments asked for */
    char provider_id[FB_PAY_ID_MAX];   /* the provider's payment_id */
    char next_url[FB_PAY_URL_MAX];     /* where the resident pays */
    char status[FB_PAY_WORD_MAX];      /* new, created ... success */
    char code[FB_PAY_WORD_MAX];        /* the provider's P0030 ... */
    char refund_status[FB_PAY_WORD_MAX]; /* "", pending, submitted ... */
    char refund_id[FB_PAY_ID_MAX];
    long long refunded;                /* pence */
    long long created_at;              /* Unix seconds */
    long long updated_at;
};

typedef int (*fb_payment_fn)(const struct fb_payment *p, void *cls);

struct fb_store_ops {
    const char *name;
    /* Checks the database at @p target without changing it or creating
     * it: a quick check (@p full false: every page readable and every
     * b-tree well formed) or a full one (indexes matching their tables
     * too), telling @p fn each problem (at most 100). @returns FB_STORE_OK
     * when it is intact, FB_STORE_DAMAGED when it is corrupt or not a
     * database, FB_STORE_NOT_FOUND when there is none, or FB_STORE_ERROR
     * with a message in @p err when it cannot be read. */
    int (*check)(const char *target, bool full, fb_store_problem_fn fn,
                 void *cls, char *err, size_t errlen);
    /* Opens (creating if needed) and migrates the store at @p target.
     * On error returns FB_STORE_ERROR with a message in @p err. */
    int (*open)(const char *target, struct fb_store **out_store, char *err,
                size_t errlen);
    /* Closes the handle; NULL is a no-op. */
    void (*close)(struct fb_store *s);
    /* Brings the schema to the newest version; safe to run twice. */
    int (*migrate)(struct fb_store *s, char *err, size_t errlen);
    /* @returns the schema version the store is at. */
    int (*schema_version)(struct fb_store *s);
    /* A write transaction around several of the calls below (group
     * commit); commit returns only once the data is durable. */
    int (*begin)(struct fb_store *s);
    int (*commit)(struct fb_store *s);
    void (*rollback)(struct fb_store *s);
    /* Reads a session's record into *out_data (caller frees) and the
     * time it was last saved (Unix seconds). FB_STORE_NOT_FOUND if none. */
    int (*session_load)(struct fb_store *s, const char *id, char **out_data,
                        long long *out_saved_at);
    /* Inserts or replaces a session's record, stamped @p now. */
    int (*session_save)(struct fb_store *s, const char *id, const char *data,
                        long long now);
    int (*session_delete)(struct fb_store *s, const char *id);
    /* Deletes sessions saved before @p before; *out_n says how many. */
    int (*session_expire)(struct fb_store *s, long long before,
                          size_t *out_n);
    /* Inserts @p sub with the reference in sub->reference unless its
     * submit token is stored already (then sub->existed is set and
     * sub->reference is the stored one). FB_STORE_REFUSED when another
     * submission has that reference (draw again: fb_submission_insert). */
    int (*submission_add)(struct fb_store *s, struct fb_submission *sub);
    /* Copies the reference stored for @p submit_token into @p out.
     * FB_STORE_NOT_FOUND when there is none. */
    int (*submission_find)(struct fb_store *s, const char *submit_token,
                           char *out, size_t cap);
    /* Like submission_find, and copies the answers (JSON) into
     * *out_answers (caller frees). */
    int (*submission_load)(struct fb_store *s, const char *submit_token,
                           char *out, size_t cap, char **out_answers);
    /* Calls @p fn for each submission of @p form submitted at or after
     * @p since (ISO text, NULL for all), oldest first. */
    int (*submission_each)(struct fb_store *s, const char *form,
                           const char *since, fb_store_row_fn fn, void *cls);
    /* Deletes at most @p max submissions of @p form submitted before
     * @p before (ISO), with every row under their references
     * (FB_REFERENCE_TABLES), inside the caller's transaction (one per
     * batch: purge.c); @p fn (NULL for none) is told each reference
     * first. *out_n says how many submissions (fewer than @p max: none
     * are left). */
    int (*purge_batch)(struct fb_store *s, const char *form,
                       const char *before, size_t max, size_t *out_n,
                       fb_reference_fn fn, void *cls);
    /* Commits a transaction that writes without changing anything a
     * caller can read, to learn whether the store accepts durable
     * writes again after a failure. FB_STORE_OK when it does. */
    int (*probe)(struct fb_store *s);
    /* A savepoint inside the open transaction: one per writer job, so a
     * refused job is undone without failing its batch. */
    int (*savepoint)(struct fb_store *s);
    int (*savepoint_release)(struct fb_store *s);
    int (*savepoint_rollback)(struct fb_store *s);

    /* ---- booking places (rules in booking_store.c) ---- */
    /* Counts into *out the places of @p window of @p day in @p calendar
     * that are booked, or held with expires_at > @p now. */
    int (*place_taken)(struct fb_store *s, const char *calendar,
                       const char *day, const char *window, long long now,
                       int *out);
    /* The same count for every (day, window) with any, for the days from
     * @p first to @p last inclusive, in one query. */
    int (*place_taken_days)(struct fb_store *s, const char *calendar,
                            const char *first, const char *last,
                            long long now, fb_place_count_fn fn, void *cls);
    /* Counts into *out the places of @p calendar with quota key @p key
     * made at or after @p since that are booked, or held with
     * expires_at > @p now. */
    int (*place_quota_used)(struct fb_store *s, const char *calendar,
                            const char *key, long long since, long long now,
                            int *out);
    /* Inserts @p p (its id is filled in). */
    int (*place_insert)(struct fb_store *s, struct fb_place *p);
    /* Reads the held place of @p holder in @p calendar into @p out.
     * FB_STORE_NOT_FOUND if none. */
    int (*place_held)(struct fb_store *s, const char *holder,
                      const char *calendar, struct fb_place *out);
    /* Deletes the places @p holder holds in @p calendar. */
    int (*place_release)(struct fb_store *s, const char *holder,
                         const char *calendar);
    /* Deletes holds that expired before @p before (maintenance; an
     * expired hold counts for nothing already); *out_n says how many. */
    int (*place_expire)(struct fb_store *s, long long before,
                        size_t *out_n);
    /* Reads the place whose token hash is @p hash. FB_STORE_NOT_FOUND if
     * none. */
    int (*place_by_token)(struct fb_store *s,
                          const unsigned char hash[FB_PLACE_HASH_LEN],
                          struct fb_place *out);
    /* Reads the booked or cancelled place of submission @p reference
     * (the latest, should there be more). FB_STORE_NOT_FOUND if none. */
    int (*place_by_reference)(struct fb_store *s, const char *reference,
                              struct fb_place *out);
    /* Writes every field of place @p p (found by id) back. */
    int (*place_update)(struct fb_store *s, const struct fb_place *p);
    /* Calls @p fn for the booked and cancelled places of @p calendar, of
     * day @p day (NULL: every day), by day, window and id. */
    int (*place_each)(struct fb_store *s, const char *calendar,
                      const char *day, fb_place_fn fn, void *cls);
    /* Records event @p kind of place @p place_id at @p at (ISO) with
     * @p detail (text). */
    int (*place_event_add)(struct fb_store *s, long long place_id,
                           const char *reference, enum fb_place_event kind,
                           const char *at, const char *detail);
    /* Closes @p day of @p calendar for new bookings (a staff command);
     * closing it again changes nothing. */
    int (*day_close)(struct fb_store *s, const char *calendar,
                     const char *day, const char *at);
    /* Calls @p fn for each closed day of @p calendar from @p first to
     * @p last inclusive. */
    int (*days_closed)(struct fb_store *s, const char *calendar,
                       const char *first, const char *last, fb_day_fn fn,
                       void *cls);

    /* ---- the outbox (rules in outbox.c) ---- */
    /* Inserts @p d unless a delivery of the same reference, target_name
     * and event is stored already. */
    int (*delivery_add)(struct fb_store *s, const struct fb_delivery *d);
    /* Calls @p fn for at most @p max pending deliveries with next_at <=
     * @p now, soonest first. */
    int (*delivery_due)(struct fb_store *s, long long now, size_t max,
                        fb_delivery_fn fn, void *cls);
    /* Writes d's state, attempts, next_at, last_at, last_status and
     * last_error (found by id), and the submission's delivery_state. */
    int (*delivery_update)(struct fb_store *s, const struct fb_delivery *d);
    /* Reads delivery @p id. FB_STORE_NOT_FOUND if none. */
    int (*delivery_get)(struct fb_store *s, long long id,
                        struct fb_delivery *out);
    /* Calls @p fn for each delivery in state @p state (-1: any) of form
     * @p form (NULL: any), oldest first. */
    int (*delivery_each)(struct fb_store *s, int state, const char *form,
                         fb_delivery_fn fn, void *cls);
    /* Makes delivery @p id (0: every dead one) pending again from
     * @p now with its attempts reset, if it is failed or dead; *out_n
     * says how many. */
    int (*delivery_retry)(struct fb_store *s, long long id, long long now,
                          size_t *out_n);
    /* Calls @p fn per (state, target) with a count, and sets
     * *out_oldest to the created_at of the oldest pending delivery (0
     * when none). */
    int (*delivery_counts)(struct fb_store *s, fb_delivery_count_fn fn,
                           void *cls, long long *out_oldest);
    /* Reads the submission with @p reference: @p fn is called once with
     * it. FB_STORE_NOT_FOUND if none (purged). */
    int (*submission_by_reference)(struct fb_store *s, const char *reference,
                                   fb_store_row_fn fn, void *cls);

    /* ---- saved journeys (rules in save.c) ---- */
    /* Inserts @p sv (not used, no token yet) with progress record
     * @p data. */
    int (*saved_add)(struct fb_store *s, const struct fb_saved *sv,
                     const char *data);
    /* Reads saved journey @p id into @p out. FB_STORE_NOT_FOUND if none. */
    int (*saved_get)(struct fb_store *s, const char *id,
                     struct fb_saved *out);
    /* Sets the token hash of saved journey @p id that is not used yet
     * (a new link replaces the last). FB_STORE_NOT_FOUND if there is no
     * such unused journey. */
    int (*saved_token)(struct fb_store *s, const char *id,
                       const unsigned char hash[FB_SAVED_HASH_LEN]);
    /* Reads the saved journey whose token hash is @p hash into @p out
     * and, when it is not used and @p out_data is not NULL, its record
     * into *out_data (caller frees). FB_STORE_NOT_FOUND if none. */
    int (*saved_find)(struct fb_store *s,
                      const unsigned char hash[FB_SAVED_HASH_LEN],
                      struct fb_saved *out, char **out_data);
    /* Marks saved journey @p id used at @p now and drops its record.
     * FB_STORE_NOT_FOUND when there is none not used yet (so of two
     * uses at once, one wins). */
    int (*saved_use)(struct fb_store *s, const char *id, long long now);
    /* Drops the records (answers) of saved journeys that expired before
     * @p before, *out_n saying how many, and deletes the rows that
     * expired before @p forget (kept until then so a late link is told
     * it expired), with their links' deliveries (target_name
     * "save-link"). */
    int (*saved_expire)(struct fb_store *s, long long before,
                        long long forget, size_t *out_n);
    /* Sets *out_pinned to whether anything that can still come back to
     * version @p version of form @p form records it: a session saved at
     * or after @p sessions_after (its record's "form=F&ver=V"), or a
     * saved journey not used that expires at or after @p now (registry.c
     * unloads a version once nothing pins it). */
    int (*version_pinned)(struct fb_store *s, const char *form,
                          const char *version, long long sessions_after,
                          long long now, bool *out_pinned);
    /* ---- payments (rules in pay.c) ---- */
    /* Inserts @p p unless a payment of its reference is stored. */
    int (*payment_add)(struct fb_store *s, const struct fb_payment *p);
    /* Reads the payment of submission @p reference, or the one whose
     * return_url carries @p return_token. FB_STORE_NOT_FOUND if none. */
    int (*payment_get)(struct fb_store *s, const char *reference,
                       struct fb_payment *out);
    int (*payment_by_token)(struct fb_store *s, const char *return_token,
                           struct fb_payment *out);
    /* Writes every field but reference, form, created_at back. */
    int (*payment_update)(struct fb_store *s, const struct fb_payment *p);
    /* Calls @p fn for at most @p max payments that need the worker,
     * least recently updated first: in progress at the provider
     * (created, started, submitted, capturable) or with a refund
     * pending or submitted, updated at or before @p recheck_before; or
     * not paid (any other status but success and abandoned), updated at
     * or before @p abandon_before. */
    int (*payment_open)(struct fb_store *s, long long recheck_before,
                        long long abandon_before, size_t max,
                        fb_payment_fn fn, void *cls);

    /* @returns the backend's last error text (never NULL). */
    const char *(*errmsg)(struct fb_store *s);

    /* ---- several instances (PostgreSQL) ---- */
    /* True when several server instances may share the database: nothing
     * read may be cached per instance, and outbox claims need a lease. */
    bool shared;
    /* Takes the named lock for maintenance (purge) if no other instance
     * holds it: FB_STORE_OK when taken, FB_STORE_REFUSED when another has
     * it. Outside any transaction; release with unlock. */
    int (*try_lock)(struct fb_store *s, const char *name);
    void (*unlock)(struct fb_store *s, const char *name);
    /* Like delivery_due, and claims each delivery until @p lease_until
     * (Unix seconds): another instance sees it as due only after that,
     * so a crashed instance's claims are taken over. Claims already
     * taken by others are skipped, not waited for, and so are the
     * deliveries to the targets in @p skip_targets (names separated by
     * FB_TARGETS_SEPARATOR, "" for none): those this instance has at
     * their share of its slots, which it would only hand back, so the
     * claim reaches the other targets' deliveries behind them. */
    int (*delivery_claim)(struct fb_store *s, long long now,
                          long long lease_until, size_t max,
                          const char *skip_targets, fb_delivery_fn fn,
                          void *cls);
    /* @returns whether the last call failed because the database server
     * cannot be reached (answer 503: the next call reconnects), not
     * because of the data or a file (500). */
    bool (*lost)(struct fb_store *s);

    /* ---- progress updates (rules in events.c) ---- */
    /* Inserts @p e unless an event of the same reference and event_id is
     * stored already (then *out_existed is set and nothing changes).
     * Deleting the submission deletes its events. */
    int (*submission_event_add)(struct fb_store *s,
                                const struct fb_submission_event *e,
                                bool *out_existed);
    /* Calls @p fn for each event of @p reference (only public ones when
     * @p public_only), by occurred_at, then as stored. */
    int (*submission_event_each)(struct fb_store *s, const char *reference,
                                 bool public_only,
                                 fb_submission_event_fn fn, void *cls);
    /* ---- personal data (cmd_submission*.c, docs/runtime.md) ---- */
    /* Deletes every row stored under @p reference (FB_REFERENCE_TABLES),
     * inside the caller's transaction; *out_n says how many rows.
     * FB_STORE_NOT_FOUND when no submission has that reference. */
    int (*submission_erase)(struct fb_store *s, const char *reference,
                            size_t *out_n);
    /* Replaces the answers of @p reference with @p answers (JSON) and
     * takes the personal data out of what is kept with it: deliveries
     * not yet delivered are deleted, the others' last errors, the
     * booking's quota key, its events' details and the messages of its
     * progress updates are emptied (FB_REDACT_SQL of store_schema.h). Inside
     * the caller's transaction; *out_n says how many rows changed.
     * FB_STORE_NOT_FOUND when no submission has that reference. */
    int (*submission_redact)(struct fb_store *s, const char *reference,
                             const char *answers, size_t *out_n);
    /* Calls @p fn for each delivery of @p reference, oldest first. */
    int (*delivery_of_reference)(struct fb_store *s, const char *reference,
                                 fb_delivery_fn fn, void *cls);
    /* Inserts audit row @p a (its id is not filled in). */
    int (*audit_add)(struct fb_store *s, const struct fb_audit *a);
    /* Calls @p fn for each audit row of @p reference (NULL: all), oldest
     * first. */
    int (*audit_each)(struct fb_store *s, const char *reference,
                      fb_audit_fn fn, void *cls);
    /* ---- a live service (migration 8; docs/runtime.md) ---- */
    /* Takes one of the @p cap places of form @p form in the caller's
     * transaction (after inserting its submission): FB_STORE_OK, or
     * FB_STORE_REFUSED when all are taken, with nothing written. A
     * conditional UPDATE of the form's counter, so instances racing for
     * the last place serialise on its row; the first take counts the
     * form's submissions already stored. */
    int (*form_place_take)(struct fb_store *s, const char *form,
                           long long cap);
    /* Sets *out_n to the places @p form has taken (its stored
     * submissions when none was taken through form_place_take). */
    int (*form_places_used)(struct fb_store *s, const char *form,
                            long long *out_n);
    /* Puts form @p form ("" every form) into maintenance since @p now,
     * or takes it out (@p on false; FB_STORE_NOT_FOUND if it was not). */
    int (*maintenance_set)(struct fb_store *s, const char *form, bool on,
                           long long now);
    /* Calls @p fn with each form in maintenance ("" for every form). */
    int (*maintenance_each)(struct fb_store *s, fb_name_fn fn, void *cls);
    /* ---- uploaded files (upload_gc.c) ---- */
    /* Calls @p fn with the answers (JSON) of every submission and the
     * record of every session: what may refer to an uploaded file. */
    int (*answer_texts_each)(struct fb_store *s, fb_store_text_fn fn,
                             void *cls);

    /* ---- assisted digital (assist.c) ---- */
    /* Records that the assisted digital link @p id (to @p form, for
     * @p channel) was opened at @p at (ISO), inside the caller's
     * transaction: FB_STORE_OK the first time, FB_STORE_REFUSED when it
     * was recorded already (a link opens one journey only). */
    int (*assist_link_use)(struct fb_store *s, const char *id,
                           const char *form, const char *channel,
                           const char *at);
};

/* The SQLite backend. */
extern const struct fb_store_ops fb_store_sqlite_ops;
/* The PostgreSQL backend (store_pg.c). */
extern const struct fb_store_ops fb_store_pg_ops;

/**
 * Picks the backend for @p target: PostgreSQL for a "postgresql://" or
 * "postgres://" URL (libpq's; with no host or database the PG*
 * environment variables fill them in), SQLite for a file path.
 * @returns the ops, or NULL with a message in @p err when no backend
 * serves @p target.
 */
const struct fb_store_ops *
fb_store_backend(const char *target, char *err, size_t errlen);

/* @returns whether @p target is a database server's URL
 * ("postgresql://", "postgres://") rather than a SQLite file path. */
bool
fb_store_is_url(const char *target);

/**
 * Checks @p target with the backend fb_store_backend() picks (see
 * fb_store_ops.check). @returns what that returns; FB_STORE_ERROR with
 * @p err set when no backend serves @p target.
 */
int
fb_store_check(const char *target, bool full, fb_store_problem_fn fn,
               void *cls, char *err, size_t errlen);

/**
 * Opens @p target with the backend fb_store_backend() picks.
 * @returns the handle (close with s->ops->close), or NULL with @p err set.
 */
struct fb_store *
fb_store_open(const char *target, char *err, size_t errlen);

/**
 * Inserts @p sub (see fb_store_ops.submission_add), drawing a new
 * reference with sub->reference_prefix until one is unique: the one place
 * references are drawn, for every backend.
 */
int
fb_submission_insert(struct fb_store *s, struct fb_submission *sub);
