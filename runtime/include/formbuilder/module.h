/* SPDX-License-Identifier: MIT */
/*
 * Form modules: a form compiled by `formc build --module` into a shared
 * object the server loads at run time (`formbuilder serve --forms DIR`).
 * The module exports three symbols, named here once for the writer
 * (compiler/emit_c.c) and the loader (runtime/server/modules.c). The
 * loader reads the format stamp before anything else, so a module built
 * for other descriptor structs is refused before they are misread, as a
 * Lua chunk's header is checked before its body.
 */
#pragma once

#include "formbuilder/form.h"

/** `const int`: the FB_FORMAT of the formc that built the module. */
#define FB_MODULE_FORMAT_SYMBOL "fb_module_format"
/** `const char []`: the form's version (fb_form_desc.version). */
#define FB_MODULE_VERSION_SYMBOL "fb_module_version"
/** A function of type fb_module_form_fn returning the descriptor. */
#define FB_MODULE_FORM_SYMBOL "fb_module_form"

/** A form whose last build failed has its diagnostics, as formc printed
 *  them, in SLUG followed by this in the modules directory (`formc
 *  serve`); the server in preview mode shows them instead of the form. */
#define FB_MODULE_DIAGNOSTICS_SUFFIX ".diagnostics"

/** The module's entry point: @returns its form's descriptor, which lives
 *  as long as the module stays loaded. */
typedef const struct fb_form_desc *(*fb_module_form_fn)(void);
