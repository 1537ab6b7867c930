/* SPDX-License-Identifier: MIT */
/*
 * What a page's answers checked against their endpoints (`lookup:`,
 * lookup.h) mean when the page is sent and its answers are valid: each
 * answer the endpoint knows is marked found and fills the answers of
 * later pages it names (when it is new or changed, so a resident's own
 * edit of a filled answer is kept while the checked one stays the same);
 * one it does not know shows the page again with the author's message;
 * one that could not be checked is taken, marked unverified. The marks
 * are kept with the answers as "_lookup.ID" (a name no question can
 * have, so a resident cannot post one: a field the page does not have is
 * refused), and the submission carries them to its payloads' "lookups".
 */
#pragma once

#include "formbuilder/answers.h"
#include "formbuilder/errors.h"
#include "formbuilder/form.h"

#include "lookup.h"

/* The stored mark of a checked answer: FB_LOOKUP_MARK "." question id. */
#define FB_LOOKUP_MARK "_lookup"

/* The calls a POST needs, made off the polling thread, after which the
 * POST is handled again with their answers (fb_request_defer_work()). */
struct fb_lookup_call {
    const struct fb_question_desc *q;
    char value[256];
    struct fb_lookup_answer answer;
};

struct fb_lookup_work {
    bool ran;                  /* false: its reservation is unused */
    size_t n;
    struct fb_lookup_call calls[8];
};

/** The work's thread: each call in turn (lookup.h). */
void
fb_lookup_work_run(void *work);

/** Frees @p work, giving back its reservation when it never ran. */
void
fb_lookup_work_free(void *work);

enum fb_lookup_post {
    FB_LOOKUP_POST_GO_ON,  /* marks (and fills) put in the raw answers */
    FB_LOOKUP_POST_SHOW,   /* *errs: the page again, nothing stored */
    FB_LOOKUP_POST_FAILED, /* out of memory */
    FB_LOOKUP_POST_CALL,   /* *work to defer, then the POST again */
};

/**
 * For page @p p whose answers validated: @p valid the normalised answers
 * (what is checked), @p raw the answers to store (marks and fills put
 * there), @p saved what the session held before this POST; @p done the
 * calls made for this POST, or NULL. On SHOW, *@p errs holds the errors
 * (the caller frees them); on CALL, *@p work the calls to make. On GO_ON,
 * *@p refilled is the id of the first answer a fill replaced with a
 * different one (a Change from check your answers asks its page, so the
 * resident sees it), or NULL.
 */
enum fb_lookup_post
fb_lookup_page_post(const struct fb_page_desc *p,
                    const struct fb_answers *valid, struct fb_answers *raw,
                    const struct fb_answers *saved,
                    const struct fb_lookup_work *done,
                    struct fb_errors **errs, struct fb_lookup_work **work,
                    const char **refilled);

/** @returns how @p q's answer, checked against its endpoint, was taken
 *  ("found", "unverified": fb_payload_lookup_states) as @p a holds it
 *  (raw or stored answers), or NULL when it was not checked. */
const char *
fb_lookup_mark(const struct fb_question_desc *q, const struct fb_answers *a);

/**
 * Adds the marks of @p raw of form @p f's questions answered in @p out
 * to @p out (as FB_LOOKUP_MARK.ID), for the submission. @returns 0, or -1
 * out of memory.
 */
int
fb_lookup_marks_keep(const struct fb_form_desc *f,
                     const struct fb_answers *raw, struct fb_answers *out);
