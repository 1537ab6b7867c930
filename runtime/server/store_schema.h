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
#define FB_SCHEMA_LATEST 6

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

/* assigned: 8 */
/* 6: a submission's payment through the provider (pay.c,
 * docs/integrations.md): written with the submission, updated as the
 * provider reports; open ones are re-checked by the payment worker. */
#define FB_SCHEMA_6(INT64)                                                \
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
