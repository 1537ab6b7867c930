/* SPDX-License-Identifier: MIT */
/*
 * Booking checks: a form asking booking_date or booking_time has a
 * `booking:` calendar, at most one of each, the time on a page after the
 * date; a calendar is used; its quota names a question. Also the
 * placeholders of content and confirmation text ({answers.ID},
 * {booking.date}, {booking.time}; "{{" and "}}" for braces), which the
 * renderers fill in from the answers.
 */
#include "check_priv.h"

#include <string.h>

/* The form's question of type @p t, reporting every one after the first
 * at its type. */
static struct fb_question *
only_one(struct fb_check *ck, enum fb_qtype t)
{
    struct fb_question *first = NULL;
    for (size_t i = 0; i < ck->form->n_questions; i++) {
        struct fb_question *q = ck->form->questions[i];
        if (q->type != t)
            continue;
        if (!first) {
            first = q;
            continue;
        }
        fb_diag(ck->c, FB_ERROR, &q->type_loc, "booking-question-twice",
                "a form books one place, so it has one %s question; '%s' "
                "already is one (line %u)", fb_qtype_name(t), first->id,
                first->type_loc.line);
    }
    return first;
}

static void
needs_calendar(struct fb_check *ck, const struct fb_question *q)
{
    fb_diag(ck->c, FB_ERROR, &q->type_loc, "booking-without-calendar",
            "a %s question books a place in the form's calendar, and this "
            "form has no 'booking'; add 'booking:' (calendar, days, "
            "sessions or slots, lead, horizon) at the top of the form",
            fb_qtype_name(q->type));
}

/* Each booking question is a top-level question, not a follow-up: its
 * page is its own step of the journey. */
static void
not_follow_up(struct fb_check *ck, const struct fb_question *q)
{
    if (q && q->revealed_by)
        fb_diag(ck->c, FB_ERROR, &q->type_loc, "booking-follow-up",
                "a %s question cannot be revealed by an option; ask it on "
                "its own page (with 'when' if it does not always apply)",
                fb_qtype_name(q->type));
}

static void
check_questions(struct fb_check *ck)
{
    const struct fb_form *f = ck->form;
    struct fb_question *date = only_one(ck, FB_Q_BOOKING_DATE);
    struct fb_question *time = only_one(ck, FB_Q_BOOKING_TIME);

    if (!f->booking) {
        if (date)
            needs_calendar(ck, date);
        if (time)
            needs_calendar(ck, time);
        return;
    }
    not_follow_up(ck, date);
    not_follow_up(ck, time);
    if (!date) {
        fb_diag(ck->c, FB_ERROR, &f->booking->key_loc, "booking-unused",
                "the form has a 'booking' calendar but no booking_date "
                "question to choose a day in it; add one (and a "
                "booking_time question on a later page), or remove "
                "'booking'");
        return;
    }
    if (time && time->page && date->page &&
        time->page->index <= date->page->index)
        fb_diag(ck->c, FB_ERROR, &time->type_loc, "booking-time-before-date",
                "the booking_time question '%s' shows the windows of the "
                "day chosen in '%s', so it must be on a page after page "
                "'%s', where '%s' is asked", time->id, date->id,
                fb_check_name(date->page->id), date->id);
}

static void
check_limit(struct fb_check *ck)
{
    struct fb_booking *b = ck->form->booking;
    if (!b || !b->has_limit || !b->limit_per)
        return;
    b->limit_question = fb_check_find(ck, b->limit_per);
    if (!b->limit_question)
        fb_check_unknown_question(
            ck, &b->limit_per_loc, "booking-limit-unknown-question",
            b->limit_per,
            fb_arena_printf(&ck->c->arena, "no question '%s' in this form",
                            b->limit_per),
            "'per' names the question whose answer the quota counts by, "
            "such as an address");
}

/* ---- placeholders -------------------------------------------------------- */

static void
placeholder(struct fb_check *ck, const struct fb_loc *loc, const char *name,
            size_t n)
{
    const char *s = fb_arena_strndup(&ck->c->arena, name, n);
    if (strncmp(s, "answers.", 8) == 0) {
        if (!fb_check_find(ck, s + 8))
            fb_check_unknown_question(
                ck, loc, "placeholder-unknown-question", s + 8,
                fb_arena_printf(&ck->c->arena, "placeholder '{%s}' names "
                                "no question of this form", s),
                "write {answers.ID} with the id of a question");
        return;
    }
    if (strcmp(s, "booking.date") == 0 || strcmp(s, "booking.time") == 0) {
        if (!ck->form->booking)
            fb_diag(ck->c, FB_ERROR, loc, "placeholder-no-booking",
                    "'{%s}' is the booking's %s, and this form has no "
                    "'booking'", s, s + 8);
        return;
    }
    fb_diag(ck->c, FB_ERROR, loc, "placeholder-unknown",
            "'{%s}' is not a placeholder; use {answers.ID}, {booking.date} "
            "or {booking.time}, or write {{ and }} for braces", s);
}

static void
text_placeholders(struct fb_check *ck, const struct fb_text *t)
{
    for (int l = 0; l < FB_LANG__COUNT; l++) {
        const char *s = t->lang[l];
        for (size_t i = 0; s && s[i]; i++) {
            if ((s[i] == '{' || s[i] == '}') && s[i + 1] == s[i]) {
                i++;
                continue;
            }
            if (s[i] != '{')
                continue;
            const char *close = strchr(s + i, '}');
            if (!close)
                break;
            placeholder(ck, &t->loc, s + i + 1, (size_t)(close - s - i - 1));
            i = (size_t)(close - s);
        }
    }
}

static void
block_placeholders(struct fb_check *ck, const struct fb_block *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        text_placeholders(ck, &b[i].text);
        text_placeholders(ck, &b[i].summary);
        for (size_t k = 0; k < b[i].n_items; k++)
            text_placeholders(ck, &b[i].items[k]);
    }
}

void
fb_check_booking(struct fb_check *ck)
{
    const struct fb_form *f = ck->form;
    check_questions(ck);
    check_limit(ck);
    for (size_t i = 0; i < f->n_pages; i++)
        block_placeholders(ck, f->pages[i]->blocks, f->pages[i]->n_blocks);
    text_placeholders(ck, &f->confirmation_body);
    block_placeholders(ck, f->confirmation_blocks,
                       f->n_confirmation_blocks);
}
