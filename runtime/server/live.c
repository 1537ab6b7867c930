/* SPDX-License-Identifier: MIT */
/*
 * When a form takes submissions, and maintenance mode; see live.h.
 */
#include "live.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "formbuilder/render.h"
#include "formbuilder/validate.h"
#include "journey.h"
#include "journey_priv.h"
#include "log.h"
#include "store.h"

void
fb_live_free(struct fb_live *live)
{
    free(live->slugs);
    live->slugs = NULL;
}

static long long
monotonic_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

struct reading {
    bool all;
    struct fb_buf slugs;
};

static void
add_slug(const char *name, void *cls)
{
    struct reading *r = cls;
    if (!name[0])
        r->all = true;
    else
        fb_buf_printf(&r->slugs, "%s\n", name);
}

/* Rereads the table when the last reading is older than FB_LIVE_POLL_MS.
 * A failed read keeps the last reading: the store's trouble is answered
 * where the journey next reads it. */
static void
refresh(const struct fb_journey *j)
{
    struct fb_live *live = j->live;
    long long now = monotonic_ms();
    if (live->read_at_ms && now - live->read_at_ms < FB_LIVE_POLL_MS)
        return;
    live->read_at_ms = now;
    struct reading r = {false, {0}};
    fb_buf_init(&r.slugs);
    fb_buf_puts(&r.slugs, "\n");
    if (j->reader->ops->maintenance_each(j->reader, add_slug, &r)
        != FB_STORE_OK) {
        fb_log(FB_LOG_WARN, "maintenance: cannot read the flags: %s",
               j->reader->ops->errmsg(j->reader));
        fb_buf_free(&r.slugs);
        return;
    }
    char *slugs = fb_buf_take(&r.slugs, NULL);
    if (!slugs)
        return;
    bool was = live->all || (live->slugs && live->slugs[1]);
    bool is = r.all || slugs[1];
    if (was != is || (live->slugs && strcmp(live->slugs, slugs) != 0)) {
        /* The slugs, one line each in the reading, on one log line. */
        char named[256];
        snprintf(named, sizeof named, "%s", slugs);
        for (char *p = named; *p; p++)
            if (*p == '\n')
                *p = ' ';
        fb_log(FB_LOG_INFO, "maintenance: %s%s",
               r.all ? "every form" : is ? "forms" : "off",
               r.all || !is ? "" : named);
    }
    free(live->slugs);
    live->slugs = slugs;
    live->all = r.all;
}

static bool
in_maintenance(const struct fb_live *live, const char *slug)
{
    if (live->all)
        return true;
    if (!slug || !live->slugs)
        return false;
    size_t n = strlen(slug);
    for (const char *p = live->slugs; (p = strstr(p, slug)) != NULL; p++)
        if (p[-1] == '\n' && p[n] == '\n')
            return true;
    return false;
}

bool
fb_live_maintenance(struct fb_request *req, const struct fb_journey *j,
                    const struct fb_form_desc *form)
{
    if (!j->live)
        return false;
    refresh(j);
    if (!in_maintenance(j->live, form ? form->slug : NULL))
        return false;
    fb_send_message(req, 503, FB_MSG_UNAVAILABLE_TITLE,
                    FB_MSG_MAINTENANCE_BODY, NULL);
    /* A crawler or a monitor comes back in a few minutes; a resident is
     * told to try later. */
    fb_request_add_header(req, "Retry-After", "300");
    return true;
}

bool
fb_live_local_time(const char *s, long long *out)
{
    struct fb_date d;
    char day[FB_DATE_ISO_SIZE];
    if (!s || strlen(s) != 16 || s[10] != 'T' || s[13] != ':')
        return false;
    memcpy(day, s, 10);
    day[10] = '\0';
    if (!fb_date_parse_iso(day, &d))
        return false;
    struct tm tm = {0};
    tm.tm_year = d.year - 1900;
    tm.tm_mon = d.month - 1;
    tm.tm_mday = d.day;
    tm.tm_hour = (s[11] - '0') * 10 + (s[12] - '0');
    tm.tm_min = (s[14] - '0') * 10 + (s[15] - '0');
    tm.tm_isdst = -1;          /* the zone's rule for that day */
    time_t t = mktime(&tm);
    if (t == (time_t)-1)
        return false;
    *out = (long long)t;
    return true;
}

/* The message arguments of local time @p s: {date} and {time}; a close
 * at 00:00 (a date alone) is said as 11:59pm the day before, as GOV.UK
 * style asks, so "midnight" is never ambiguous. */
