/* SPDX-License-Identifier: MIT */
/*
 * What the server keeps under a submission's reference outside the
 * database, erased with its rows. The rows themselves are the store's
 * (FB_REFERENCE_TABLES in store_schema.h); this is the one place told of
 * each reference whose rows go, by retention purge and by `formbuilder
 * submission delete` alike.
 */
#pragma once

#include "store.h"

/**
 * Erases what is kept outside the database under @p reference: each
 * function of erase.c's list in turn. Called inside the transaction that
 * deletes the reference's rows, before they go, so a function can still
 * read its own rows (an upload's file ids) with @p s. A function must
 * take a file already gone as erased: the transaction may yet fail and
 * the reference be erased again. (The signature of fb_reference_fn.)
 */
void
fb_erase_outside(struct fb_store *s, const char *reference, void *cls);
