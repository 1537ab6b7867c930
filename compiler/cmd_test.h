/* SPDX-License-Identifier: MIT */
/*
 * `formc test`: runs each form's author test scenarios (scenario.h) on
 * the same walk, driver and renderers the server runs, and with
 * --coverage reports what no scenario exercised (coverage.h).
 */
#pragma once

/** Runs `formc test`; @p argv[0] is "test". @returns the exit status. */
int
fb_cmd_test(int argc, char **argv);
