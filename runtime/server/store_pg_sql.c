/* SPDX-License-Identifier: MIT */
/*
 * Every SQL text of the PostgreSQL backend: the schema's migrations (the
 * tables and versions of store_schema.h, as SQLite's) and the statements
 * store_pg*.c prepare once per connection.
 */
#include "store_pg_priv.h"
#include "store_schema.h"

/* Each entry moves the schema from version i to i + 1 (the tables are
 * store_schema.h's, in PostgreSQL's words). */
const char *const fb_pg_migrations[] = {
    FB_SCHEMA_1("BIGSERIAL PRIMARY KEY", "BIGINT", ""),
    FB_SCHEMA_2("BIGSERIAL PRIMARY KEY", "BIGINT", "BYTEA", ""),
    FB_SCHEMA_3("BIGSERIAL PRIMARY KEY", "BIGINT"),
    FB_SCHEMA_4,
    FB_SCHEMA_5,
    FB_SCHEMA_6("BIGSERIAL PRIMARY KEY", "BIGINT"),
    FB_SCHEMA_7("BIGSERIAL PRIMARY KEY"),
    FB_SCHEMA_8("BIGINT", ""),
    FB_SCHEMA_9("BIGINT", "BYTEA"),
    FB_SCHEMA_10("BIGINT"),
    FB_SCHEMA_11,
};
_Static_assert(sizeof fb_pg_migrations / sizeof fb_pg_migrations[0] == FB_SCHEMA_LATEST,
               "one migration per schema version");

const int fb_pg_migration_count =
    (int)(sizeof fb_pg_migrations / sizeof fb_pg_migrations[0]);

/* The columns fb_pg_read_place() reads, in its order. */
#define PLACE_COLUMNS                                                     \
    "id, calendar, day, window_id, state, form, holder, expires_at, "       \
    "reference, token_hash, quota_key, made_at"

/* The columns fb_pg_read_delivery() reads, in its order. */
#define DELIVERY_COLUMNS                                                  \
    "id, reference, form, target, target_name, event, language, state, "  \
    "attempts, created_at, next_at, last_at, last_status, last_error"

/* The columns store_pg_saved.c reads, in its order. */
#define SAVED_COLUMNS                                                     \
    "id, form, form_version, email, language, state, "                    \
    "encode(token_hash, 'hex'), created_at, expires_at, used_at, data"
/* The columns store_pg_pay.c reads, in its order. */
#define PAYMENT_COLUMNS                                                   \
    "reference, form, language, amount, return_token, attempt, "           \
    "provider_id, next_url, status, code, refund_status, refund_id, "     \
    "refunded, created_at, updated_at"

/* The submission columns of a fb_submission_row, in its order. */
#define SUBMISSION_COLUMNS                                                \
    "reference, form, form_version, answers, submitted_at, delivery_state, " \
    "language"

/* Counted as taken: booked, or held with an expiry ahead of the "now"
 * parameter $N. */
#define TAKEN(n)                                                          \
    "(state = 'booked' OR (state = 'held' AND expires_at > $" #n "))"

