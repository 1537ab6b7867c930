/* SPDX-License-Identifier: MIT */
/*
 * A save and return link's email, made on the outbox worker (save.h):
 * the token is drawn here, as the email is written, and only its hash is
 * stored, so the token exists nowhere but in the email. A retry draws a
 * new one (the last email sent is the one that works). The email holds
 * the link and how long it lasts, never an answer.
 */
#include "save.h"

#include <stdio.h>
#include <string.h>

#include "clock.h"
#include "formbuilder/messages.h"
#include "token.h"

static bool
outcome(struct fb_send_result *r, enum fb_send_outcome o, const char *why)
{
    r->outcome = o;
    snprintf(r->error, sizeof r->error, "%s", why);
    return false;
}

/* Stores @p hash as saved journey @p id's link in a transaction of its
 * own. @returns what the store said. */
static int
store_token(struct fb_store *s, const char *id,
            const unsigned char hash[FB_SAVED_HASH_LEN])
{
    const struct fb_store_ops *ops = s->ops;
    if (ops->begin(s) != FB_STORE_OK)
        return FB_STORE_ERROR;
    int rc = ops->saved_token(s, id, hash);
    if (rc == FB_STORE_OK && ops->commit(s) == FB_STORE_OK)
        return FB_STORE_OK;
    ops->rollback(s);
    return rc == FB_STORE_OK ? FB_STORE_ERROR : rc;
}

bool
fb_save_link_prepare(struct fb_store *store, const struct fb_form_desc *f,
                     const struct fb_delivery *d,
                     const struct fb_outbox_config *cfg,
                     struct fb_save_email *out, struct fb_send_result *r)
{
    fb_buf_init(&out->text);
    if (!f->save_return)
        return outcome(r, FB_SEND_REFUSED, "the form no longer saves "
                       "journeys");
    if (!cfg->base_url[0])
        return outcome(r, FB_SEND_REFUSED, "base_url is not set, so the "
                       "link would have no address; set it and retry");
    struct fb_saved sv;
    int rc = store->ops->saved_get(store, d->reference, &sv);
    if (rc == FB_STORE_ERROR)
        return outcome(r, FB_SEND_RETRY, store->ops->errmsg(store));
    /* Nothing left to come back to: done, with nothing sent. */
    if (rc == FB_STORE_NOT_FOUND || sv.expires_at <= fb_clock_now())
        return outcome(r, FB_SEND_OK, "the saved journey has expired; no "
                       "link was sent");
    if (sv.used)
        return outcome(r, FB_SEND_OK, "the saved journey was used "
                       "already; no link was sent");
    char token[FB_MANAGE_TOKEN_LEN + 1];
    unsigned char hash[FB_SAVED_HASH_LEN];
    if (fb_manage_token_new(token) != 0
        || fb_manage_token_hash(token, hash) != 0)
        return outcome(r, FB_SEND_RETRY, "no randomness for the link's "
                       "token");
    rc = store_token(store, sv.id, hash);
    if (rc == FB_STORE_NOT_FOUND)
        return outcome(r, FB_SEND_OK, "the saved journey was used "
                       "already; no link was sent");
    if (rc != FB_STORE_OK)
        return outcome(r, FB_SEND_RETRY, store->ops->errmsg(store));
    int code = fb_lang_lookup(sv.language);
    out->lang = code < 0 ? FB_LANG_EN : (enum fb_lang)code;
    snprintf(out->to, sizeof out->to, "%s", sv.email);
    size_t base = strlen(cfg->base_url);
    while (base > 0 && cfg->base_url[base - 1] == '/')
        base--;
    char link[800];
    snprintf(link, sizeof link, "%.*s/%s/return/%s", (int)base,
             cfg->base_url, f->slug, token);
    struct fb_msg_args args = {.text = fb_i18n_get(&f->title, out->lang)};
    fb_msg_format(out->subject, sizeof out->subject,
                  FB_MSG_EMAIL_SAVE_SUBJECT, &args, out->lang);
    char body[2048];
    args = (struct fb_msg_args){.text = link,
                                .count = f->save_return->expires_days};
    fb_buf_puts(&out->text, fb_msg_format(body, sizeof body,
                                          FB_MSG_EMAIL_SAVE_BODY, &args,
                                          out->lang));
    fb_buf_putc(&out->text, '\n');
    memset(token, 0, sizeof token);
    if (out->text.failed)
        return outcome(r, FB_SEND_RETRY, "out of memory");
    return true;
}
