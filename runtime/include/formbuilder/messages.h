/* SPDX-License-Identifier: MIT */
/*
 * The message catalogue: every sentence the runtime says, with a slot per
 * language: page furniture (buttons, headings, labels of parts), error
 * pages, and the default validation messages. Errors carry a message id
 * and parameters (formbuilder/errors.h) and are worded here, in the page's
 * language, only when a page is written. An entry without Welsh falls back
 * to English, and a test lists every entry that lacks it.
 *
 * Parameters in a message are written {name}:
 *   {object}  the question's noun, first letter lower case ("your name");
 *             a noun whose second letter is a capital keeps its case
 *   {subject} the noun with its first letter upper case ("Your name")
 *   {other}   the other question's noun as an object (rule `matches`)
 *   {count}   a whole number with thousands commas ("1,200")
 *   {number}  a number as GOV.UK writes it ("1,000", "2.5")
 *   {date}    a date: "1 January 2025" / "1 Ionawr 2025"
 *   {time}    a time: "9:30am", "2pm"
 *   {money}   an amount: "£1,234.50", "£75"
 *   {text}    a string the caller gives (a field name, a link)
 *   {reference} a submission's reference, as the caller gives it
 * A message with a different wording for a count of one has it in `one`.
 */
#pragma once

#include <stddef.h>

#include "formbuilder/form.h"

enum fb_msg {
    /* page furniture */
    FB_MSG_SKIP,               /* skip link */
    FB_MSG_BACK,
    FB_MSG_ERROR_PREFIX,       /* "Error:" before each message and title */
    FB_MSG_PROBLEM,            /* error summary heading */
    FB_MSG_CONTINUE,
    FB_MSG_START,
    FB_MSG_CHANGE,
    FB_MSG_CHECK_TITLE,
    FB_MSG_SEND_HEADING,
    FB_MSG_SEND_BODY,
    FB_MSG_SEND,
    FB_MSG_DAY,
    FB_MSG_MONTH,
    FB_MSG_YEAR,
    FB_MSG_LINE1,
    FB_MSG_LINE2,
    FB_MSG_TOWN,
    FB_MSG_POSTCODE,
    FB_MSG_TITLE,              /* a name's title part */
    FB_MSG_GIVEN_NAME,
    FB_MSG_FAMILY_NAME,
    FB_MSG_YES,
    FB_MSG_NO,
    FB_MSG_WARNING,
    FB_MSG_REFERENCE,
    FB_MSG_SUBMITTED,          /* default confirmation title */
    FB_MSG_NOT_PROVIDED,
    FB_MSG_CHOOSE,             /* first, empty option of a select */
    FB_MSG_HONEYPOT,           /* label of the honeypot field */
    FB_MSG_CONFIRMED,          /* a ticked declaration on check answers */
    FB_MSG_ALL_FORMS,
    FB_MSG_INDEX_TITLE,        /* the index of forms */
    FB_MSG_OPTIONAL,           /* after the label of an optional question */
    FB_MSG_SITE_NAME,          /* ends every <title>, heads every page */
    FB_MSG_MIDDAY,             /* 12pm as a time */
    FB_MSG_MIDNIGHT,
    FB_MSG_LANGUAGE_NAME,      /* "English", "Cymraeg": each in itself */

