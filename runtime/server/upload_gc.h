/* SPDX-License-Identifier: MIT */
/*
 * Retention for uploaded files: a file goes when nothing refers to it.
 * Files are kept by content hash, so two submissions (or a submission and
 * a journey in progress) may share one; rather than count references,
 * the sweep reads every submission's answers and every session's record
 * (store.h answer_texts_each), collects the hashes they mention, and
 * removes the files of files_dir that none mentions. A file younger than
 * the grace period is kept whatever: its upload's session may not be
 * saved yet.
 */
#pragma once

#include <stddef.h>

#include "store.h"

/**
 * Removes the files of @p dir that no submission or session of @p store
 * refers to and that were last changed more than @p grace seconds
 * before @p now. @returns 0 with *@p out_removed set, or -1 when the
 * store could not be read (then nothing is removed).
 */
/* The grace period the server and `formbuilder purge` give: far longer
 * than an upload takes to be saved with its session. */
#define FB_FILES_GRACE 3600

int
fb_files_sweep(struct fb_store *store, const char *dir, long long now,
               long long grace, size_t *out_removed);
