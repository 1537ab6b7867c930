/* SPDX-License-Identifier: MIT */
/*
 * A file question's page in the journey: which paths take multipart
 * bodies (the http layer's upload policy), and what a POST to such a page
 * does to its answer. The answer is the list of references the session
 * holds (formbuilder/filetype.h), never what the body says: a posted
 * value under the question's id is dropped, so nobody can claim a file
 * someone else uploaded by its hash.
 */
#pragma once

#include "formbuilder/errors.h"

#include "http.h"
#include "journey.h"
#include "upload_store.h"

/** The upload policy (fb_http_upload_policy_fn) of journey @p cls: a POST
 *  to "/SLUG/PAGE" where PAGE has a file question. */
bool
fb_journey_upload_policy(const char *path, struct fb_upload_limits *out,
                         void *cls);

enum fb_file_post {
    FB_FILE_POST_GO,           /* on as with any page: validate, go on */
    FB_FILE_POST_STAY,         /* a file removed: save, show the page
                                  again (even with no file left) */
    FB_FILE_POST_ERROR,        /* show the page with *err, save nothing */
    FB_FILE_POST_FAILED        /* a response was set (500) */
};

/* The error of a refused upload (fb_file_post_apply()). */
struct fb_file_post_error {
    struct fb_error error;
    char anchor[256];
    char text[128];            /* its {text}: the kinds accepted */
};

/**
 * Applies a POST of @p q's page: @p fields (as read_post() gave them)
 * get @p q's answer as @p saved has it, less a file removed
 * ("ID-remove": then nothing else changes), plus the files of the
 * request once each is checked and kept (all or none); the remove
 * button's field is taken out.
 */
enum fb_file_post
fb_file_post_apply(struct fb_request *req, const struct fb_journey *j,
                   const struct fb_question_desc *q,
                   const struct fb_answers *saved, struct fb_answers *fields,
                   struct fb_file_post_error *err);

/** @returns whether @p name is a field of a file question's page other
 *  than the question's own: its remove buttons. */
bool
fb_file_post_field(const struct fb_page_desc *page, const char *name);
