/* SPDX-License-Identifier: MIT */
/*
 * What content shows from the answers: the `when` of a content block and
 * the placeholders of content and confirmation text ({answers.ID},
 * {booking.date}, {booking.time}), and the "Your booking" summary of a
 * booking form's confirmation. Static pages and the server share it, so a
 * block shows, and a placeholder reads, the same in both.
 */
#include "render-priv.h"

#include <string.h>

#include "formbuilder/driver.h"

const struct fb_answers *
fb_render_content_answers(const struct fb_render_ctx *ctx)
{
    if (ctx->summary)
        return ctx->summary;
    return ctx->known ? ctx->known : ctx->answers;
}

bool
fb_render_block_shown(const struct fb_render_ctx *ctx,
                      const struct fb_block_desc *b)
{
    const struct fb_answers *a = fb_render_content_answers(ctx);
    struct fb_date day;

    if (!b->when || !a)
        return true;
    return fb_cond_eval(b->when, a, fb_render_today(ctx, &day));
}

/* @returns the question placeholder @p name[0..n) stands for, or NULL. */
static const struct fb_question_desc *
placeholder_question(const struct fb_render_ctx *ctx, const char *name,
                     size_t n)
{
    static const char answers[] = "answers.";
    const size_t an = sizeof answers - 1;
    char id[128];

    if (n == strlen("booking.date") && memcmp(name, "booking.date", n) == 0)
        return fb_form_booking_question(ctx->form, FB_Q_BOOKING_DATE);
    if (n == strlen("booking.time") && memcmp(name, "booking.time", n) == 0)
        return fb_form_booking_question(ctx->form, FB_Q_BOOKING_TIME);
    if (n <= an || n - an >= sizeof id || memcmp(name, answers, an) != 0)
        return NULL;
    memcpy(id, name + an, n - an);
    id[n - an] = '\0';
    return fb_form_find_question(ctx->form, id);
}

bool
fb_render_placeholder_known(const struct fb_render_ctx *ctx,
                            const char *name, size_t n)
{
    return ctx->form && placeholder_question(ctx, name, n) != NULL;
}

void
fb_render_placeholder(struct fb_html *w, const struct fb_render_ctx *ctx,
                      const char *name, size_t n)
{
    const struct fb_question_desc *q = placeholder_question(ctx, name, n);

    if (q)
        fb_render_answer(w, ctx, fb_render_content_answers(ctx), q, true);
}

/* One row of the booking summary. */
static void
booking_row(struct fb_html *w, const struct fb_render_ctx *ctx,
            enum fb_msg key, const struct fb_question_desc *q)
{
    fb_html_raw(w, "<div class=\"govuk-summary-list__row\">\n"
                   "<dt class=\"govuk-summary-list__key\">");
    fb_html_text(w, fb_msg_text(key, ctx->lang));
    fb_html_raw(w, "</dt>\n<dd class=\"govuk-summary-list__value\">");
    fb_render_answer(w, ctx, ctx->summary, q, true);
    fb_html_raw(w, "</dd>\n</div>\n");
}

static void
booking_link(struct fb_html *w, const struct fb_render_ctx *ctx,
             const char *href, enum fb_msg text)
{
    fb_html_raw(w, "<p class=\"govuk-body\"><a class=\"govuk-link\" "
                   "href=\"");
    fb_html_attr(w, href);
    fb_html_raw(w, "\">");
    fb_html_text(w, fb_msg_text(text, ctx->lang));
    fb_html_raw(w, "</a></p>\n");
}

/* Writes "Your booking" on the confirmation of a booking form: the day
 * and window booked (from ctx->summary) and, when the server gives them,
 * the links to manage the booking and to download it. */
void
fb_render_booking_summary(struct fb_html *w, const struct fb_render_ctx *ctx)
{
    const struct fb_question_desc *dq =
        fb_form_booking_question(ctx->form, FB_Q_BOOKING_DATE);
    const struct fb_question_desc *tq =
        fb_form_booking_question(ctx->form, FB_Q_BOOKING_TIME);

    if (!ctx->form->booking || !dq || !ctx->summary ||
        !fb_answers_get(ctx->summary, dq->id))
        return;
    fb_html_raw(w, "<h2 class=\"govuk-heading-m\">");
    fb_html_text(w, fb_msg_text(FB_MSG_YOUR_BOOKING, ctx->lang));
    fb_html_raw(w, "</h2>\n<dl class=\"govuk-summary-list\">\n");
    booking_row(w, ctx, FB_MSG_BOOKING_DATE_KEY, dq);
    if (tq && fb_answers_get(ctx->summary, tq->id))
        booking_row(w, ctx, FB_MSG_BOOKING_TIME_KEY, tq);
    fb_html_raw(w, "</dl>\n");
    if (ctx->booking_manage_href)
        booking_link(w, ctx, ctx->booking_manage_href, FB_MSG_MANAGE_BOOKING);
    if (ctx->booking_ics_href)
        booking_link(w, ctx, ctx->booking_ics_href, FB_MSG_BOOKING_ICS);
}
