/* SPDX-License-Identifier: MIT */
/*
 * The uploaded files a stored submission refers to, in the form's
 * question order, each with the name of the part a multipart delivery
 * sends it as: the answer's name and the file's index, "photos.0" for
 * the first file of question photos, "people.1.proof.0" for one asked on
 * a repeating page ("PAGE.ITEM." before it, as repeat.h stores it). The
 * outbox sends them (send.h), the file links' route checks a link names
 * one of them (file_route.c).
 */
#pragma once

#include <stddef.h>

#include "formbuilder/answers.h"
#include "formbuilder/filetype.h"
#include "formbuilder/form.h"

/* The longest part name: a repeating page's id, its item, the
 * question's id and the file's index. */
#define FB_FILE_PART_MAX 200

/* Told each file: its part name and its reference. A non-zero return
 * stops the walk and is handed back. */
typedef int (*fb_submission_file_fn)(const char *part,
                                     const struct fb_file_ref *ref,
                                     void *cls);

/**
 * Calls @p fn for each file of the answers @p a (flattened, json.h) of a
 * submission of @p f; a value that is not a file reference is skipped.
 * @returns 0, or the first non-zero @p fn returned.
 */
int
fb_submission_files_each(const struct fb_form_desc *f,
                         const struct fb_answers *a,
                         fb_submission_file_fn fn, void *cls);