    /* default validation messages */
    FB_MSG_ENTER,              /* "Enter {object}" */
    FB_MSG_SELECT,             /* "Select {object}" */
    FB_MSG_DECLARATION,
    FB_MSG_BAD_UTF8,
    FB_MSG_TOO_LONG,
    FB_MSG_EMAIL_FORMAT,
    FB_MSG_PHONE_FORMAT,
    FB_MSG_POSTCODE_REAL,
    FB_MSG_NUMBER_FORMAT,
    FB_MSG_DATE_REAL,
    FB_MSG_DATE_MISSING_DAY,
    FB_MSG_DATE_MISSING_MONTH,
    FB_MSG_DATE_MISSING_YEAR,
    FB_MSG_DATE_MISSING_DAY_MONTH,
    FB_MSG_DATE_MISSING_DAY_YEAR,
    FB_MSG_DATE_MISSING_MONTH_YEAR,
    FB_MSG_ADDRESS_LINE1,
    FB_MSG_ADDRESS_TOWN,
    FB_MSG_ADDRESS_POSTCODE,
    FB_MSG_NAME_GIVEN,
    FB_MSG_NAME_FAMILY,
    FB_MSG_TIME_FORMAT,
    FB_MSG_NI_FORMAT,
    FB_MSG_MONEY_FORMAT,
    FB_MSG_LISTED,             /* an autocomplete answer not in its list */
    FB_MSG_MIN_LENGTH,
    FB_MSG_MAX_LENGTH,
    FB_MSG_PATTERN,
    FB_MSG_MIN,
    FB_MSG_MAX,
    FB_MSG_MONEY_MIN,
    FB_MSG_MONEY_MAX,
    FB_MSG_INTEGER,
    FB_MSG_BEFORE_DATE,
    FB_MSG_AFTER_DATE,
    FB_MSG_BEFORE_TODAY,
    FB_MSG_AFTER_TODAY,
    FB_MSG_BEFORE_TIME,
    FB_MSG_AFTER_TIME,
    FB_MSG_PAST,
    FB_MSG_FUTURE,
    FB_MSG_MIN_SELECTED,
    FB_MSG_MAX_SELECTED,
    FB_MSG_MATCHES,
    FB_MSG_PATTERN_UNDECIDED,  /* a pattern that hit a match limit */

    /* booking pages (booking_date, booking_time, confirmation) */
    FB_MSG_BOOKING_DATE,       /* a day not chosen, or not offered */
    FB_MSG_BOOKING_TIME,       /* a window not chosen, or not offered */
    FB_MSG_PLACES_LEFT,        /* hint of a day or window: {count} */
    FB_MSG_NO_PLACES_LEFT,     /* a full day: {text}, the day */
    FB_MSG_NO_DATES,           /* a month without a bookable day: {text} */
    FB_MSG_PREVIOUS_MONTH,
    FB_MSG_NEXT_MONTH,
    FB_MSG_MONTHS,             /* label of the months' navigation */
    FB_MSG_DATE_FIRST,         /* the time page before a date is chosen */
    FB_MSG_CHOOSE_DATE,        /* its link to the date page */
    FB_MSG_NO_TIMES,           /* a day without windows left: {text} */
    FB_MSG_YOUR_BOOKING,
    FB_MSG_BOOKING_DATE_KEY,   /* "Date" in the booking summary */
    FB_MSG_BOOKING_TIME_KEY,   /* "Time" */
    FB_MSG_MANAGE_BOOKING,
    FB_MSG_BOOKING_ICS,