static const char *const sql[PG__COUNT] = {
    [PG_BEGIN] = "BEGIN",
    [PG_COMMIT] = "COMMIT",
    [PG_ROLLBACK] = "ROLLBACK",
    [PG_SAVEPOINT] = "SAVEPOINT job",
    [PG_RELEASE] = "RELEASE SAVEPOINT job",
    [PG_ROLLBACK_TO] = "ROLLBACK TO SAVEPOINT job",
    [PG_SCHEMA_VERSION] = "SELECT version FROM formbuilder_schema",
    /* A write that changes nothing a caller reads, committed like any. */
    [PG_PROBE] = "UPDATE formbuilder_schema SET version = version",
    [PG_TRY_LOCK] = "SELECT pg_try_advisory_lock(hashtextextended($1, 0))",
    [PG_UNLOCK] = "SELECT pg_advisory_unlock(hashtextextended($1, 0))",
    /* Held to the end of the transaction: serialises the count-then-
     * insert of a booking's slot or quota across instances. */
    [PG_XACT_LOCK] = "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))",
    [PG_SESSION_LOAD] = "SELECT data, updated_at FROM sessions WHERE id = $1",
    [PG_SESSION_SAVE] =
        "INSERT INTO sessions (id, data, updated_at) VALUES ($1, $2, $3) "
        "ON CONFLICT (id) DO UPDATE SET data = excluded.data, "
        "updated_at = excluded.updated_at",
    [PG_SESSION_DELETE] = "DELETE FROM sessions WHERE id = $1",
    [PG_SESSION_EXPIRE] = "DELETE FROM sessions WHERE updated_at < $1",
    [PG_SUB_INSERT] =
        "INSERT INTO submissions (reference, submit_token, form, "
        "form_version, answers, submitted_at, language, delivery_state) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending') "
        "ON CONFLICT DO NOTHING",
    [PG_SUB_FIND] =
        "SELECT reference FROM submissions WHERE submit_token = $1",
    [PG_SUB_LOAD] =
        "SELECT reference, answers FROM submissions WHERE submit_token = $1",
    [PG_SUB_EACH] =
        "SELECT " SUBMISSION_COLUMNS " FROM submissions WHERE form = $1 "
        "ORDER BY submitted_at, id",
    [PG_SUB_EACH_SINCE] =
        "SELECT " SUBMISSION_COLUMNS " FROM submissions WHERE form = $1 "
        "AND submitted_at >= $2 ORDER BY submitted_at, id",
    [PG_SUB_BY_REFERENCE] =
        "SELECT " SUBMISSION_COLUMNS " FROM submissions "
        "WHERE reference = $1",
    [PG_PLACE_TAKEN] =
        "SELECT count(*) FROM booking_places WHERE calendar = $1 "
        "AND day = $2 AND window_id = $3 AND " TAKEN(4),
    [PG_PLACE_TAKEN_DAYS] =
        "SELECT day, window_id, count(*) FROM booking_places "
        "WHERE calendar = $1 AND day BETWEEN $2 AND $3 AND " TAKEN(4)
        " GROUP BY day, window_id",
    [PG_PLACE_QUOTA] =
        "SELECT count(*) FROM booking_places WHERE calendar = $1 "
        "AND quota_key = $2 AND made_at >= $3 AND " TAKEN(4),
    [PG_PLACE_INSERT] =
        "INSERT INTO booking_places (calendar, day, window_id, state, form, "
        "holder, expires_at, reference, token_hash, quota_key, made_at) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) "
        "RETURNING id",
    [PG_PLACE_HELD] =
        "SELECT " PLACE_COLUMNS " FROM booking_places WHERE holder = $1 "
        "AND calendar = $2 AND state = 'held' ORDER BY id DESC LIMIT 1",
    [PG_PLACE_RELEASE] =
        "DELETE FROM booking_places WHERE holder = $1 AND calendar = $2 "
        "AND state = 'held'",
    [PG_PLACE_EXPIRE] =
        "DELETE FROM booking_places WHERE state = 'held' AND expires_at < $1",
    [PG_PLACE_BY_TOKEN] =
        "SELECT " PLACE_COLUMNS " FROM booking_places WHERE token_hash = $1",
    [PG_PLACE_BY_REFERENCE] =
        "SELECT " PLACE_COLUMNS " FROM booking_places WHERE reference = $1 "
        "AND state IN ('booked', 'cancelled') ORDER BY id DESC LIMIT 1",
    [PG_PLACE_UPDATE] =
        "UPDATE booking_places SET calendar = $2, day = $3, window_id = $4, "
        "state = $5, form = $6, holder = $7, expires_at = $8, "
        "reference = $9, token_hash = $10, quota_key = $11, made_at = $12 "
        "WHERE id = $1",
    [PG_PLACE_EACH] =
        "SELECT " PLACE_COLUMNS " FROM booking_places WHERE calendar = $1 "
        "AND state <> 'held' ORDER BY day, window_id, id",
    [PG_PLACE_EACH_DAY] =
        "SELECT " PLACE_COLUMNS " FROM booking_places WHERE calendar = $1 "
        "AND day = $2 AND state <> 'held' ORDER BY day, window_id, id",
    [PG_EVENT_ADD] =
        "INSERT INTO booking_events (place_id, reference, kind, at, detail) "
        "VALUES ($1, $2, $3, $4, $5)",
    [PG_DAY_CLOSE] =
        "INSERT INTO booking_closed_days (calendar, day, closed_at) "
        "VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
    [PG_DAYS_CLOSED] =
        "SELECT day FROM booking_closed_days WHERE calendar = $1 "
        "AND day BETWEEN $2 AND $3 ORDER BY day",
    [PG_DELIVERY_ADD] =
        "INSERT INTO deliveries (reference, form, target, target_name, "
        "event, language, created_at, next_at) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING",
    [PG_DELIVERY_DUE] =
        "SELECT " DELIVERY_COLUMNS " FROM deliveries WHERE state = "
        "'pending' AND next_at <= $1 ORDER BY next_at, id LIMIT $2",
    /* Rows another instance is claiming are skipped, not waited for; the
     * claim moves next_at to the lease's end, and the row comes back
     * with the next_at it was due at. */
    [PG_DELIVERY_CLAIM] =
        "WITH due AS (SELECT id, next_at AS due_at FROM deliveries "
        "WHERE state = 'pending' AND next_at <= $1 "
        "AND target_name <> ALL (string_to_array($4, E'\\x1f')) "
        "ORDER BY next_at, id "
        "LIMIT $2 FOR UPDATE SKIP LOCKED), "
        "claimed AS (UPDATE deliveries d SET next_at = $3 FROM due "
        "WHERE d.id = due.id RETURNING d.id, d.reference, d.form, d.target, "
        "d.target_name, d.event, d.language, d.state, d.attempts, "
        "d.created_at, due.due_at, d.last_at, d.last_status, d.last_error) "
        "SELECT * FROM claimed ORDER BY due_at, id",
    [PG_DELIVERY_UPDATE] =
        "UPDATE deliveries SET state = $2, attempts = $3, next_at = $4, "
        "last_at = $5, last_status = $6, last_error = $7 WHERE id = $1",
    /* The submission's summary: failed while any delivery needs staff,
     * delivered once all are. */
    [PG_DELIVERY_SUMMARY] =
        "UPDATE submissions SET delivery_state = CASE "
        "WHEN EXISTS (SELECT 1 FROM deliveries WHERE reference = $1 "
        "AND state IN ('failed', 'dead')) THEN 'failed' "
        "WHEN EXISTS (SELECT 1 FROM deliveries WHERE reference = $1 "
        "AND state = 'pending') THEN 'pending' ELSE 'delivered' END "
        "WHERE reference = $1",
    [PG_DELIVERY_GET] =
        "SELECT " DELIVERY_COLUMNS " FROM deliveries WHERE id = $1",
    [PG_DELIVERY_EACH] =
        "SELECT " DELIVERY_COLUMNS " FROM deliveries WHERE "
        "($1::text IS NULL OR state = $1::text) "
        "AND ($2::text IS NULL OR form = $2::text) ORDER BY id",
    [PG_DELIVERY_RETRY_ONE] =
        "UPDATE deliveries SET state = 'pending', attempts = 0, "
        "next_at = $1, created_at = $1 WHERE id = $2 "
        "AND state IN ('failed', 'dead')",
    [PG_DELIVERY_RETRY_DEAD] =
        "UPDATE deliveries SET state = 'pending', attempts = 0, "
        "next_at = $1, created_at = $1 WHERE state = 'dead'",
    [PG_DELIVERY_COUNTS] =
        "SELECT state, target_name, count(*) FROM deliveries "
        "GROUP BY state, target_name ORDER BY state, target_name",
    [PG_DELIVERY_OLDEST] =
        "SELECT min(created_at) FROM deliveries WHERE state = 'pending'",
    /* progress updates (store_pg_events.c) */
    [PG_SUB_EVENT_ADD] =
        "INSERT INTO submission_events (reference, event_id, status, "
        "message, public, occurred_at, received_at) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING",
    [PG_SUB_EVENT_EACH] =
        "SELECT event_id, status, message, public, occurred_at, "
        "received_at FROM submission_events WHERE reference = $1 "
        "AND (public = 1 OR $2 = 0) ORDER BY occurred_at, id",
    /* Personal data; what redaction changes is said in store.h. */
#define REFERENCE_SQL(table)                                              \
    [PG_PURGE_##table] = "DELETE FROM " #table " WHERE reference IN ("    \
        FB_PURGE_REFERENCES("$1", "$2", "$3") ")",                        \
    [PG_ERASE_##table] = "DELETE FROM " #table " WHERE reference = $1",
    FB_REFERENCE_TABLES(REFERENCE_SQL)
    [PG_PURGE_REFERENCES] = FB_PURGE_REFERENCES("$1", "$2", "$3"),
    [PG_SUB_EXISTS] = "SELECT 1 FROM submissions WHERE reference = $1",
    [PG_REDACT_ANSWERS] = FB_REDACT_ANSWERS_SQL("$1", "$2"),
#define REDACT_SQL(name, sql) [PG_REDACT_##name] = (sql),
    FB_REDACT_SQL(REDACT_SQL, "$1")
    [PG_DELIVERY_OF_REFERENCE] =
        "SELECT " DELIVERY_COLUMNS " FROM deliveries WHERE reference = $1 "
        "ORDER BY id",
    [PG_AUDIT_ADD] =
        "INSERT INTO submission_audit (at, by_whom, action, reference, "
        "detail) VALUES ($1, $2, $3, $4, $5)",
    [PG_AUDIT_EACH] =
        "SELECT id, at, by_whom, action, reference, detail "
        "FROM submission_audit WHERE $1::text IS NULL "
        "OR reference = $1::text ORDER BY id",
    /* Under READ COMMITTED a second instance's UPDATE waits for the
     * first's row lock and then re-checks n < cap on the new row, so the
     * cap is exact across instances. */
    [PG_FORM_TAKE] =
        "UPDATE form_counts SET n = n + 1 WHERE form = $1 AND n < $2",
    [PG_FORM_COUNT_START] =
        "INSERT INTO form_counts (form, n) SELECT $1::text, "
        "greatest(count(*) - 1, 0) FROM submissions WHERE form = $1::text "
        "ON CONFLICT DO NOTHING",
    [PG_FORM_USED] =
        "SELECT coalesce((SELECT n FROM form_counts WHERE form = $1::text), "
        "(SELECT count(*) FROM submissions WHERE form = $1::text))",
    [PG_MAINTENANCE_ON] =
        "INSERT INTO maintenance (form, since) VALUES ($1, $2) "
        "ON CONFLICT DO NOTHING",
    [PG_MAINTENANCE_OFF] = "DELETE FROM maintenance WHERE form = $1",
    [PG_MAINTENANCE_EACH] = "SELECT form FROM maintenance ORDER BY form",
    /* saved journeys (store_pg_saved.c) */
    [PG_SAVED_ADD] =
        "INSERT INTO saved_journeys (id, form, form_version, email, "
        "language, data, created_at, expires_at) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    [PG_SAVED_GET] = "SELECT " SAVED_COLUMNS " FROM saved_journeys "
                     "WHERE id = $1",
    [PG_SAVED_TOKEN] =
        "UPDATE saved_journeys SET token_hash = $2 "
        "WHERE id = $1 AND state = 'saved'",
    [PG_SAVED_FIND] = "SELECT " SAVED_COLUMNS " FROM saved_journeys "
                      "WHERE token_hash = $1",
    [PG_SAVED_USE] =
        "UPDATE saved_journeys SET state = 'used', data = '', used_at = $2 "
        "WHERE id = $1 AND state = 'saved'",
    [PG_SAVED_EXPIRE] = "UPDATE saved_journeys SET data = '' "
                        "WHERE expires_at < $1 AND data <> ''",
    [PG_SAVED_FORGET] = "DELETE FROM saved_journeys WHERE expires_at < $1",
    [PG_VERSION_PINNED] =
        "SELECT EXISTS (SELECT 1 FROM sessions WHERE updated_at >= $4 "
        "AND strpos(data, $3) > 0) OR EXISTS (SELECT 1 FROM "
        "saved_journeys WHERE form = $1 AND form_version = $2 AND "
        "state = 'saved' AND data <> '' AND expires_at >= $5)",
    [PG_PAYMENT_ADD] =
        "INSERT INTO payments (reference, form, language, amount, "
        "return_token, status, created_at, updated_at) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $7) ON CONFLICT DO NOTHING",
    [PG_PAYMENT_GET] =
        "SELECT " PAYMENT_COLUMNS " FROM payments WHERE reference = $1",
    [PG_PAYMENT_BY_TOKEN] =
        "SELECT " PAYMENT_COLUMNS " FROM payments WHERE return_token = $1",
    [PG_PAYMENT_UPDATE] =
        "UPDATE payments SET language = $2, amount = $3, return_token = $4, "
        "attempt = $5, provider_id = $6, next_url = $7, status = $8, "
        "code = $9, refund_status = $10, refund_id = $11, refunded = $12, "
        "updated_at = $13 WHERE reference = $1",
    [PG_PAYMENT_OPEN] =
        "SELECT " PAYMENT_COLUMNS " FROM payments WHERE "
        "(status IN ('created', 'started', 'submitted', 'capturable') "
        "AND updated_at <= $1) OR (refund_status IN ('pending', "
        "'submitted') AND updated_at <= $1) OR (status NOT IN ('created', "
        "'started', 'submitted', 'capturable', 'success', 'abandoned') "
        "AND updated_at <= $2) ORDER BY updated_at, reference LIMIT $3",
    [PG_ANSWER_TEXTS] =
        "SELECT answers FROM submissions UNION ALL SELECT data FROM sessions",
    [PG_SAVED_FORGET_DELIVERIES] =
        "DELETE FROM deliveries WHERE target_name = 'save-link' AND "
        "reference IN (SELECT id FROM saved_journeys WHERE expires_at < $1)",
    [PG_ASSIST_LINK_USE] =
        "INSERT INTO assist_links (id, form, channel, used_at) "
        "VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING",
};

/* The SQL of statement id. See store_pg_priv.h. */
const char *
fb_pg_sql(enum fb_pg_stmt id)
{
    return sql[id];
}
