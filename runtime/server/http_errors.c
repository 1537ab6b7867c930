/* SPDX-License-Identifier: MIT */
/*
 * libmicrohttpd's own error responses, made the application's. 0.9.75
 * answers some requests itself before the access handler sees them: 400
 * for a malformed request line, header or chunk, 413 for a chunk too
 * large, 414 for a request line and 431 for headers that do not fit in
 * connection_memory_limit, 505 for an unknown HTTP version. It builds each
 * with a short HTML body and no other headers, and queues it through
 * MHD_queue_response(), an exported function it calls through its PLT, so
 * the definition below takes its place for the library's calls as for
 * ours (ELF symbol interposition; the `http-strict` tests fail if a
 * libmicrohttpd build stops allowing it). A response without our
 * Content-Security-Policy is one the library made: it is replaced by the
 * application's page for its status, with every security header. The
 * library then closes the connection, as it does after its own page.
 */
/* RTLD_NEXT (dlfcn.h) is a GNU extension. */
#define _GNU_SOURCE /* NOLINT(bugprone-reserved-identifier,cert-dcl37-c,cert-dcl51-cpp) */
#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "formbuilder/html.h"
#include "formbuilder/render.h"
#include "http_priv.h"
#include "lang.h"

typedef enum MHD_Result (*queue_fn)(struct MHD_Connection *, unsigned int,
                                    struct MHD_Response *);

static queue_fn real_queue;
static pthread_once_t real_once = PTHREAD_ONCE_INIT;

static void
find_real_queue(void)
{
    /* Copied, not cast: ISO C has no conversion from void * to a
     * function pointer, POSIX guarantees the bytes are one. */
    void *p = dlsym(RTLD_NEXT, "MHD_queue_response");
    memcpy(&real_queue, &p, sizeof real_queue);
}

/* The application's page for a status the library chose, in the
 * language the request's Accept-Language asks for when the library read
 * that far. */
static struct MHD_Response *
own_page(struct MHD_Connection *connection, unsigned status)
{
    int asked = fb_lang_accept(MHD_lookup_connection_value(
                                   connection, MHD_HEADER_KIND,
                                   MHD_HTTP_HEADER_ACCEPT_LANGUAGE),
                               FB_LANG_ALL);
    enum fb_lang lang = asked < 0 ? FB_LANG_EN : (enum fb_lang)asked;
    enum fb_msg title = FB_MSG_BAD_REQUEST_TITLE;
    enum fb_msg body = FB_MSG_BAD_REQUEST_BODY;
    if (status == 413) {
        title = FB_MSG_TOO_LARGE_TITLE;
        body = FB_MSG_TOO_LARGE_BODY;
    } else if (status >= 500 && status != 505) {
        title = FB_MSG_SERVER_ERROR_TITLE;
        body = FB_MSG_SERVER_ERROR_BODY;
    }
    struct fb_html w;
    fb_html_init(&w);
    fb_render_message_page(&w, lang, "/assets/", fb_msg_text(title, lang),
                           fb_msg_text(body, lang));
    size_t len = 0;
    char *html = fb_html_take(&w, &len);
    if (!html)
        return NULL;
    struct MHD_Response *resp =
        MHD_create_response_from_buffer(len, html, MHD_RESPMEM_MUST_FREE);
    if (!resp) {
        free(html);
        return NULL;
    }
    if (!fb_http_secure(resp, "text/html; charset=utf-8",
                        FB_CACHE_NO_STORE)) {
        MHD_destroy_response(resp);
        return NULL;
    }
    return resp;
}

/* Queues @p response, or the application's page in place of one the
 * library made. Called for every response, on the polling thread. */
enum MHD_Result
MHD_queue_response(struct MHD_Connection *connection,
                   unsigned int status_code, struct MHD_Response *response)
{
    pthread_once(&real_once, find_real_queue);
    queue_fn real = real_queue;
    if (!real)
        return MHD_NO;
    if (!response || MHD_get_response_header(response, FB_HTTP_CSP_HEADER))
        return real(connection, status_code, response);
    struct MHD_Response *own = own_page(connection, status_code);
    if (!own) /* out of memory: the library's page, headers and all */
        return real(connection, status_code, response);
    enum MHD_Result rc = real(connection, status_code, own);
    MHD_destroy_response(own);
    return rc;
}
