/* SPDX-License-Identifier: MIT */
/*
 * The session cache: the last committed record of each session, in
 * memory, so showing a page reads no database. It sits above the store's
 * interface and is kept coherent by the writer thread alone: the writer
 * puts a record (or its removal) after its transaction commits and
 * before the request that made it is answered, so a page shown after a
 * POST always sees that POST. A miss reads the store and does not fill
 * the cache (a reader filling it could race the writer and keep an older
 * record); sessions are cached from their next save.
 *
 * It is only right while this server is the only writer of the store's
 * sessions (server.c asks the store: not fb_store_ops.shared): with
 * several servers on one database, each would keep records the others
 * have replaced. Bounded in bytes; when full, a session saved is dropped
 * from it rather than cached, and read from the store. Thread-safe.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

struct fb_session_cache;

/** @returns a cache that holds at most @p max_bytes of records and
 *  bookkeeping, or NULL when out of memory. */
struct fb_session_cache *
fb_session_cache_new(size_t max_bytes);

/** Frees @p c; NULL is a no-op. */
void
fb_session_cache_free(struct fb_session_cache *c);

/**
 * Copies the cached record of session @p id into *@p out_record (caller
 * frees) and its save time into *@p out_saved_at.
 * @returns true on a hit; false when @p id is not cached or the copy
 * cannot be made (then read the store).
 */
bool
fb_session_cache_get(struct fb_session_cache *c, const char *id,
                     char **out_record, long long *out_saved_at);

/**
 * Records what a committed transaction stored for session @p id:
 * @p record saved at @p saved_at, or, with @p record NULL, its deletion.
 * Writer thread only, after the commit.
 */
void
fb_session_cache_put(struct fb_session_cache *c, const char *id,
                     const char *record, long long saved_at);

/** Drops the sessions saved before @p before (the store's expiry).
 *  @returns how many. */
size_t
fb_session_cache_expire(struct fb_session_cache *c, long long before);

/** @returns how many sessions are cached, and their bytes in
 *  *@p out_bytes unless NULL. */
size_t
fb_session_cache_count(struct fb_session_cache *c, size_t *out_bytes);
