/* SPDX-License-Identifier: MIT */
/*
 * The schema's migrations, written once for both backends: the tables in
 * the SQL that SQLite and PostgreSQL share, with the few words that
 * differ passed in by each backend:
 *   ID     a table's row id ("INTEGER PRIMARY KEY", "BIGSERIAL PRIMARY KEY")
 *   INT64  a 64-bit integer ("INTEGER", "BIGINT")
 *   BYTES  a byte string ("BLOB", "BYTEA")
 *   KEYED  after a table keyed by its primary key (" WITHOUT ROWID", "")
 * FB_SCHEMA_N moves the schema from version N - 1 to N. The words stored
 * for states and kinds are listed in store_rows.c as well.
 */
#pragma once

/* The version the migrations below bring a database to. */
#define FB_SCHEMA_LATEST 11

/* 1: sessions and submissions */
#define FB_SCHEMA_1(ID, INT64, KEYED)                                     \
    "CREATE TABLE sessions ("                                             \
    "  id TEXT PRIMARY KEY,"                                              \
    "  data TEXT NOT NULL,"                                               \
    "  updated_at " INT64 " NOT NULL"                                     \
    ")" KEYED ";"                                                         \
    "CREATE INDEX sessions_updated_at ON sessions(updated_at);"           \
    "CREATE TABLE submissions ("                                          \
    "  id " ID ","                                                        \
    "  reference TEXT NOT NULL UNIQUE,"                                   \
    "  submit_token TEXT NOT NULL UNIQUE,"                                \
    "  form TEXT NOT NULL,"                                               \
    "  form_version TEXT NOT NULL,"                                       \
    "  answers TEXT NOT NULL,"                                            \
    "  submitted_at TEXT NOT NULL,"                                       \
    "  delivery_state TEXT NOT NULL DEFAULT 'pending'"                    \
    "    CHECK (delivery_state IN ('pending', 'delivered', 'failed'))"    \
    ");"                                                                  \
    "CREATE INDEX submissions_form_time ON submissions(form, submitted_at);"

/* 2: booking places, their events and the days staff closed */
#define FB_SCHEMA_2(ID, INT64, BYTES, KEYED)                              \
    "CREATE TABLE booking_places ("                                       \
    "  id " ID ","                                                        \
    "  calendar TEXT NOT NULL,"                                           \
    "  day TEXT NOT NULL,"                                                \
    "  window_id TEXT NOT NULL,"                                          \
    "  state TEXT NOT NULL CHECK (state IN ('held', 'booked', 'cancelled')),"\
    "  form TEXT NOT NULL,"                                               \
    "  holder TEXT,"                                                      \
    "  expires_at " INT64 ","                                             \
    "  reference TEXT,"                                                   \
    "  token_hash " BYTES " UNIQUE,"                                      \
    "  quota_key TEXT,"                                                   \
    "  made_at " INT64 " NOT NULL"                                        \
    ");"                                                                  \
    "CREATE INDEX booking_places_slot"                                    \
    "  ON booking_places(calendar, day, window_id, state);"               \
    "CREATE INDEX booking_places_holder"                                  \
    "  ON booking_places(holder, calendar) WHERE state = 'held';"         \
    "CREATE INDEX booking_places_quota"                                   \
    "  ON booking_places(calendar, quota_key, made_at)"                   \
    "  WHERE quota_key IS NOT NULL;"                                      \
    "CREATE TABLE booking_events ("                                       \
    "  id " ID ","                                                        \
    "  place_id " INT64 " NOT NULL REFERENCES booking_places(id),"        \
    "  reference TEXT NOT NULL,"                                          \
    "  kind TEXT NOT NULL CHECK (kind IN ('booked', 'cancelled', 'changed')),"\
    "  at TEXT NOT NULL,"                                                 \
    "  detail TEXT NOT NULL"                                              \
    ");"                                                                  \
    "CREATE INDEX booking_events_reference ON booking_events(reference);" \
    "CREATE TABLE booking_closed_days ("                                  \
    "  calendar TEXT NOT NULL,"                                           \
    "  day TEXT NOT NULL,"                                                \
    "  closed_at TEXT NOT NULL,"                                          \
    "  PRIMARY KEY (calendar, day)"                                       \
    ")" KEYED ";"

