/* SPDX-License-Identifier: MIT */
/*
 * Where uploaded files are kept: the files directory (config files_dir,
 * var/files by default), each file under the SHA-256 of its bytes, with
 * tmp/ beside them for uploads arriving (the same filesystem, so a move
 * into place is a rename). An upload is accepted in two steps, so a
 * request with several files keeps all or none: prepare (type by content
 * through libmagic, the name's extension agreeing, metadata stripped,
 * hashed, scanned by clamd when one is configured), then commit (fsync,
 * rename by hash, fsync the directory). Nothing is served from here to
 * the public: staff read files with `formbuilder file get`.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "formbuilder/filetype.h"
#include "formbuilder/messages.h"

#include "config.h"
#include "http_upload.h"

struct fb_upload_store;

/** Makes the files directory and its tmp/ (mode 0700) if missing, and
 *  loads libmagic's database. @returns NULL with a message in @p err. */
struct fb_upload_store *
fb_upload_store_open(const struct fb_config *cfg, char *err, size_t errlen);

void
fb_upload_store_close(struct fb_upload_store *s);

/** @returns the directory uploads arrive in. */
const char *
fb_upload_store_tmp_dir(const struct fb_upload_store *s);

/* An upload ready to keep. */
struct fb_prepared {
    struct fb_file_ref ref;
    char path[4400];           /* its temporary file; "" once moved */
};

/**
 * Checks @p up against @p fd and readies it in @p out. @returns 0, or
 * the message that tells the resident why not (FB_MSG_FILE_TYPE,
 * _EMPTY, _TOO_BIG, _NOT_STRIPPED, _VIRUS, _SCAN_FAILED, _NOT_SAVED);
 * on a refusal nothing of it is left on disk.
 */
enum fb_msg
fb_upload_prepare(struct fb_upload_store *s, struct fb_upload *up,
                  const struct fb_file_desc *fd, struct fb_prepared *out);

/** Moves @p p into place under its hash (a file already there with the
 *  same hash is the same file). @returns 0, or -1 (logged). */
int
fb_upload_commit(struct fb_upload_store *s, struct fb_prepared *p);

/** Removes @p p's temporary file, if it is still there. */
void
fb_upload_discard(struct fb_prepared *p);

/** Opens the stored file @p hash of files directory @p dir for reading.
 *  @returns the descriptor, or -1 (errno ENOENT when there is none,
 *  EINVAL when @p hash is not a hash). */
int
fb_files_open(const char *dir, const char *hash);

/** Removes stored file @p hash of @p dir (retention purge: call once no
 *  submission or session refers to it). @returns 0, also when it was
 *  not there, or -1. */
int
fb_files_remove(const char *dir, const char *hash);
