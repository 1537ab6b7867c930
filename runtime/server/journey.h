/* SPDX-License-Identifier: MIT */
/*
 * The resident's journey through a form and the routes around it: index,
 * stylesheet, health check, start page, question pages, check your
 * answers, submit and confirmation. Every form's behaviour comes from its
 * generated descriptor (conditions, validators, renderers); this module
 * only sequences pages, keeps progress in the session and asks the writer
 * to store what must be durable before it answers. Only a valid POST
 * writes: showing a page stores nothing, not even a new session.
 */
#pragma once

#include <stddef.h>

#include "config.h"
#include "formbuilder/form.h"
#include "http.h"
#include "ratelimit.h"
#include "registry.h"
#include "session.h"
#include "store.h"
#include "writer.h"

struct fb_live;

struct fb_journey {
    const struct fb_config *cfg;
    const struct fb_registry *forms;  /* read once per request */
    struct fb_store *reader;   /* used on the polling thread only */
    const struct fb_writer *writer;     /* its health answers /healthz */
    const struct fb_session_key *key;   /* CSRF of sessions not stored */
    struct fb_limits *limits;  /* rate limits on page POSTs and submits */
    const struct fb_outbox *outbox; /* its backlog: /healthz, /metrics */
    /* Sessions as last committed (the writer keeps it); NULL: every
     * load reads the store. */
    struct fb_session_cache *sessions;
    bool preview;              /* formc serve: preview.h */
    struct fb_live *live;      /* maintenance as last read (live.h) */
    /* Where file questions' uploads are kept (upload_store.h); NULL: a
     * file page refuses uploads. */
    struct fb_upload_store *files;
};

/**
 * Handles one request for the site (the http layer's handler; @p cls is a
 * struct fb_journey). Sets the response or defers it on a write job.
 */
void
fb_journey_handle(struct fb_request *req, void *cls);