/* 3: the outbox, one row per delivery (outbox.c) */
#define FB_SCHEMA_3(ID, INT64)                                            \
    "CREATE TABLE deliveries ("                                           \
    "  id " ID ","                                                        \
    "  reference TEXT NOT NULL,"                                          \
    "  form TEXT NOT NULL,"                                               \
    "  target INTEGER NOT NULL,"                                          \
    "  target_name TEXT NOT NULL,"                                        \
    "  event TEXT NOT NULL,"                                              \
    "  language TEXT NOT NULL,"                                           \
    "  state TEXT NOT NULL DEFAULT 'pending'"                             \
    "    CHECK (state IN ('pending', 'delivered', 'failed', 'dead')),"    \
    "  attempts INTEGER NOT NULL DEFAULT 0,"                              \
    "  created_at " INT64 " NOT NULL,"                                    \
    "  next_at " INT64 " NOT NULL,"                                       \
    "  last_at " INT64 " NOT NULL DEFAULT 0,"                             \
    "  last_status INTEGER NOT NULL DEFAULT 0,"                           \
    "  last_error TEXT NOT NULL DEFAULT '',"                              \
    "  UNIQUE (reference, target_name, event)"                            \
    ");"                                                                  \
    "CREATE INDEX deliveries_due ON deliveries(next_at)"                  \
    "  WHERE state = 'pending';"                                          \
    "CREATE INDEX deliveries_state ON deliveries(state, form, id);"

/* 4: a submission's booking, found for its deliveries' payloads */
#define FB_SCHEMA_4                                                       \
    "CREATE INDEX booking_places_reference ON booking_places(reference)"  \
    "  WHERE reference IS NOT NULL;"

/* 5: the language each submission was made in (docs/welsh.md) */
#define FB_SCHEMA_5                                                       \
    "ALTER TABLE submissions ADD COLUMN language TEXT NOT NULL DEFAULT 'en'" \
    "  CHECK (language IN ('en', 'cy'));"

/* 6: progress updates a back office posts about a submission (events.h),
 * deleted with their submission (purge, erasure) by the foreign key.
 * assigned: 6 */
#define FB_SCHEMA_6(ID, INT64)                                            \
    "CREATE TABLE submission_events ("                                    \
    "  id " ID ","                                                        \
    "  reference TEXT NOT NULL"                                           \
    "    REFERENCES submissions(reference) ON DELETE CASCADE,"            \
    "  event_id TEXT NOT NULL,"                                           \
    "  status TEXT NOT NULL,"                                             \
    "  message TEXT NOT NULL,"                                            \
    "  public INTEGER NOT NULL CHECK (public IN (0, 1)),"                 \
    "  occurred_at " INT64 " NOT NULL,"                                   \
    "  received_at " INT64 " NOT NULL,"                                   \
    "  UNIQUE (reference, event_id)"                                      \
    ");"                                                                  \
    "CREATE INDEX submission_events_order"                                \
    "  ON submission_events(reference, occurred_at, id);"
/* 7: who did what to a submission's personal data
 * (`formbuilder submission`, cmd_submission.c). A row holds a staff
 * member's name, the action, when and which reference, and counts in
 * detail: never an answer, so it outlives the submission it is about. */
#define FB_SCHEMA_7(ID)                                             \
    "CREATE TABLE submission_audit ("                                     \
    "  id " ID ","                                                        \
    "  at TEXT NOT NULL,"                                                 \
    "  by_whom TEXT NOT NULL,"                                            \
    "  action TEXT NOT NULL"                                              \
    "    CHECK (action IN ('show', 'delete', 'redact')),"                 \
    "  reference TEXT NOT NULL,"                                          \
    "  detail TEXT NOT NULL DEFAULT ''"                                   \
    ");"                                                                  \
    "CREATE INDEX submission_audit_reference"                             \
    "  ON submission_audit(reference);"

/* 11: the ids of assisted digital links opened
 * (`formbuilder assist`, assist.c), so each opens one journey only. */
#define FB_SCHEMA_11                                                \
    "CREATE TABLE assist_links ("                                         \
    "  id TEXT PRIMARY KEY,"                                              \
    "  form TEXT NOT NULL,"                                               \
    "  channel TEXT NOT NULL,"                                            \
    "  used_at TEXT NOT NULL"                                             \
    ");"

/*
 * Everything stored under a submission's reference, one table a line, in
 * the order rows are deleted: a row's children before it, submissions
 * last (a purge batch finds its references in submissions until the
 * end). Retention purge and `formbuilder submission delete` both delete
 * from each of these in one transaction, on both backends, so a table
 * keyed by reference is added here and nowhere else. The audit table is
 * not listed: it is the record that the rest was deleted.
 */
#define FB_REFERENCE_TABLES(X)                                            \
    X(submission_events)                                                  \
    X(payments)                                                           \
    X(booking_events)                                                     \
    X(booking_places)                                                     \
    X(deliveries)                                                         \
    X(submissions)

/* What redacting a submission changes (store.h's submission_redact), in
 * order: its answers become marker P2, then each X(NAME, SQL) of
 * reference P1 takes the personal data out of what is kept with it. */
#define FB_REDACT_ANSWERS_SQL(P1, P2)                                     \
    "UPDATE submissions SET answers = " P2 " WHERE reference = " P1
