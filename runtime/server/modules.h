/* SPDX-License-Identifier: MIT */
/*
 * Loading one form module (formbuilder/module.h) with dlopen(). The file
 * is copied to a private directory first and the copy opened: the
 * dynamic loader hands back the module already open under a path, even
 * when the file there has changed, and a file rewritten in place while
 * mapped would crash the server.
 */
#pragma once

#include <stddef.h>

#include "formbuilder/form.h"

struct fb_module {
    void *handle;                    /* dlopen()'s */
    const struct fb_form_desc *form; /* checked and initialised */
};

/**
 * Loads the module at @p path through a copy in directory @p scratch,
 * checks its format stamp before reading anything else, then its
 * descriptor (fb_form_check()), and initialises it (fb_form_init()).
 * @returns 0 with @p out filled, or -1 with a sentence naming @p path and
 * saying what to do in @p err.
 */
int
fb_module_load(const char *path, const char *scratch, struct fb_module *out,
               char *err, size_t errlen);

/** Finishes the form and unloads the module. */
void
fb_module_unload(struct fb_module *m);
