/* SPDX-License-Identifier: MIT */
/*
 * The forms this server hosts. `formc build` writes a registry file that
 * defines both symbols below from the generated descriptors; the server
 * links it and uses nothing else to find forms, so adding a form is a
 * rebuild, never a code change here.
 */
#pragma once

#include <stddef.h>

#include "formbuilder/form.h"

/* Every compiled form, in the order the index lists them. */
extern const struct fb_form_desc *const fb_registered_forms[];
/* How many entries fb_registered_forms holds. */
extern const size_t fb_n_registered_forms;