    /* the server's own pages; {text} is given by the caller */
    FB_MSG_NOT_FOUND_TITLE,
    FB_MSG_NOT_FOUND_BODY,
    FB_MSG_METHOD_TITLE,
    FB_MSG_METHOD_BODY,
    FB_MSG_SERVER_ERROR_TITLE,
    FB_MSG_SERVER_ERROR_BODY,
    FB_MSG_UNAVAILABLE_TITLE,
    FB_MSG_UNAVAILABLE_BODY,
    FB_MSG_TOO_LARGE_TITLE,
    FB_MSG_TOO_LARGE_BODY,
    FB_MSG_NOT_ACCEPTED_TITLE,
    FB_MSG_BODY_TYPE,              /* not urlencoded */
    FB_MSG_BODY_MALFORMED,
    FB_MSG_BODY_TOO_MANY,
    FB_MSG_BODY_BAD_UTF8,
    FB_MSG_HONEYPOT_FILLED,
    FB_MSG_NO_SUBMIT_TOKEN,
    FB_MSG_UNKNOWN_FIELD,          /* {text}: the field's name */
    FB_MSG_EXPIRED_TITLE,
    FB_MSG_EXPIRED_BODY,           /* {text}: the form's start page */
    /* a write that failed: nothing was stored or sent */
    FB_MSG_NOT_SAVED_TITLE,
    FB_MSG_NOT_SAVED_BODY,
    FB_MSG_NOT_SAVED_SUMMARY,      /* error summary on the page again */
    FB_MSG_NOT_SENT_TITLE,         /* a submit */
    FB_MSG_NOT_SENT_BODY,          /* {text}: check your answers */
    /* booking in the server: places taken meanwhile, managing a booking */
    FB_MSG_BAD_MONTH,              /* ?month= is not YYYY-MM */
    FB_MSG_BOOKING_DAY_GONE,       /* a day chosen has no places left */
    FB_MSG_BOOKING_TIME_GONE,      /* a window chosen has no place left */
    FB_MSG_BOOKING_QUOTA,          /* the quota key has used its bookings */
    FB_MSG_BOOKING_EXPIRED,        /* the hold ran out, the place is gone */
    FB_MSG_MANAGE_REFERENCE_KEY,
    FB_MSG_MANAGE_STATUS_KEY,
    FB_MSG_BOOKING_STATE_BOOKED,
    FB_MSG_BOOKING_STATE_CANCELLED,
    FB_MSG_CHANGE_BOOKING,
    FB_MSG_CANCEL_BOOKING,
    FB_MSG_CANCEL_TITLE,
    FB_MSG_CANCEL_WARNING,
    FB_MSG_CANCEL_CONFIRM,
    FB_MSG_KEEP_BOOKING,
    FB_MSG_CANCELLED_TITLE,
    FB_MSG_CANCELLED_BODY,         /* {text}: the reference */
    FB_MSG_ALREADY_CANCELLED,
    FB_MSG_CHANGE_CHECK_TITLE,
    FB_MSG_OLD_BOOKING_KEY,
    FB_MSG_NEW_BOOKING_KEY,
    FB_MSG_CHANGE_CONFIRM,
    FB_MSG_CHANGED_TITLE,
    FB_MSG_CHANGED_BODY,           /* {text}: the reference */
    FB_MSG_BOOKING_NOT_FOUND_BODY,
    /* a rate limit refused a write (429): nothing was stored or sent */
    FB_MSG_TOO_MANY_TITLE,
    FB_MSG_TOO_MANY_SUMMARY,       /* the page again; {count}: seconds */
    FB_MSG_TOO_MANY_SUMMARY_MINUTES, /* the same, {count}: minutes */
    FB_MSG_TOO_MANY_BODY,          /* a submit; {count}: seconds, {text}:
                                    * check your answers */
    FB_MSG_TOO_MANY_BODY_MINUTES,  /* the same, {count}: minutes */
    /* a request libmicrohttpd refused before the application saw it */
    FB_MSG_BAD_REQUEST_TITLE,
    FB_MSG_BAD_REQUEST_BODY,
    /* emails (runtime/server/outbox.c); {text}: the form's title */
    FB_MSG_EMAIL_STAFF_SUBJECT,
    FB_MSG_EMAIL_RESIDENT_SUBJECT,
    FB_MSG_EMAIL_RECEIVED,
    FB_MSG_EMAIL_REFERENCE_KEY,
    FB_MSG_EMAIL_SUBMITTED_KEY,
    FB_MSG_EMAIL_KEEP,
    /* under an answer a lookup could not check (runtime/server/lookup.h) */
    FB_MSG_EMAIL_LOOKUP_UNVERIFIED,
    /* progress updates (runtime/server/events*.c): the built-in statuses
     * in the order of fb_event_builtin_statuses (formbuilder/events.h),
     * then the track page and the update email; {reference}: the
     * submission's, {text}: the form's title */
    FB_MSG_EVENT_RECEIVED,
    FB_MSG_EVENT_IN_PROGRESS,
    FB_MSG_EVENT_SCHEDULED,
    FB_MSG_EVENT_COMPLETED,
    FB_MSG_EVENT_CLOSED,
    FB_MSG_EVENT_CANNOT_PROGRESS,
    FB_MSG_TRACK_TITLE,
    FB_MSG_TRACK_INTRO,
    FB_MSG_TRACK_REFERENCE_LABEL,
    FB_MSG_TRACK_REFERENCE_HINT,
    FB_MSG_TRACK_CONTACT_LABEL,
    FB_MSG_TRACK_CONTACT_HINT,
    FB_MSG_TRACK_BUTTON,
    FB_MSG_TRACK_REFERENCE_MISSING,
    FB_MSG_TRACK_CONTACT_MISSING,
    FB_MSG_TRACK_NO_MATCH,
    FB_MSG_TRACK_PROGRESS_TITLE,
    FB_MSG_TRACK_SENT,
    FB_MSG_TRACK_NO_UPDATES,
    FB_MSG_TRACK_ANOTHER,
    FB_MSG_TRACK_LINK,
    FB_MSG_EMAIL_UPDATE_SUBJECT,
    FB_MSG_EMAIL_UPDATE_INTRO,
    FB_MSG_EMAIL_UPDATE_STATUS_KEY,
    FB_MSG_EMAIL_UPDATE_TRACK,
    FB_MSG_EMAIL_UPDATE_STOP,
    /* a live service (runtime/server/live.c): outside opens/closes,
     * {time} and {date} the moment; at max_submissions; maintenance;
     * the privacy notice's links and page */
    FB_MSG_NOT_OPEN_TITLE,
    FB_MSG_NOT_OPEN_BODY,
    FB_MSG_CLOSED_TITLE,
    FB_MSG_CLOSED_BODY,
    FB_MSG_FULL_TITLE,
    FB_MSG_FULL_BODY,
    FB_MSG_FULL_NOT_SENT_BODY,
    FB_MSG_MAINTENANCE_BODY,
    FB_MSG_PRIVACY,
    FB_MSG_PRIVACY_LINK,
    /* save and return and the session timeout (runtime/server/save.c);
     * {count}: minutes idle or days kept, {text}: a link */
    FB_MSG_SAVE_LINK,
    FB_MSG_IDLE_NOTE,              /* {count}: minutes */
    FB_MSG_SAVE_TITLE,
    FB_MSG_SAVE_INTRO,             /* {count}: days */
    FB_MSG_SAVE_EMAIL_LABEL,
    FB_MSG_SAVE_EMAIL_HINT,
    FB_MSG_SAVE_EMAIL_MISSING,
    FB_MSG_SAVE_EMAIL_INVALID,
    FB_MSG_SAVE_BUTTON,
    FB_MSG_SAVE_SENT_TITLE,
    FB_MSG_SAVE_SENT_BODY,         /* {count}: days, {text}: the form */
    FB_MSG_SAVE_NOTHING_BODY,      /* {text}: the start page */
    FB_MSG_SAVE_UNAVAILABLE_BODY,  /* {text}: the form */
    FB_MSG_SAVE_TOO_MANY_BODY,     /* {count}: minutes, {text}: the form */
    FB_MSG_RESUME_TITLE,
    FB_MSG_RESUME_BODY,
    FB_MSG_RESUME_CHANGED,
    FB_MSG_LINK_USED_TITLE,
    FB_MSG_LINK_USED_BODY,         /* {text}: the start page */
    FB_MSG_LINK_EXPIRED_TITLE,
    FB_MSG_LINK_EXPIRED_BODY,      /* {count}: days, {text}: start page */
    FB_MSG_LINK_NOT_FOUND_TITLE,
    FB_MSG_LINK_NOT_FOUND_BODY,    /* {text}: the start page */
    FB_MSG_TIMEOUT_TITLE,
    FB_MSG_TIMEOUT_BODY,           /* {count}: minutes, {text}: start */
    FB_MSG_TIMEOUT_SAVED_BODY,     /* the same, for a form that saves */
    FB_MSG_EMAIL_SAVE_SUBJECT,     /* {text}: the form's title */
    FB_MSG_EMAIL_SAVE_BODY,        /* {text}: the link, {count}: days */
    /* payments (runtime/server/pay_pages.c); {money}: the amount */
    FB_MSG_PAY_TITLE,
    FB_MSG_PAY_BODY,
    FB_MSG_PAY_CONTINUE,
    FB_MSG_PAY_AGAIN,
    FB_MSG_PAY_FAILED_TITLE,
    FB_MSG_PAY_FAILED_BODY,
    FB_MSG_PAY_CANCELLED_TITLE,
    FB_MSG_PAY_CANCELLED_BODY,
    FB_MSG_PAY_NOT_PAID_TITLE,
    FB_MSG_PAY_NOT_PAID_BODY,
    FB_MSG_PAY_UNAVAILABLE_TITLE,
    FB_MSG_PAY_UNAVAILABLE_BODY,
    FB_MSG_PAY_CHECK_BODY,
    FB_MSG_PAY_ABANDONED_TITLE,
    FB_MSG_PAY_ABANDONED_BODY,
    FB_MSG_PAY_START_AGAIN,
    FB_MSG_PAY_REFUND,
    FB_MSG_PAY_CHECK_AGAIN,
    /* file questions (runtime/lib/render_file.c, runtime/server/upload*.c);
     * {text}: the accepted types ("PDF, JPG or PNG") or a size ("10MB") */
    FB_MSG_FILE_SELECT,        /* "Select {object}": nothing uploaded */
    FB_MSG_FILE_TYPE,
    FB_MSG_FILE_TOO_BIG,
    FB_MSG_FILE_EMPTY,
    FB_MSG_FILE_TOO_MANY,      /* {count}: max_files */
    FB_MSG_FILE_VIRUS,
    FB_MSG_FILE_SCAN_FAILED,
    FB_MSG_FILE_NOT_STRIPPED,  /* a photo whose location data stays */
    FB_MSG_FILE_NOT_SAVED,     /* the disk is full or failed */
    FB_MSG_FILE_UPLOADED,      /* heading of the list of files */
    FB_MSG_FILE_REMOVE,        /* "Remove" */
    FB_MSG_FILE_HINT,          /* "You can upload up to {count} files..." */
    FB_MSG_FILE_TOO_LARGE_BODY, /* the 413 page; {text}: "10MB" */
    /* repeating groups ("add another"); {object}: the item label, plural
     * or singular as the count asks */
    FB_MSG_REPEAT_ADDED,
    FB_MSG_REPEAT_NONE,
    FB_MSG_REPEAT_ASK_ANOTHER,
    FB_MSG_REPEAT_ASK_FIRST,
    FB_MSG_REPEAT_ANSWER_ANOTHER,
    FB_MSG_REPEAT_ANSWER_FIRST,
    FB_MSG_REPEAT_TOO_FEW,
    FB_MSG_REPEAT_TOO_MANY,
    FB_MSG_REPEAT_FULL,
    FB_MSG_REPEAT_ITEM,
    FB_MSG_REPEAT_REMOVE,
    FB_MSG_REPEAT_REMOVE_ASK,
    FB_MSG_REPEAT_ANSWER_REMOVE,
    FB_MSG_TRACK_WHEN,             /* {date} at {time} of an event */
    FB_MSG_TRACK_TOO_MANY_BODY,    /* {count}: minutes, {text}: the page */
    FB_MSG_EMAIL_UPDATE_STOPPED_TITLE,
    FB_MSG_EMAIL_UPDATE_STOPPED_BODY,
    FB_MSG_EMAIL_STOP_TITLE,       /* {reference} */
    FB_MSG_EMAIL_STOP_BODY,
    FB_MSG_EMAIL_STOP_BUTTON,
    /* an address found by postcode (runtime/server/address_page.c) */
    FB_MSG_ADDRESS_FIND_LABEL,     /* the postcode to search */
    FB_MSG_ADDRESS_FIND_BUTTON,
    FB_MSG_ADDRESS_MANUAL_LINK,    /* from the postcode page */
    FB_MSG_ADDRESS_FOUND,          /* {count} addresses found for {text} */
    FB_MSG_ADDRESS_CHANGE_POSTCODE,
    FB_MSG_ADDRESS_SELECT_LABEL,
    FB_MSG_ADDRESS_SELECT_PROMPT,  /* the select's first, empty option */
    FB_MSG_ADDRESS_NOT_LISTED,     /* "I cannot find my address in the list" */
    FB_MSG_ADDRESS_SELECT_ERROR,
    FB_MSG_ADDRESS_NONE_FOUND,     /* {text}: the postcode */
    FB_MSG_ADDRESS_UNAVAILABLE,    /* the provider failed: typed in */
    FB_MSG_ADDRESS_FIND_AGAIN,     /* from the typed-in address */
    FB_MSG_IN_AREA,                /* rule in_area's default */
    /* the council's service (render_frame.c, runtime/server/site.c) */
    FB_MSG_PHASE_ALPHA,
    FB_MSG_PHASE_BETA,
    FB_MSG_PHASE_NEW,
    FB_MSG_PHASE_HELP,
    FB_MSG_PHASE_FEEDBACK,
    FB_MSG_ACCESSIBILITY_LINK,
    /* the accessibility statement (/accessibility); {text}: the site's
     * name, or a contact */
    FB_MSG_A11Y_TITLE,
    FB_MSG_A11Y_INTRO,
    FB_MSG_A11Y_TESTED_HEADING,
    FB_MSG_A11Y_TESTED,
    FB_MSG_A11Y_CONTACT_HEADING,
    FB_MSG_A11Y_CONTACT,
    FB_MSG_A11Y_EMAIL,
    FB_MSG_A11Y_PHONE,
    FB_MSG_A11Y_ENFORCEMENT_HEADING,
    FB_MSG_A11Y_ENFORCEMENT,
    /* "Start again" on every page of a journey, and its confirmation */
    FB_MSG_START_AGAIN,
    FB_MSG_START_AGAIN_TITLE,
    FB_MSG_START_AGAIN_BODY,
    FB_MSG_START_AGAIN_YES,
    FB_MSG_START_AGAIN_NO,
    /* assisted digital (runtime/server/assist.c) */
    FB_MSG_ASSIST_BANNER,        /* "Filling this in for someone else" */
    FB_MSG_ASSIST_BANNER_BY,     /* "Staff member: {text}" */
    FB_MSG_ASSIST_BY_PHONE,
    FB_MSG_ASSIST_FACE_TO_FACE,
    FB_MSG_ASSIST_STAFF_TITLE,   /* the staff name page's question */
    FB_MSG_ASSIST_STAFF_HINT,
    FB_MSG_ASSIST_STAFF_MISSING,
    FB_MSG_ASSIST_STAFF_TOO_LONG,
    FB_MSG_ASSIST_STAFF_BAD,     /* a line break or control character */
    FB_MSG_ASSIST_USED_TITLE,
    FB_MSG_ASSIST_USED_BODY,
    /* A signed link (assisted digital, an uploaded file's) changed or
     * incomplete, or past its expiry. */
    FB_MSG_SIGNED_LINK_BAD_TITLE,
    FB_MSG_ASSIST_BAD_BODY,
    FB_MSG_SIGNED_LINK_EXPIRED_TITLE,
    FB_MSG_ASSIST_EXPIRED_BODY,
    FB_MSG_ASSIST_OFF_TITLE,
    FB_MSG_ASSIST_OFF_BODY,
    FB_MSG_ASSIST_NONE_TITLE,    /* the staff page without a link opened */
    FB_MSG_ASSIST_NONE_BODY,
    /* A signed link to an uploaded file, from a staff email
     * (runtime/server/file_route.c). */
    FB_MSG_FILE_LINK_BAD_BODY,
    FB_MSG_FILE_LINK_EXPIRED_BODY,
    FB_MSG_FILE_GONE_TITLE,
    FB_MSG_FILE_GONE_BODY,
    FB_MSG__COUNT
};

