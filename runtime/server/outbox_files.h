/* SPDX-License-Identifier: MIT */
/*
 * What the outbox's worker needs of a submission's uploaded files: each
 * file opened for a multipart delivery (send.h) before anything is sent,
 * so a file removed by the retention purge fails the delivery whole, and
 * the signed links of a staff email (file_link.h).
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "file_link.h"
#include "outbox.h"
#include "send.h"

/**
 * Opens every file the stored answers @p answers_json of a submission of
 * @p f refer to, from files directory @p dir, into *@p out_files (freed
 * with free(); the descriptors go to fb_send_http()) and their count in
 * *@p out_n. @returns 0, or -1 with nothing left open and @p r saying
 * why: refused when a file is no longer stored (nothing is sent: a
 * payload without one of its files would be half a delivery), retried
 * when out of memory or the file cannot be read for another reason.
 */
int
fb_outbox_files_open(const struct fb_form_desc *f, const char *answers_json,
                     const char *dir, struct fb_http_file **out_files,
                     size_t *out_n, struct fb_send_result *r);

/**
 * Fills @p out with the links staff emails give files, valid for
 * cfg->file_link_valid from @p now. @returns @p out, or NULL when there
 * are none to make (FORMBUILDER_FILE_LINK_KEY or base_url unset): the
 * email then names each file by its SHA-256.
 */
const struct fb_file_links *
fb_outbox_file_links(const struct fb_outbox_config *cfg, long long now,
                     struct fb_file_links *out);

/** @returns whether @p f emails staff about uploads: it asks a file
 *  question and has an email target, whose messages then link each file
 *  when FORMBUILDER_FILE_LINK_KEY is set (`formbuilder outbox env` lists
 *  the variable for such a form). */
bool
fb_outbox_links_wanted(const struct fb_form_desc *f);

/** Logs, once at start, that staff emails of the @p n @p forms that
 *  want file links (fb_outbox_links_wanted()) name files by SHA-256
 *  because FORMBUILDER_FILE_LINK_KEY or base_url is not set. */
void
fb_outbox_file_links_note(const struct fb_form_desc *const *forms, size_t n,
                          const struct fb_outbox_config *cfg);
