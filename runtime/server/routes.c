/* SPDX-License-Identifier: MIT */
/*
 * Site routes: the index of forms, the stylesheet, the health check, the
 * error pages, and dispatch of /SLUG/... to the journey of that form.
 */
#include "journey.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formbuilder/render.h"
#include "journey_priv.h"
#include "preview.h"
#include "lang.h"
#include "live.h"
#include "site.h"
#include "metrics.h"
#include "outbox.h"
#include "events_api.h"
#include "file_route.h"
#include "track.h"

static bool
is_get(const struct fb_request *req)
{
    const char *m = fb_request_method(req);
    return strcmp(m, "GET") == 0 || strcmp(m, "HEAD") == 0;
}


static void
send_static(struct fb_request *req, const char *type, const char *data,
            size_t len, enum fb_cache cache)
{
    char *copy = malloc(len + 1);
    if (copy) {
        memcpy(copy, data, len);
        copy[len] = '\0';
    }
    fb_request_respond(req, 200, type, copy, len, cache);
}

/* The index of forms, in the language ?lang= or Accept-Language asks
 * for among those some form is offered in, with the language link when
 * there are two. */
static void
index_page(struct fb_request *req, const struct fb_journey *j)
{
    const struct fb_forms *set = fb_registry_forms(j->forms);
    unsigned offered = 1u << FB_LANG_EN;
    for (size_t i = 0; i < set->n_forms; i++)
        offered |= fb_lang_offered(set->forms[i]);
    enum fb_lang lang = fb_lang_of_request(req, -1, offered);
    fb_request_set_lang(req, lang);
    char href[64];
    struct fb_lang_link link = {
        .href = fb_lang_href(href, sizeof href, req, lang, offered, false),
    };
    struct fb_html w;
    fb_html_init(&w);
    fb_render_index(&w, lang, "/assets/", set->forms, set->n_forms, &link);
    if (j->preview)
        fb_preview_decorate(&w, NULL, NULL, NULL, NULL);
    fb_send_html(req, 200, &w);
}

/* Handles one request for the site (the http layer's handler; cls is a
 * struct fb_journey). See journey.h. */
void
fb_journey_handle(struct fb_request *req, void *cls)
{
    const struct fb_journey *j = cls;
    const char *path = fb_request_path(req);

    if (strcmp(path, "/metrics") == 0) {
        /* Counts only, nothing about a resident (docs/security.md,
         * Metrics). */
        if (!is_get(req)) {
            fb_send_method_not_allowed(req, "GET, HEAD");
            return;
        }
        struct fb_buf out;
        fb_buf_init(&out);
        fb_metrics_write(&out);
        fb_metrics_traffic_write(&out);
        fb_outbox_metrics_write(j->outbox, &out);
        size_t len = 0;
        char *text = fb_buf_take(&out, &len);
        fb_request_respond(req, 200, "text/plain; version=0.0.4; "
                           "charset=utf-8", text, len, FB_CACHE_NO_STORE);
        return;
    }
    /* The council's service (site.c): its colours and its accessibility
     * statement. */
    if (strcmp(path, "/accessibility") == 0
        || strcmp(path, "/assets/site.css") == 0) {
        if (!is_get(req))
            fb_send_method_not_allowed(req, "GET, HEAD");
        else
            fb_site_route(req, j->cfg, path);
        return;
    }
    if (strcmp(path, "/") == 0 || strcmp(path, "/healthz") == 0
        || strcmp(path, "/assets/formbuilder.css") == 0) {
        if (!is_get(req)) {
            fb_send_method_not_allowed(req, "GET, HEAD");
            return;
        }
        if (strcmp(path, "/healthz") == 0) {
            /* Unhealthy while database writes fail, so a load balancer
             * stops sending residents whose answers cannot be kept. */
            /* The outbox's backlog is reported, not judged: a back
             * office being down is not this server's ill health. */
            long long pending = 0, age = 0;
            bool db_ok = fb_outbox_backlog(j->outbox, &pending, &age)
                         && fb_writer_healthy(j->writer);
            struct fb_buf out;
            fb_buf_init(&out);
            fb_buf_printf(&out, "%s\noutbox: %lld pending, oldest %lld s\n",
                          db_ok ? "ok" : "unhealthy: database writes are "
                                         "failing", pending, age);
            size_t len = 0;
            char *text = fb_buf_take(&out, &len);
            fb_request_respond(req, db_ok ? 200 : 503,
                               "text/plain; charset=utf-8", text, len,
                               FB_CACHE_NO_STORE);
        } else if (path[1] == 'a') {
            size_t len = 0;
            const char *css = fb_stylesheet(&len);
            send_static(req, "text/css; charset=utf-8", css, len,
                        FB_CACHE_STATIC);
        } else if (!fb_live_maintenance(req, j, NULL)) {
            index_page(req, j);
        }
        return;
    }
    /* Back offices' progress updates (events_api.c). */
    if (fb_events_api_handle(req, j))
        return;
    /* Uploaded files, for staff holding a signed link (file_route.c). */
    if (fb_file_route(req, j))
        return;
    /* /SLUG, /SLUG/ or /SLUG/REST with REST a single segment */
    if (path[0] != '/') {
        fb_send_not_found(req);
        return;
    }
    const char *slug = path + 1;
    const char *slash = strchr(slug, '/');
    size_t slug_len = slash ? (size_t)(slash - slug) : strlen(slug);
    if (j->preview && fb_registry_dir(j->forms)
        && fb_preview_diagnostics(req, fb_registry_dir(j->forms), slug,
                                  slug_len))
        return;
    const struct fb_form_desc *form =
        fb_forms_find(fb_registry_forms(j->forms), slug, slug_len);
    /* One segment after the slug, or a booking's own pages under
     * booking/ (booking_manage.c), a save link under return/ (save.c),
     * payment/return (pay_pages.c), or a repeating page's items
     * (journey_repeat.c). */
    const char *tail;
    if (!form
        || (slash && strchr(slash + 1, '/')
            && strncmp(slash + 1, "booking/", 8) != 0
            && strncmp(slash + 1, "return/", 7) != 0
            && strcmp(slash + 1, "payment/return") != 0
            && !fb_journey_repeat_route(form, slash + 1, &tail))) {
        fb_send_not_found(req);
        return;
    }
    if (!slash) {
        if (!is_get(req)) {
            fb_send_method_not_allowed(req, "GET, HEAD");
            return;
        }
        char loc[512];
        snprintf(loc, sizeof loc, "/%s/", form->slug);
        fb_request_redirect(req, loc);
        return;
    }
    /* The resident's progress updates (track.c). */
    if (fb_track_handle(req, j, form, slash + 1))
        return;
    fb_journey_form(req, j, form, slash + 1);
}