/* What a message's {parameters} stand for; unused ones are ignored. */
struct fb_msg_args {
    const struct fb_i18n *noun;    /* {object}, {subject} */
    const struct fb_i18n *other;   /* {other} */
    long count;
    double number;
    struct fb_date date;
    int minutes;                   /* {time} */
    long long pence;               /* {money} */
    const char *text;              /* {text}, written as it is */
    const char *reference;         /* {reference}, written as it is */
};

/** @returns the text of @p id in @p lang, parameters unreplaced (English
 *  when it has no @p lang text; "" for a bad id). */
const char *
fb_msg_text(enum fb_msg id, enum fb_lang lang);

/** @returns true when @p id has its own text in @p lang. */
bool
fb_msg_has(enum fb_msg id, enum fb_lang lang);

/** @returns the name of @p id's entry ("enter") for tests and docs. */
const char *
fb_msg_name(enum fb_msg id);

/**
 * Writes @p id in @p lang with its parameters from @p args into @p buf
 * (always NUL-terminated when @p cap > 0; cut short, never overflowing).
 * @returns @p buf.
 */
const char *
fb_msg_format(char *buf, size_t cap, enum fb_msg id,
              const struct fb_msg_args *args, enum fb_lang lang);

/** Writes author text @p text (an fb_i18n) with its {parameters}
 *  replaced, like fb_msg_format(). @returns @p buf. */