#define FB_REDACT_SQL(X, P1)                                              \
    X(DELIVERIES, "DELETE FROM deliveries WHERE reference = " P1          \
                  " AND state <> 'delivered'")                            \
    X(ERRORS, "UPDATE deliveries SET last_error = '' WHERE reference = "  \
              P1 " AND last_error <> ''")                                 \
    X(QUOTA, "UPDATE booking_places SET quota_key = NULL WHERE "          \
             "reference = " P1 " AND quota_key IS NOT NULL")              \
    X(BOOKING_EVENTS, "UPDATE booking_events SET detail = '' WHERE "      \
                      "reference = " P1 " AND detail <> ''")              \
    X(PROGRESS, "UPDATE submission_events SET message = '' WHERE "        \
                "reference = " P1 " AND message <> ''")                   \
    /* No delivery is still to come: the summary says so. */              \
    X(SUMMARY, "UPDATE submissions SET delivery_state = 'delivered' "     \
               "WHERE reference = " P1 " AND delivery_state <> 'delivered'")

/* The submissions a purge batch deletes, for each table's DELETE: the
 * oldest of form P1 submitted before P2, at most P3 of them. */
#define FB_PURGE_REFERENCES(P1, P2, P3)                                   \
    "SELECT reference FROM submissions WHERE form = " P1                  \
    " AND submitted_at < " P2 " ORDER BY id LIMIT " P3

/* 8: a live service (docs/runtime.md, Running a live
 * service). form_counts holds the submissions a form with
 * `max_submissions:` has taken; its cap is enforced by a conditional
 * UPDATE in the submission's own transaction, the CHECK a second guard.
 * maintenance holds the forms `formbuilder maintenance on` closed ("" is
 * every form), read by every instance sharing the database. */
#define FB_SCHEMA_8(INT64, KEYED)                                         \
    "CREATE TABLE form_counts ("                                          \
    "  form TEXT PRIMARY KEY,"                                            \
    "  n " INT64 " NOT NULL CHECK (n >= 0)"                               \
    ")" KEYED ";"                                                         \
    "CREATE TABLE maintenance ("                                          \
    "  form TEXT PRIMARY KEY,"                                            \
    "  since " INT64 " NOT NULL"                                          \
    ")" KEYED ";"
/* 9: saved journeys of save and return (save.h). A row is
 * found by the hash of its link's token, never the token; it holds the
 * resident's progress until the link is used (then '' : kept only so a
 * second use is told the link was used) or it expires. */
#define FB_SCHEMA_9(INT64, BYTES)                                         \
    "CREATE TABLE saved_journeys ("                                       \
    "  id TEXT PRIMARY KEY,"                                              \
    "  token_hash " BYTES " UNIQUE,"                                      \
    "  form TEXT NOT NULL,"                                               \
    "  form_version TEXT NOT NULL,"                                       \
    "  email TEXT NOT NULL,"                                              \
    "  language TEXT NOT NULL CHECK (language IN ('en', 'cy')),"          \
    "  data TEXT NOT NULL,"                                               \
    "  state TEXT NOT NULL DEFAULT 'saved'"                               \
    "    CHECK (state IN ('saved', 'used')),"                             \
    "  created_at " INT64 " NOT NULL,"                                    \
    "  expires_at " INT64 " NOT NULL,"                                    \
    "  used_at " INT64 " NOT NULL DEFAULT 0"                              \
    ");"                                                                  \
    "CREATE INDEX saved_journeys_expires ON saved_journeys(expires_at);"
/* assigned: 8 */
/* 10: a submission's payment through the provider (pay.c,
 * docs/integrations.md): written with the submission, updated as the
 * provider reports; open ones are re-checked by the payment worker. */
#define FB_SCHEMA_10(INT64)                                                \
    "CREATE TABLE payments ("                                             \
    "  reference TEXT PRIMARY KEY,"                                       \
    "  form TEXT NOT NULL,"                                               \
    "  language TEXT NOT NULL,"                                           \
    "  amount " INT64 " NOT NULL CHECK (amount > 0),"                     \
    "  return_token TEXT NOT NULL UNIQUE,"                                 \
    "  attempt INTEGER NOT NULL DEFAULT 0,"                               \
    "  provider_id TEXT NOT NULL DEFAULT '',"                             \
    "  next_url TEXT NOT NULL DEFAULT '',"                                \
    "  status TEXT NOT NULL,"                                             \
    "  code TEXT NOT NULL DEFAULT '',"                                    \
    "  refund_status TEXT NOT NULL DEFAULT '',"                           \
    "  refund_id TEXT NOT NULL DEFAULT '',"                               \
    "  refunded " INT64 " NOT NULL DEFAULT 0,"                            \
    "  created_at " INT64 " NOT NULL,"                                    \
    "  updated_at " INT64 " NOT NULL"                                     \
    ");"                                                                  \
    "CREATE INDEX payments_updated ON payments(updated_at);"