static struct fb_msg_args
moment(const char *s, bool closing)
{
    struct fb_msg_args a = {0};
    char day[FB_DATE_ISO_SIZE];
    memcpy(day, s, 10);
    day[10] = '\0';
    fb_date_parse_iso(day, &a.date);
    a.minutes = ((s[11] - '0') * 10 + (s[12] - '0')) * 60
                + (s[14] - '0') * 10 + (s[15] - '0');
    if (closing && a.minutes == 0) {
        a.date = fb_date_add_days(a.date, -1);
        a.minutes = 23 * 60 + 59;
    }
    return a;
}

/* The closed page: the form's `closed_message:` when it has one, else
 * the catalogue's @p body with @p args. */
static void
send_closed(struct fb_request *req, const struct fb_form_desc *f,
            enum fb_msg title, enum fb_msg body,
            const struct fb_msg_args *args)
{
    enum fb_lang lang = fb_request_lang(req);
    char words[1024];
    const char *text =
        f->closed_message.text[FB_LANG_EN]
            ? fb_msg_format_text(words, sizeof words, &f->closed_message,
                                 NULL, lang)
            : fb_msg_format(words, sizeof words, body, args, lang);
    struct fb_html w;
    fb_html_init(&w);
    fb_render_message_page(&w, lang, "/assets/", fb_msg_text(title, lang),
                           text);
    fb_send_html(req, 403, &w);
}

/* Whether the form's cap is reached, read through the journey's reader:
 * 1, 0, or -1 after answering 500. */
static int
full(struct fb_request *req, const struct fb_journey *j,
     const struct fb_form_desc *f)
{
    long long used = 0;
    if (!f->max_submissions)
        return 0;
    if (j->reader->ops->form_places_used(j->reader, f->slug, &used)
        != FB_STORE_OK) {
        fb_journey_store_error(req, j);
        return -1;
    }
    return used >= f->max_submissions;
}

bool
fb_live_refused(struct fb_request *req, const struct fb_journey *j,
                const struct fb_form_desc *f, const char *rest)
{
    long long now = fb_clock_now(), at = 0;
    if (f->opens && fb_live_local_time(f->opens, &at) && now < at) {
        struct fb_msg_args a = moment(f->opens, false);
        fb_journey_session_lang(req, j, f);
        send_closed(req, f, FB_MSG_NOT_OPEN_TITLE, FB_MSG_NOT_OPEN_BODY, &a);
        return true;
    }
    if (f->closes && fb_live_local_time(f->closes, &at) && now >= at) {
        /* A journey begun before the close may be finished for a while:
         * nobody loses answers typed while the clock passed it. */
        int begun = rest[0] && now < at + FB_LIVE_GRACE_SECONDS
                        ? fb_journey_begun(req, j, f)
                        : 0;
        if (begun < 0)
            return true;
        if (!begun) {
            struct fb_msg_args a = moment(f->closes, true);
            fb_journey_session_lang(req, j, f);
            send_closed(req, f, FB_MSG_CLOSED_TITLE, FB_MSG_CLOSED_BODY, &a);
            return true;
        }
    }
    /* The cap is enforced at submit; these pages only say so early. */
    if (strcmp(rest, "") == 0 || strcmp(rest, "check-answers") == 0) {
        int is_full = full(req, j, f);
        if (is_full < 0)
            return true;
        if (is_full) {
            fb_journey_session_lang(req, j, f);
            send_closed(req, f, FB_MSG_FULL_TITLE, FB_MSG_FULL_BODY, NULL);
            return true;
        }
    }
    return false;
}

void
fb_live_send_full(struct fb_request *req, const struct fb_form_desc *f)
{
    enum fb_lang lang = fb_request_lang(req);
    char words[1024];
    struct fb_html w;
    fb_html_init(&w);
    fb_render_message_page(&w, lang, "/assets/",
                           fb_msg_text(FB_MSG_FULL_TITLE, lang),
                           fb_msg_format(words, sizeof words,
                                         FB_MSG_FULL_NOT_SENT_BODY, NULL,
                                         lang));
    (void)f;
    fb_send_html(req, 403, &w);
}

void
fb_live_privacy_page(struct fb_request *req, const struct fb_form_desc *f)
{
    if (!f->privacy.text[FB_LANG_EN]) {
        fb_send_not_found(req);
        return;
    }
    struct fb_html w;
    fb_html_init(&w);
    fb_render_privacy(&w, fb_request_lang(req), f);
    fb_send_html(req, 200, &w);
}