const char *
fb_msg_format_text(char *buf, size_t cap, const struct fb_i18n *text,
                   const struct fb_msg_args *args, enum fb_lang lang);

/** @returns @p lang's code as HTML's lang and the payloads write it,
 *  "en" or "cy" (English for a bad value). */
const char *
fb_lang_code(enum fb_lang lang);

/** @returns the language whose code is @p code ("cy"), or -1 for an
 *  unknown code or NULL. */
int
fb_lang_lookup(const char *code);

/** @returns the name of month @p m (1-12) in @p lang, or "". */
const char *
fb_month_name(int m, enum fb_lang lang);

/** @returns the short name of month @p m (1-12) in @p lang that a date
 *  reader accepts ("Jan", "Chwef"), or "". */
const char *
fb_month_abbr(int m, enum fb_lang lang);

/** @returns the name of weekday @p wd (0 Monday ... 6 Sunday) in
 *  @p lang, or "". */
const char *
fb_weekday_name(int wd, enum fb_lang lang);

/** Writes @p d with its weekday, as a booking shows a day: "Tuesday 8
 *  December 2026" ("Dydd Mawrth 8 Rhagfyr 2026"). @returns @p buf. */
const char *
fb_date_format_long(const struct fb_date *d, enum fb_lang lang, char *buf,
                    size_t cap);

/** Writes a time of day, @p minutes after midnight, as GOV.UK writes
 *  times: "9:30am", "2pm", "midday". @returns @p buf. */
const char *
fb_time_format(int minutes, enum fb_lang lang, char *buf, size_t cap);

/** Writes @p d as GOV.UK writes dates, "1 January 2025", in @p lang.
 *  @returns @p buf. */
const char *
fb_date_format(const struct fb_date *d, enum fb_lang lang, char *buf,
               size_t cap);
