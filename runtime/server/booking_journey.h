/* SPDX-License-Identifier: MIT */
/*
 * What the journey (journey.c) and the booking's own pages
 * (booking_manage.c) share about booking: which page asks the booking
 * questions, the month a date page shows (?month=YYYY-MM) with places
 * left from the store, who holds a place, the quota key of a resident's
 * answers, and the writer steps that hold, confirm, cancel and move
 * places (booking_store.h) inside a write job.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "booking_store.h"
#include "formbuilder/answers.h"
#include "formbuilder/errors.h"
#include "formbuilder/form.h"
#include "writer.h"

/** @returns the booking_date or booking_time question page @p p asks,
 *  or NULL. */
const struct fb_question_desc *
fb_booking_page_question(const struct fb_page_desc *p);

/** @returns the page of @p f that asks question type @p type, or NULL. */
const struct fb_page_desc *
fb_booking_page_of(const struct fb_form_desc *f, enum fb_qtype type);

/* Who holds a place: a session in a journey of a form, or a session
 * changing a booking of that form. */
#define FB_HOLDER_MAX FB_PLACE_NAME_MAX

void
fb_booking_holder(char buf[FB_HOLDER_MAX], const char *session_id,
                  const char *slug, bool changing);

/**
 * Reads ?month= @p param ("YYYY-MM") into @p out (day 1).
 * @returns 1 when given and good, 0 when NULL, -1 when malformed.
 */
int
fb_booking_month_param(const char *param, struct fb_date *out);

/**
 * Loads the places of the month a booking page of @p f shows: @p month
 * when given (day 1; NULL: none), else the month of the day answered in
 * @p answers, else of the first day offered. The place @p holder holds
 * counts as free. @returns FB_STORE_OK or FB_STORE_ERROR; free @p out
 * with fb_booking_month_free() either way.
 */
int
fb_booking_page_month(struct fb_store *reader, const struct fb_form_desc *f,
                      const struct fb_answers *answers,
                      const struct fb_date *month, const char *holder,
                      struct fb_booking_month *out);

/** Writes the quota key of @p answers (normalised) for @p cal into
 *  @p buf: the answer to the quota's `per` question, every part of it,
 *  one per line, in lower case; "" when there is no quota or no answer. */
void
fb_booking_quota_key(const struct fb_calendar_desc *cal,
                     const struct fb_answers *answers, char *buf,
                     size_t cap);

/**
 * Adds to @p errs the error of question @p q carrying message @p msg
 * (a place gone, a quota used up). @returns 0, or -1 when out of memory.
 */
int
fb_booking_error(struct fb_errors *errs, const struct fb_question_desc *q,
                 enum fb_msg msg);

/** @returns the message that tells a resident why a booking write said
 *  no, on the page of question type @p on. */
enum fb_msg
fb_booking_verdict_message(enum fb_booking_verdict v, enum fb_qtype on);

/* Writer steps (writer.h): job->step_cls is a struct fb_booking_write.
 * The confirm step takes the reference of the job's submission, and does
 * nothing when that submission was stored already (a replay). */
int
fb_booking_hold_step(struct fb_store *s, struct fb_write_job *job);
int
fb_booking_confirm_step(struct fb_store *s, struct fb_write_job *job);
int
fb_booking_cancel_step(struct fb_store *s, struct fb_write_job *job);
int
fb_booking_move_step(struct fb_store *s, struct fb_write_job *job);
