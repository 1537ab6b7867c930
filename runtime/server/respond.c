/* SPDX-License-Identifier: MIT */
/*
 * Responses every route sends (respond.h).
 */
#include "respond.h"

#include "formbuilder/render.h"

void
fb_send_html(struct fb_request *req, unsigned status, struct fb_html *w)
{
    size_t len = 0;
    char *html = fb_html_take(w, &len);
    fb_request_respond(req, status, "text/html; charset=utf-8", html, len,
                       FB_CACHE_NO_STORE);
}

void
fb_send_message(struct fb_request *req, unsigned status, const char *title,
                const char *message)
{
    struct fb_html w;
    fb_html_init(&w);
    fb_render_message_page(&w, "/assets/", title, message);
    fb_send_html(req, status, &w);
}

void
fb_send_not_found(struct fb_request *req)
{
    fb_send_message(req, 404, "Page not found",
                    "If you typed the web address, check it is correct.\n\n"
                    "[See all online forms](/)");
}

void
fb_send_method_not_allowed(struct fb_request *req, const char *allow)
{
    fb_send_message(req, 405, "Method not allowed",
                    "This address does not accept that kind of request.");
    fb_request_add_header(req, "Allow", allow);
}
