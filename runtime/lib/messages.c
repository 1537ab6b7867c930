/* SPDX-License-Identifier: MIT */
/*
 * The message catalogue (formbuilder/messages.h): one row per sentence,
 * English and Welsh, and the one formatter that fills in {parameters}.
 * Month names and the GOV.UK way of writing dates, numbers, times and
 * money live here too, so every page and message writes them alike.
 */
#include "formbuilder/messages.h"

#include "formbuilder/booking.h"
#include "formbuilder/validate.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

struct entry {
    const char *name;                  /* for tests and docs */
    const char *text[FB_LANG__COUNT];
    const char *one[FB_LANG__COUNT];   /* wording for a count of 1 */
};

static const struct entry catalogue[FB_MSG__COUNT] = {
    [FB_MSG_SKIP] = {"skip", {"Skip to main content",
                              "Neidio i\u2019r prif gynnwys"}, {0}},
    [FB_MSG_BACK] = {"back", {"Back", "Yn \u00f4l"}, {0}},
    [FB_MSG_ERROR_PREFIX] = {"error-prefix", {"Error:", "Gwall:"}, {0}},
    [FB_MSG_PROBLEM] = {"problem", {"There is a problem",
                                    "Mae problem wedi codi"}, {0}},
    [FB_MSG_CONTINUE] = {"continue", {"Continue", "Parhau"}, {0}},
    [FB_MSG_START] = {"start", {"Start now", "Dechrau nawr"}, {0}},
    [FB_MSG_CHANGE] = {"change", {"Change", "Newid"}, {0}},
    [FB_MSG_CHECK_TITLE] = {"check-title", {"Check your answers",
                                            "Gwirio eich atebion"}, {0}},
    [FB_MSG_SEND_HEADING] = {"send-heading", {"Now send your form",
                             "Nawr anfonwch eich ffurflen"}, {0}},
    [FB_MSG_SEND_BODY] = {"send-body", {
        "By sending this form you are confirming that, to the best of your "
        "knowledge, the details you are providing are correct.",
        "Drwy anfon y ffurflen hon rydych yn cadarnhau bod y manylion "
           "rydych yn eu darparu yn gywir, hyd eithaf eich gwybodaeth."},
        {0}},
    [FB_MSG_SEND] = {"send", {"Accept and send", "Derbyn ac anfon"}, {0}},
    [FB_MSG_DAY] = {"day", {"Day", "Diwrnod"}, {0}},
    [FB_MSG_MONTH] = {"month", {"Month", "Mis"}, {0}},
    [FB_MSG_YEAR] = {"year", {"Year", "Blwyddyn"}, {0}},
    [FB_MSG_LINE1] = {"line1", {"Address line 1",
                                "Llinell gyntaf y cyfeiriad"}, {0}},
    [FB_MSG_LINE2] = {"line2", {"Address line 2 (optional)",
                                "Ail linell y cyfeiriad (dewisol)"}, {0}},
    [FB_MSG_TOWN] = {"town", {"Town or city", "Tref neu ddinas"}, {0}},
    [FB_MSG_POSTCODE] = {"postcode", {"Postcode", "Cod post"}, {0}},
    [FB_MSG_TITLE] = {"name-title", {"Title (optional)",
                                     "Teitl (dewisol)"}, {0}},
    [FB_MSG_GIVEN_NAME] = {"given-name", {"First name", "Enw cyntaf"},
                           {0}},
    [FB_MSG_FAMILY_NAME] = {"family-name", {"Last name", "Cyfenw"}, {0}},
    [FB_MSG_YES] = {"yes", {"Yes", "Ie"}, {0}},
    [FB_MSG_NO] = {"no", {"No", "Na"}, {0}},
    [FB_MSG_WARNING] = {"warning", {"Warning", "Rhybudd"}, {0}},
    [FB_MSG_REFERENCE] = {"reference", {"Your reference number",
                                        "Eich cyfeirnod"}, {0}},
    [FB_MSG_SUBMITTED] = {"submitted", {"Form sent",
                          "Ffurflen wedi\u2019i hanfon"}, {0}},
    [FB_MSG_NOT_PROVIDED] = {"not-provided", {"Not provided",
                             "Heb ei ddarparu"}, {0}},
    [FB_MSG_CHOOSE] = {"choose", {"Select an option", "Dewiswch opsiwn"},
                       {0}},
    [FB_MSG_HONEYPOT] = {"honeypot", {"Leave this field empty",
                         "Gadewch y maes hwn yn wag"}, {0}},
    [FB_MSG_CONFIRMED] = {"confirmed", {"Confirmed",
                          "Wedi\u2019i gadarnhau"}, {0}},
    [FB_MSG_ALL_FORMS] = {"all-forms", {"All forms", "Pob ffurflen"},
                          {0}},
    [FB_MSG_INDEX_TITLE] = {"index-title", {"Online forms",
                            "Ffurflenni ar-lein"}, {0}},
    [FB_MSG_OPTIONAL] = {"optional", {"(optional)", "(dewisol)"}, {0}},
    [FB_MSG_MIDDAY] = {"midday", {"midday", "hanner dydd"}, {0}},
    [FB_MSG_MIDNIGHT] = {"midnight", {"midnight", "hanner nos"}, {0}},
    [FB_MSG_SITE_NAME] = {"site-name", {"Council services",
                          "Gwasanaethau\u2019r cyngor"}, {0}},

    /* The language link names the other language in that language. */
    [FB_MSG_LANGUAGE_NAME] = {"language-name", {"English", "Cymraeg"},
                              {0}},

    /* Validation: GOV.UK Design System error-message wording, in Welsh
     * as the Welsh Government's GOV.UK services write it. */
    [FB_MSG_ENTER] = {"enter", {"Enter {object}",
        "Rhowch {object}"}, {0}},
    [FB_MSG_SELECT] = {"select", {"Select {object}",
        "Dewiswch {object}"}, {0}},
    [FB_MSG_DECLARATION] = {"declaration",
        {"Select the box to confirm the declaration",
        "Dewiswch y blwch i gadarnhau\u2019r datganiad"}, {0}},
    [FB_MSG_BAD_UTF8] = {"bad-utf8",
        {"{subject} must only include characters you can type",
        "Rhaid i {object} gynnwys dim ond nodau y gallwch eu teipio"}, {0}},
    [FB_MSG_TOO_LONG] = {"too-long", {"{subject} is too long",
        "Mae {object} yn rhy hir"}, {0}},
    [FB_MSG_EMAIL_FORMAT] = {"email-format", {"Enter an email address in "
        "the correct format, like name@example.com",
        "Rhowch gyfeiriad e-bost yn y fformat cywir, fel "
        "enw@enghraifft.com"}, {0}},
    [FB_MSG_PHONE_FORMAT] = {"phone-format", {"Enter a telephone number, "
        "like 01632 960 001 or 07700 900 982",
        "Rhowch rif ff\u00f4n, fel 01632 960 001 neu 07700 900 982"}, {0}},
    [FB_MSG_POSTCODE_REAL] = {"postcode-real", {"Enter a real postcode",
        "Rhowch god post go iawn"},
                              {0}},
    [FB_MSG_NUMBER_FORMAT] = {"number-format", {"{subject} must be a number",
        "Rhaid i {object} fod yn rhif"},
                              {0}},
    [FB_MSG_DATE_REAL] = {"date-real", {"{subject} must be a real date",
        "Rhaid i {object} fod yn ddyddiad go iawn"},
                          {0}},
    [FB_MSG_DATE_MISSING_DAY] = {"date-missing-day",
        {"{subject} must include a day",
        "Rhaid i {object} gynnwys diwrnod"}, {0}},
    [FB_MSG_DATE_MISSING_MONTH] = {"date-missing-month",
        {"{subject} must include a month",
        "Rhaid i {object} gynnwys mis"}, {0}},
    [FB_MSG_DATE_MISSING_YEAR] = {"date-missing-year",
        {"{subject} must include a year",
        "Rhaid i {object} gynnwys blwyddyn"}, {0}},
    [FB_MSG_DATE_MISSING_DAY_MONTH] = {"date-missing-day-month",
        {"{subject} must include a day and month",
        "Rhaid i {object} gynnwys diwrnod a mis"}, {0}},
    [FB_MSG_DATE_MISSING_DAY_YEAR] = {"date-missing-day-year",
        {"{subject} must include a day and year",
        "Rhaid i {object} gynnwys diwrnod a blwyddyn"}, {0}},
    [FB_MSG_DATE_MISSING_MONTH_YEAR] = {"date-missing-month-year",
        {"{subject} must include a month and year",
        "Rhaid i {object} gynnwys mis a blwyddyn"}, {0}},
    [FB_MSG_ADDRESS_LINE1] = {"address-line1", {"Enter address line 1, "
        "typically the building and street",
        "Rhowch linell gyntaf y cyfeiriad, fel arfer yr adeilad "
        "a\u2019r stryd"}, {0}},
    [FB_MSG_ADDRESS_TOWN] = {"address-town", {"Enter town or city",
        "Rhowch dref neu ddinas"}, {0}},
    [FB_MSG_ADDRESS_POSTCODE] = {"address-postcode", {"Enter postcode",
        "Rhowch god post"},
                                 {0}},
    [FB_MSG_NAME_GIVEN] = {"name-given", {"Enter your first name",
        "Rhowch eich enw cyntaf"}, {0}},
    [FB_MSG_NAME_FAMILY] = {"name-family", {"Enter your last name",
        "Rhowch eich cyfenw"}, {0}},
    [FB_MSG_TIME_FORMAT] = {"time-format",
        {"{subject} must be a real time, like 9:30am or 14:30",
        "Rhaid i {object} fod yn amser go iawn, fel 9:30am neu 14:30"}, {0}},
    [FB_MSG_NI_FORMAT] = {"ni-format", {"Enter a National Insurance number "
        "in the correct format",
        "Rhowch rif Yswiriant Gwladol yn y fformat cywir"}, {0}},
    [FB_MSG_MONEY_FORMAT] = {"money-format",
        {"{subject} must be an amount of money, like 12.50 or 1,200",
        "Rhaid i {object} fod yn swm o arian, fel 12.50 neu 1,200"}, {0}},
    [FB_MSG_LISTED] = {"listed", {"Select {object} from the list",
        "Dewiswch {object} o\u2019r rhestr"}, {0}},
    [FB_MSG_MIN_LENGTH] = {"min-length",
        {"{subject} must be {count} characters or more",
        "Rhaid i {object} fod yn {count} nod neu fwy"},
        {"{subject} must be {count} character or more",
        "Rhaid i {object} fod yn {count} nod neu fwy"}},
    [FB_MSG_MAX_LENGTH] = {"max-length",
        {"{subject} must be {count} characters or less",
        "Rhaid i {object} fod yn {count} nod neu lai"},
        {"{subject} must be {count} character or less",
        "Rhaid i {object} fod yn {count} nod neu lai"}},
    [FB_MSG_PATTERN] = {"pattern", {"Enter {object} in the correct format",
        "Rhowch {object} yn y fformat cywir"},
                        {0}},
    [FB_MSG_MIN] = {"min", {"{subject} must be {number} or more",
        "Rhaid i {object} fod yn {number} neu fwy"}, {0}},
    [FB_MSG_MAX] = {"max", {"{subject} must be {number} or less",
        "Rhaid i {object} fod yn {number} neu lai"}, {0}},
    [FB_MSG_MONEY_MIN] = {"money-min", {"{subject} must be {money} or more",
        "Rhaid i {object} fod yn {money} neu fwy"},
                          {0}},
    [FB_MSG_MONEY_MAX] = {"money-max", {"{subject} must be {money} or less",
        "Rhaid i {object} fod yn {money} neu lai"},
                          {0}},
    [FB_MSG_INTEGER] = {"integer", {"{subject} must be a whole number",
        "Rhaid i {object} fod yn rhif cyfan"}, {0}},
    [FB_MSG_BEFORE_DATE] = {"before-date", {"{subject} must be before {date}",
        "Rhaid i {object} fod cyn {date}"},
                            {0}},
    [FB_MSG_AFTER_DATE] = {"after-date", {"{subject} must be after {date}",
        "Rhaid i {object} fod ar \u00f4l {date}"},
                           {0}},
    [FB_MSG_BEFORE_TODAY] = {"before-today",
        {"{subject} must be before today",
        "Rhaid i {object} fod cyn heddiw"}, {0}},
    [FB_MSG_AFTER_TODAY] = {"after-today", {"{subject} must be after today",
        "Rhaid i {object} fod ar \u00f4l heddiw"},
                            {0}},
    [FB_MSG_BEFORE_TIME] = {"before-time", {"{subject} must be before {time}",
        "Rhaid i {object} fod cyn {time}"},
                            {0}},
    [FB_MSG_AFTER_TIME] = {"after-time", {"{subject} must be after {time}",
        "Rhaid i {object} fod ar \u00f4l {time}"},
                           {0}},
    [FB_MSG_PAST] = {"past", {"{subject} must be in the past",
        "Rhaid i {object} fod yn y gorffennol"}, {0}},
    [FB_MSG_FUTURE] = {"future", {"{subject} must be in the future",
        "Rhaid i {object} fod yn y dyfodol"}, {0}},
    [FB_MSG_MIN_SELECTED] = {"min-selected",
        {"Select at least {count} options",
        "Dewiswch o leiaf {count} opsiwn"}, {"Select at least {count} option",
        "Dewiswch o leiaf {count} opsiwn"}},
    [FB_MSG_MAX_SELECTED] = {"max-selected",
        {"Select no more than {count} options",
        "Dewiswch ddim mwy na {count} opsiwn"},
        {"Select no more than {count} option",
        "Dewiswch ddim mwy na {count} opsiwn"}},
    [FB_MSG_MATCHES] = {"matches", {"{subject} must match {other}",
        "Rhaid i {object} fod yr un fath \u00e2 {other}"}, {0}},
    /* Not the resident's mistake: the server could not decide. */
    [FB_MSG_PATTERN_UNDECIDED] = {"pattern-undecided",
        {"We could not check {object}. Try again later.",
        "Nid oeddem yn gallu gwirio {object}. Rhowch gynnig arall arni "
        "yn nes ymlaen."}, {0}},

    /* booking pages */
    [FB_MSG_BOOKING_DATE] = {"booking-date",
        {"Choose a date from the dates shown",
         "Dewiswch ddyddiad o\u2019r dyddiadau a ddangosir"}, {0}},
    [FB_MSG_BOOKING_TIME] = {"booking-time",
        {"Choose a time from the times shown",
         "Dewiswch amser o\u2019r amseroedd a ddangosir"}, {0}},
    [FB_MSG_PLACES_LEFT] = {"places-left",
        {"{count} places left", "{count} lle ar \u00f4l"},
        {"{count} place left", "{count} lle ar \u00f4l"}},
    [FB_MSG_NO_PLACES_LEFT] = {"no-places-left",
        {"{text}: no places left", "{text}: dim lle ar \u00f4l"}, {0}},
    [FB_MSG_NO_DATES] = {"no-dates",
        {"There are no dates available in {text}",
         "Nid oes dyddiadau ar gael ym mis {text}"}, {0}},
    [FB_MSG_PREVIOUS_MONTH] = {"previous-month",
        {"Previous month", "Mis blaenorol"}, {0}},
    [FB_MSG_NEXT_MONTH] = {"next-month", {"Next month", "Mis nesaf"}, {0}},
    [FB_MSG_MONTHS] = {"months", {"Months", "Misoedd"}, {0}},
    [FB_MSG_DATE_FIRST] = {"date-first", {"You need to choose a date "
        "before you can choose a time.", "Mae angen i chi ddewis dyddiad "
        "cyn y gallwch ddewis amser."}, {0}},
    [FB_MSG_CHOOSE_DATE] = {"choose-date", {"Choose a date",
        "Dewiswch ddyddiad"}, {0}},
    [FB_MSG_NO_TIMES] = {"no-times", {"There are no times left on {text}. "
        "Go back and choose another date.",
        "Nid oes amseroedd ar \u00f4l ar {text}. Ewch yn \u00f4l a "
        "dewiswch ddyddiad arall."}, {0}},
    [FB_MSG_YOUR_BOOKING] = {"your-booking", {"Your booking",
        "Eich archeb"}, {0}},
    [FB_MSG_BOOKING_DATE_KEY] = {"booking-date-key", {"Date", "Dyddiad"},
                                 {0}},
    [FB_MSG_BOOKING_TIME_KEY] = {"booking-time-key", {"Time", "Amser"},
                                 {0}},
    [FB_MSG_MANAGE_BOOKING] = {"manage-booking",
        {"Change or cancel your booking", "Newid neu ganslo eich archeb"},
        {0}},
    [FB_MSG_BOOKING_ICS] = {"booking-ics",
        {"Add to your calendar (.ics file)",
         "Ychwanegu at eich calendr (ffeil .ics)"}, {0}},

    [FB_MSG_NOT_FOUND_TITLE] = {"not-found-title", {"Page not found",
        "Heb ddod o hyd i\u2019r dudalen"}, {0}},
    [FB_MSG_NOT_FOUND_BODY] = {"not-found-body", {"If you typed the web "
        "address, check it is correct.\n\n[See all online forms](/)",
        "Os gwnaethoch deipio\u2019r cyfeiriad gwe, gwiriwch ei fod yn "
        "gywir.\n\n[Gweld pob ffurflen ar-lein](/)"}, {0}},
    [FB_MSG_METHOD_TITLE] = {"method-title", {"Method not allowed",
        "Dull heb ei ganiat\u00e1u"}, {0}},
    [FB_MSG_METHOD_BODY] = {"method-body",
        {"This address does not accept that kind of request.",
        "Nid yw\u2019r cyfeiriad hwn yn derbyn y math hwnnw o gais."}, {0}},
    [FB_MSG_SERVER_ERROR_TITLE] = {"server-error-title",
        {"Sorry, there is a problem with the service",
         "Mae\u2019n ddrwg gennym, mae problem gyda\u2019r gwasanaeth"}, {0}},
    [FB_MSG_SERVER_ERROR_BODY] = {"server-error-body", {"Try again later.",
        "Rhowch gynnig arall arni yn nes ymlaen."}, {0}},
    [FB_MSG_UNAVAILABLE_TITLE] = {"unavailable-title",
        {"Sorry, the service is unavailable",
        "Mae\u2019n ddrwg gennym, nid yw\u2019r gwasanaeth ar gael"}, {0}},
    [FB_MSG_UNAVAILABLE_BODY] = {"unavailable-body",
        {"The service is restarting. Try again in a minute.",
        "Mae\u2019r gwasanaeth yn ailgychwyn. Rhowch gynnig arall arni "
        "ymhen munud."}, {0}},
    [FB_MSG_TOO_LARGE_TITLE] = {"too-large-title",
        {"Your answers are too long",
        "Mae eich atebion yn rhy hir"}, {0}},
    [FB_MSG_TOO_LARGE_BODY] = {"too-large-body", {"The form sent more data "
        "than this service accepts. Shorten your answers and try again.",
        "Anfonodd y ffurflen fwy o ddata nag y mae\u2019r gwasanaeth "
        "hwn yn ei dderbyn. Byrhewch eich atebion a rhowch gynnig "
        "arall arni."},
        {0}},
    [FB_MSG_NOT_ACCEPTED_TITLE] = {"not-accepted-title",
        {"Your answers could not be accepted",
        "Nid oedd modd derbyn eich atebion"}, {0}},
    [FB_MSG_BODY_TYPE] = {"body-type", {"The form was sent in a format this "
        "service does not accept.",
        "Anfonwyd y ffurflen mewn fformat nad yw\u2019r gwasanaeth hwn "
        "yn ei dderbyn."}, {0}},
    [FB_MSG_BODY_MALFORMED] = {"body-malformed",
        {"The form data was not encoded correctly.",
        "Nid oedd data\u2019r ffurflen wedi\u2019i amgodio\u2019n "
        "gywir."}, {0}},
    [FB_MSG_BODY_TOO_MANY] = {"body-too-many",
        {"The form sent too many fields.",
        "Anfonodd y ffurflen ormod o feysydd."}, {0}},
    [FB_MSG_BODY_BAD_UTF8] = {"body-bad-utf8", {"The form data contained "
        "characters that are not valid UTF-8 text.",
        "Roedd data\u2019r ffurflen yn cynnwys nodau nad ydynt yn "
        "destun UTF-8 dilys."}, {0}},
    [FB_MSG_HONEYPOT_FILLED] = {"honeypot-filled", {"Your answers could not "
        "be accepted. If you are a person, go back and try again.",
        "Nid oedd modd derbyn eich atebion. Os ydych yn berson, ewch "
        "yn \u00f4l a rhowch gynnig arall arni."}, {0}},
    [FB_MSG_NO_SUBMIT_TOKEN] = {"no-submit-token", {"The form was sent "
        "without its submission token. Go back to check your answers and "
        "send it again.",
        "Anfonwyd y ffurflen heb ei thocyn cyflwyno. Ewch yn \u00f4l i "
        "wirio eich atebion a\u2019i hanfon eto."}, {0}},
    [FB_MSG_UNKNOWN_FIELD] = {"unknown-field", {"The form sent a field this "
        "page does not have (\"{text}\"). Go back, reload the page and try "
        "again.",
        "Anfonodd y ffurflen faes nad yw ar y dudalen hon "
        "(\"{text}\"). Ewch yn \u00f4l, ail-lwythwch y dudalen a "
        "rhowch gynnig arall arni."}, {0}},
    [FB_MSG_EXPIRED_TITLE] = {"expired-title", {"Your session has expired",
        "Mae eich sesiwn wedi dod i ben"},
                              {0}},
    [FB_MSG_EXPIRED_BODY] = {"expired-body", {"This page has expired or was "
        "sent from somewhere else, so your answers were not saved.\n\n"
        "[Start again]({text})",
        "Mae\u2019r dudalen hon wedi dod i ben neu fe\u2019i hanfonwyd "
        "o rywle arall, felly ni chafodd eich atebion eu "
        "cadw.\n\n[Dechrau eto]({text})"}, {0}},
    [FB_MSG_NOT_SAVED_TITLE] = {"not-saved-title",
        {"Sorry, your answers were not saved",
        "Mae\u2019n ddrwg gennym, ni chafodd eich atebion eu cadw"}, {0}},
    [FB_MSG_NOT_SAVED_BODY] = {"not-saved-body", {"There is a problem with "
        "the service. Nothing has been sent. Go back and try again in a few "
        "minutes.",
        "Mae problem gyda\u2019r gwasanaeth. Nid oes dim wedi\u2019i "
        "anfon. Ewch yn \u00f4l a rhowch gynnig arall arni ymhen "
        "ychydig funudau."}, {0}},
    [FB_MSG_NOT_SAVED_SUMMARY] = {"not-saved-summary", {"Your answers on "
        "this page were not saved because of a problem with the service. "
        "Nothing has been sent. Select Continue to try again.",
        "Ni chafodd eich atebion ar y dudalen hon eu cadw oherwydd "
        "problem gyda\u2019r gwasanaeth. Nid oes dim wedi\u2019i "
        "anfon. Dewiswch Parhau i roi cynnig arall arni."}, {0}},
    [FB_MSG_NOT_SENT_TITLE] = {"not-sent-title",
        {"Sorry, your form has not been sent",
        "Mae\u2019n ddrwg gennym, nid yw eich ffurflen wedi\u2019i "
        "hanfon"}, {0}},
    [FB_MSG_NOT_SENT_BODY] = {"not-sent-body", {"There is a problem with the "
        "service, so your form has not been sent and nothing has been "
        "saved.\n\n[Go back to check your answers]({text}) and send it "
        "again. If it still does not work, try again in a few minutes.",
        "Mae problem gyda\u2019r gwasanaeth, felly nid yw eich "
        "ffurflen wedi\u2019i hanfon ac nid oes dim wedi\u2019i "
        "gadw.\n\n[Ewch yn \u00f4l i wirio eich atebion]({text}) "
        "a\u2019i hanfon eto. Os nad yw\u2019n gweithio o hyd, rhowch "
        "gynnig arall arni ymhen ychydig funudau."},
        {0}},

    /* booking in the server (runtime/server/booking_*.c) */
    [FB_MSG_BAD_MONTH] = {"bad-month", {"The month in the web address is "
        "not a month written as year and month, such as 2026-12.",
        "Nid yw\u2019r mis yn y cyfeiriad gwe wedi\u2019i ysgrifennu "
        "fel blwyddyn a mis, fel 2026-12."}, {0}},
    [FB_MSG_BOOKING_DAY_GONE] = {"booking-day-gone", {"That date is no "
        "longer available. Choose another date",
        "Nid yw\u2019r dyddiad hwnnw ar gael mwyach. Dewiswch ddyddiad "
        "arall"}, {0}},
    [FB_MSG_BOOKING_TIME_GONE] = {"booking-time-gone", {"That time is no "
        "longer available. Choose another time",
        "Nid yw\u2019r amser hwnnw ar gael mwyach. Dewiswch amser arall"}, {0}},
    [FB_MSG_BOOKING_QUOTA] = {"booking-quota", {"You cannot book another "
        "one with these details yet: the limit of bookings has been reached",
        "Ni allwch drefnu un arall gyda\u2019r manylion hyn eto: "
        "mae\u2019r terfyn archebion wedi\u2019i gyrraedd"},
        {0}},
    [FB_MSG_BOOKING_EXPIRED] = {"booking-expired", {"The time you chose was "
        "no longer held for you and has been booked by someone else. Choose "
        "another date",
        "Nid oedd yr amser a ddewisoch yn cael ei gadw i chi mwyach ac "
        "mae rhywun arall wedi\u2019i archebu. Dewiswch ddyddiad arall"}, {0}},
    [FB_MSG_MANAGE_REFERENCE_KEY] = {"manage-reference-key",
        {"Reference",
        "Cyfeirnod"}, {0}},
    [FB_MSG_MANAGE_STATUS_KEY] = {"manage-status-key", {"Status",
        "Statws"}, {0}},
    [FB_MSG_BOOKING_STATE_BOOKED] = {"booking-state-booked", {"Booked",
        "Wedi\u2019i archebu"},
        {0}},
    [FB_MSG_BOOKING_STATE_CANCELLED] = {"booking-state-cancelled",
        {"Cancelled",
        "Wedi\u2019i ganslo"}, {0}},
    [FB_MSG_CHANGE_BOOKING] = {"change-booking", {"Change date or time",
        "Newid y dyddiad neu\u2019r amser"},
        {0}},
    [FB_MSG_CANCEL_BOOKING] = {"cancel-booking", {"Cancel booking",
        "Canslo\u2019r archeb"}, {0}},
    [FB_MSG_CANCEL_TITLE] = {"cancel-title", {"Are you sure you want to "
        "cancel your booking?",
        "Ydych chi\u2019n si\u0175r eich bod eisiau canslo eich archeb?"}, {0}},
    [FB_MSG_CANCEL_WARNING] = {"cancel-warning", {"Your place will be given "
        "to someone else. You cannot undo this.",
        "Bydd eich lle yn cael ei roi i rywun arall. Ni allwch "
        "ddadwneud hyn."}, {0}},
    [FB_MSG_CANCEL_CONFIRM] = {"cancel-confirm", {"Yes, cancel my booking",
        "Ydw, canslo fy archeb"},
        {0}},
    [FB_MSG_KEEP_BOOKING] = {"keep-booking",
        {"No, keep my booking",
        "Na, cadw fy archeb"}, {0}},
    [FB_MSG_CANCELLED_TITLE] = {"cancelled-title", {"Booking cancelled",
        "Archeb wedi\u2019i chanslo"},
        {0}},
    [FB_MSG_CANCELLED_BODY] = {"cancelled-body", {"Your booking {text} has "
        "been cancelled and the place given back. You do not need to do "
        "anything else.",
        "Mae eich archeb {text} wedi\u2019i chanslo a\u2019r lle "
        "wedi\u2019i ryddhau. Nid oes angen i chi wneud dim byd arall."}, {0}},
    [FB_MSG_ALREADY_CANCELLED] = {"already-cancelled",
        {"This booking has already been cancelled.",
        "Mae\u2019r archeb hon eisoes wedi\u2019i chanslo."}, {0}},
    [FB_MSG_CHANGE_CHECK_TITLE] = {"change-check-title",
        {"Check your new date and time",
        "Gwirio eich dyddiad a\u2019ch amser newydd"}, {0}},
    [FB_MSG_OLD_BOOKING_KEY] = {"old-booking-key", {"Booked now",
        "Wedi\u2019i archebu nawr"}, {0}},
    [FB_MSG_NEW_BOOKING_KEY] = {"new-booking-key", {"Change to",
        "Newid i"}, {0}},
    [FB_MSG_CHANGE_CONFIRM] = {"change-confirm", {"Confirm change",
        "Cadarnhau\u2019r newid"}, {0}},
    [FB_MSG_CHANGED_TITLE] = {"changed-title", {"Booking changed",
        "Archeb wedi\u2019i newid"}, {0}},
    [FB_MSG_CHANGED_BODY] = {"changed-body", {"Your booking {text} has "
        "been moved to the date and time below.",
        "Mae eich archeb {text} wedi\u2019i symud i\u2019r dyddiad "
        "a\u2019r amser isod."}, {0}},
    [FB_MSG_BOOKING_NOT_FOUND_BODY] = {"booking-not-found-body", {"This "
        "booking link is not valid. Check that you copied the whole link "
        "from your confirmation.",
        "Nid yw\u2019r ddolen archebu hon yn ddilys. Gwiriwch eich bod "
        "wedi cop\u00efo\u2019r ddolen gyfan o\u2019ch cadarnhad."}, {0}},
    [FB_MSG_TOO_MANY_TITLE] = {"too-many-title",
        {"Sorry, there have been too many requests",
        "Mae\u2019n ddrwg gennym, bu gormod o geisiadau"}, {0}},
    [FB_MSG_TOO_MANY_SUMMARY] = {"too-many-summary", {"Your answers on this "
        "page were not saved because too many requests were sent in a short "
        "time. Nothing has been sent. Wait {count} seconds, then select "
        "Continue again.",
        "Ni chafodd eich atebion ar y dudalen hon eu cadw oherwydd bod "
        "gormod o geisiadau wedi\u2019u hanfon mewn amser byr. Nid oes "
        "dim wedi\u2019i anfon. Arhoswch {count} eiliad, yna dewiswch "
        "Parhau eto."}, {"Your answers on this page were not saved "
        "because too many requests were sent in a short time. Nothing has "
        "been sent. Wait {count} second, then select Continue again.",
        "Ni chafodd eich atebion ar y dudalen hon eu cadw oherwydd bod "
        "gormod o geisiadau wedi\u2019u hanfon mewn amser byr. Nid oes "
        "dim wedi\u2019i anfon. Arhoswch {count} eiliad, yna dewiswch "
        "Parhau eto."}},
    [FB_MSG_TOO_MANY_SUMMARY_MINUTES] = {"too-many-summary-minutes",
        {"Your answers on this page were not saved because too many "
        "requests were sent in a short time. Nothing has been sent. Wait "
        "{count} minutes, then select Continue again.",
        "Ni chafodd eich atebion ar y dudalen hon eu cadw oherwydd bod "
        "gormod o geisiadau wedi\u2019u hanfon mewn amser byr. Nid oes "
        "dim wedi\u2019i anfon. Arhoswch {count} munud, yna dewiswch "
        "Parhau eto."}, {"Your answers on "
        "this page were not saved because too many requests were sent in a "
        "short time. Nothing has been sent. Wait {count} minute, then select "
        "Continue again.",
        "Ni chafodd eich atebion ar y dudalen hon eu cadw oherwydd bod "
        "gormod o geisiadau wedi\u2019u hanfon mewn amser byr. Nid oes "
        "dim wedi\u2019i anfon. Arhoswch {count} munud, yna dewiswch "
        "Parhau eto."}},
    [FB_MSG_TOO_MANY_BODY] = {"too-many-body", {"Your form has not been sent "
        "because too many requests were sent in a short time. Nothing has "
        "been saved.\n\nWait {count} seconds, then [go back to check your "
        "answers]({text}) and send it again.",
        "Nid yw eich ffurflen wedi\u2019i hanfon oherwydd bod gormod o "
        "geisiadau wedi\u2019u hanfon mewn amser byr. Nid oes dim "
        "wedi\u2019i gadw.\n\nArhoswch {count} eiliad, yna [ewch yn "
        "\u00f4l i wirio eich atebion]({text}) a\u2019i hanfon eto."},
        {"Your form has not been "
        "sent because too many requests were sent in a short time. Nothing "
        "has been saved.\n\nWait {count} second, then [go back to check your "
        "answers]({text}) and send it again.",
        "Nid yw eich ffurflen wedi\u2019i hanfon oherwydd bod gormod o "
        "geisiadau wedi\u2019u hanfon mewn amser byr. Nid oes dim "
        "wedi\u2019i gadw.\n\nArhoswch {count} eiliad, yna [ewch yn "
        "\u00f4l i wirio eich atebion]({text}) a\u2019i hanfon eto."}},
    [FB_MSG_TOO_MANY_BODY_MINUTES] = {"too-many-body-minutes", {"Your form "
        "has not been sent because too many requests were sent in a short "
        "time. Nothing has been saved.\n\nWait {count} minutes, then [go "
        "back to check your answers]({text}) and send it again.",
        "Nid yw eich ffurflen wedi\u2019i hanfon oherwydd bod gormod o "
        "geisiadau wedi\u2019u hanfon mewn amser byr. Nid oes dim "
        "wedi\u2019i gadw.\n\nArhoswch {count} munud, yna [ewch yn "
        "\u00f4l i wirio eich atebion]({text}) a\u2019i hanfon eto."}, {"Your "
        "form has not been sent because too many requests were sent in a "
        "short time. Nothing has been saved.\n\nWait {count} minute, then "
        "[go back to check your answers]({text}) and send it again.",
        "Nid yw eich ffurflen wedi\u2019i hanfon oherwydd bod gormod o "
        "geisiadau wedi\u2019u hanfon mewn amser byr. Nid oes dim "
        "wedi\u2019i gadw.\n\nArhoswch {count} munud, yna [ewch yn "
        "\u00f4l i wirio eich atebion]({text}) a\u2019i hanfon eto."}},
    [FB_MSG_BAD_REQUEST_TITLE] = {"bad-request-title",
        {"Sorry, your request could not be read",
        "Mae\u2019n ddrwg gennym, nid oedd modd darllen eich cais"}, {0}},
    [FB_MSG_BAD_REQUEST_BODY] = {"bad-request-body", {"Your browser sent a "
        "request this service could not read, so nothing has been saved or "
        "sent. Go back and try again.",
        "Anfonodd eich porwr gais nad oedd y gwasanaeth hwn yn gallu "
        "ei ddarllen, felly nid oes dim wedi\u2019i gadw na\u2019i "
        "anfon. Ewch yn \u00f4l a rhowch gynnig arall arni."}, {0}},

    /* emails: the resident's confirmation and the staff notification */
    [FB_MSG_EMAIL_STAFF_SUBJECT] = {"email-staff-subject",
        {"New submission {reference}: {text}",
         "Cyflwyniad newydd {reference}: {text}"}, {0}},
    [FB_MSG_EMAIL_RESIDENT_SUBJECT] = {"email-resident-subject",
        {"{text}: your reference is {reference}",
         "{text}: eich cyfeirnod yw {reference}"}, {0}},
    [FB_MSG_EMAIL_RECEIVED] = {"email-received",
        {"We have received your form.", "Rydym wedi cael eich ffurflen."},
        {0}},
    [FB_MSG_EMAIL_REFERENCE_KEY] = {"email-reference-key",
        {"Reference", "Cyfeirnod"}, {0}},
    [FB_MSG_EMAIL_SUBMITTED_KEY] = {"email-submitted-key",
        {"Submitted", "Anfonwyd"}, {0}},
    [FB_MSG_EMAIL_KEEP] = {"email-keep", {"Keep this reference: you will "
        "need it if you contact us about your form.", "Cadwch y cyfeirnod "
        "hwn: bydd ei angen arnoch os byddwch yn cysylltu \u00e2 ni am "
        "eich ffurflen."}, {0}},
    [FB_MSG_EMAIL_LOOKUP_UNVERIFIED] = {"email-lookup-unverified",
        {"(Not checked against our records: the check was unavailable)",
         "(Heb ei wirio yn erbyn ein cofnodion: nid oedd y gwiriad ar "
         "gael)"}, {0}},
    [FB_MSG_EVENT_RECEIVED] = {"event-received",
        {"Received", "Wedi dod i law"}, {0}},
    [FB_MSG_EVENT_IN_PROGRESS] = {"event-in-progress",
        {"In progress", "Ar y gweill"}, {0}},
    [FB_MSG_EVENT_SCHEDULED] = {"event-scheduled",
        {"Scheduled", "Wedi\u2019i drefnu"}, {0}},
    [FB_MSG_EVENT_COMPLETED] = {"event-completed",
        {"Completed", "Wedi\u2019i gwblhau"}, {0}},
    [FB_MSG_EVENT_CLOSED] = {"event-closed", {"Closed", "Wedi\u2019i gau"},
        {0}},
    [FB_MSG_EVENT_CANNOT_PROGRESS] = {"event-cannot-progress",
        {"We cannot go ahead with this",
         "Ni allwn fwrw ymlaen \u00e2 hyn"}, {0}},
    [FB_MSG_TRACK_TITLE] = {"track-title",
        {"Track your request", "Dilyn hynt eich cais"}, {0}},
    [FB_MSG_TRACK_INTRO] = {"track-intro",
        {"Enter the reference we gave you and the email address or "
         "postcode you gave us.",
         "Rhowch y cyfeirnod a roesom i chi a\u2019r cyfeiriad e-bost neu\u2019r "
         "cod post a roesoch i ni."}, {0}},
    [FB_MSG_TRACK_REFERENCE_LABEL] = {"track-reference-label",
        {"Reference", "Cyfeirnod"}, {0}},
    [FB_MSG_TRACK_REFERENCE_HINT] = {"track-reference-hint",
        {"It is on your confirmation page and in the email we sent you",
         "Mae ar eich tudalen gadarnhau ac yn yr e-bost a anfonwyd atoch"},
        {0}},
    [FB_MSG_TRACK_CONTACT_LABEL] = {"track-contact-label",
        {"Email address or postcode", "Cyfeiriad e-bost neu god post"},
        {0}},
    [FB_MSG_TRACK_CONTACT_HINT] = {"track-contact-hint",
        {"The one you gave in your request",
         "Yr un a roesoch yn eich cais"}, {0}},
    [FB_MSG_TRACK_BUTTON] = {"track-button",
        {"Show progress", "Dangos y cynnydd"}, {0}},
    [FB_MSG_TRACK_REFERENCE_MISSING] = {"track-reference-missing",
        {"Enter your reference", "Rhowch eich cyfeirnod"}, {0}},
    [FB_MSG_TRACK_CONTACT_MISSING] = {"track-contact-missing",
        {"Enter the email address or postcode you gave us",
         "Rhowch y cyfeiriad e-bost neu\u2019r cod post a roesoch i ni"}, {0}},
    [FB_MSG_TRACK_NO_MATCH] = {"track-no-match",
        {"We could not find a request with that reference and email "
         "address or postcode. Check them and try again",
         "Nid oeddem yn gallu dod o hyd i gais gyda\u2019r cyfeirnod a\u2019r "
         "cyfeiriad e-bost neu\u2019r cod post hwnnw. Gwiriwch nhw a rhowch "
         "gynnig arall arni"}, {0}},
    [FB_MSG_TRACK_PROGRESS_TITLE] = {"track-progress-title",
        {"Progress of request {reference}", "Hynt cais {reference}"}, {0}},
    [FB_MSG_TRACK_SENT] = {"track-sent",
        {"You sent your request", "Gwnaethoch anfon eich cais"}, {0}},
    [FB_MSG_TRACK_NO_UPDATES] = {"track-no-updates",
        {"There are no updates yet. We will add them here as we deal with "
         "your request.",
         "Nid oes diweddariadau eto. Byddwn yn eu hychwanegu yma wrth i ni "
         "ddelio \u00e2\u2019ch cais."}, {0}},
    [FB_MSG_TRACK_ANOTHER] = {"track-another",
        {"Track another request", "Dilyn hynt cais arall"}, {0}},
    [FB_MSG_TRACK_LINK] = {"track-link",
        {"Track the progress of your request", "Dilyn hynt eich cais"},
        {0}},
    [FB_MSG_EMAIL_UPDATE_SUBJECT] = {"email-update-subject",
        {"Update on your request {reference}",
         "Diweddariad am eich cais {reference}"}, {0}},
    [FB_MSG_EMAIL_UPDATE_INTRO] = {"email-update-intro",
        {"There is an update on your request.",
         "Mae diweddariad am eich cais."}, {0}},
    [FB_MSG_EMAIL_UPDATE_STATUS_KEY] = {"email-update-status-key",
        {"Status", "Statws"}, {0}},
    [FB_MSG_EMAIL_UPDATE_TRACK] = {"email-update-track",
        {"See every update", "Gweld pob diweddariad"}, {0}},
    [FB_MSG_EMAIL_UPDATE_STOP] = {"email-update-stop",
        {"To stop these emails, open this link",
         "I atal yr e-byst hyn, agorwch y ddolen hon"}, {0}},
    [FB_MSG_NOT_OPEN_TITLE] = {"not-open-title",
        {"This form is not open yet",
        "Nid yw\u2019r ffurflen hon ar agor eto"}, {0}},
    [FB_MSG_NOT_OPEN_BODY] = {"not-open-body",
        {"You can use this form from {time} on {date}.",
        "Gallwch ddefnyddio\u2019r ffurflen hon o {time} ar {date}."}, {0}},
    [FB_MSG_CLOSED_TITLE] = {"closed-title", {"This form is closed",
        "Mae\u2019r ffurflen hon ar gau"}, {0}},
    [FB_MSG_CLOSED_BODY] = {"closed-body",
        {"This form closed at {time} on {date}. You can no longer send it.",
        "Caeodd y ffurflen hon am {time} ar {date}. Ni allwch ei hanfon "
        "mwyach."}, {0}},
    [FB_MSG_FULL_TITLE] = {"full-title", {"This form is full",
        "Mae\u2019r ffurflen hon yn llawn"}, {0}},
    [FB_MSG_FULL_BODY] = {"full-body",
        {"This form has taken all the submissions it can. You can no longer "
        "send it.",
        "Mae\u2019r ffurflen hon wedi derbyn yr holl gyflwyniadau y gall eu "
        "derbyn. Ni allwch ei hanfon mwyach."}, {0}},
    [FB_MSG_FULL_NOT_SENT_BODY] = {"full-not-sent-body",
        {"This form took all the submissions it could before yours "
        "arrived. Your answers have not been sent.",
        "Derbyniodd y ffurflen hon yr holl gyflwyniadau y gallai eu derbyn "
        "cyn i\u2019ch un chi gyrraedd. Nid yw eich atebion wedi cael eu "
        "hanfon."}, {0}},
    [FB_MSG_MAINTENANCE_BODY] = {"maintenance-body",
        {"We are working on the service. Try again later.",
        "Rydym yn gweithio ar y gwasanaeth. Rhowch gynnig arall arni yn nes "
        "ymlaen."}, {0}},
    [FB_MSG_PRIVACY] = {"privacy", {"Privacy notice",
        "Hysbysiad preifatrwydd"}, {0}},
    [FB_MSG_PRIVACY_LINK] = {"privacy-link",
        {"How we use your information (privacy notice)",
        "Sut rydym yn defnyddio eich gwybodaeth (hysbysiad preifatrwydd)"},
        {0}},
    [FB_MSG_SAVE_LINK] = {"save-link", {"Save and come back later",
        "Cadw a dod yn \u00f4l yn nes ymlaen"}, {0}},
    [FB_MSG_IDLE_NOTE] = {"idle-note", {"We will delete your answers if "
        "you do not do anything for {count} minutes.",
        "Byddwn yn dileu eich atebion os na fyddwch yn gwneud unrhyw beth "
        "am {count} munud."},
        {"We will delete your answers if you do not do anything for 1 "
         "minute.",
         "Byddwn yn dileu eich atebion os na fyddwch yn gwneud unrhyw beth "
         "am 1 munud."}},
    [FB_MSG_SAVE_TITLE] = {"save-title", {"Save your answers and come back "
        "later", "Cadw eich atebion a dod yn \u00f4l yn nes ymlaen"}, {0}},
    [FB_MSG_SAVE_INTRO] = {"save-intro", {"We will save the answers you "
        "have sent so far and email you a link to come back to them. The "
        "link works once, for {count} days.",
        "Byddwn yn cadw\u2019r atebion rydych wedi\u2019u hanfon hyd yma "
        "ac yn anfon dolen atoch drwy e-bost i ddod yn \u00f4l atynt. "
        "Mae\u2019r ddolen yn gweithio unwaith, am {count} diwrnod."},
        {"We will save the answers you have sent so far and email you a "
         "link to come back to them. The link works once, for 1 day.",
         "Byddwn yn cadw\u2019r atebion rydych wedi\u2019u hanfon hyd yma "
         "ac yn anfon dolen atoch drwy e-bost i ddod yn \u00f4l atynt. "
         "Mae\u2019r ddolen yn gweithio unwaith, am 1 diwrnod."}},
    [FB_MSG_SAVE_EMAIL_LABEL] = {"save-email-label", {"Email address",
        "Cyfeiriad e-bost"}, {0}},
    [FB_MSG_SAVE_EMAIL_HINT] = {"save-email-hint", {"We will only use it "
        "to send you the link.",
        "Byddwn ond yn ei ddefnyddio i anfon y ddolen atoch."}, {0}},
    [FB_MSG_SAVE_EMAIL_MISSING] = {"save-email-missing", {"Enter your email "
        "address", "Rhowch eich cyfeiriad e-bost"}, {0}},
    [FB_MSG_SAVE_EMAIL_INVALID] = {"save-email-invalid", {"Enter an email "
        "address in the correct format, like name@example.com",
        "Rhowch gyfeiriad e-bost yn y fformat cywir, fel "
        "enw@enghraifft.com"}, {0}},
    [FB_MSG_SAVE_BUTTON] = {"save-button", {"Save and send the link",
        "Cadw ac anfon y ddolen"}, {0}},
    [FB_MSG_SAVE_SENT_TITLE] = {"save-sent-title", {"Check your email",
        "Gwiriwch eich e-bost"}, {0}},
    [FB_MSG_SAVE_SENT_BODY] = {"save-sent-body", {"We have saved your "
        "answers and are sending a link to the email address you gave. Use "
        "it within {count} days to come back to your form.\n\n"
        "If it has not arrived in a few minutes, check your spam folder.\n\n"
        "[Continue with your form now]({text})",
        "Rydym wedi cadw eich atebion ac rydym yn anfon dolen i\u2019r "
        "cyfeiriad e-bost a roesoch. Defnyddiwch hi o fewn {count} diwrnod "
        "i ddod yn \u00f4l i\u2019ch ffurflen.\n\n"
        "Os nad yw wedi cyrraedd ymhen ychydig funudau, edrychwch yn eich "
        "ffolder sbam.\n\n"
        "[Parhau \u00e2\u2019ch ffurflen nawr]({text})"}, {0}},
    [FB_MSG_SAVE_NOTHING_BODY] = {"save-nothing-body", {"You have not "
        "answered any questions yet, so there is nothing to save.\n\n"
        "[Start your form]({text})",
        "Nid ydych wedi ateb unrhyw gwestiynau eto, felly does dim byd "
        "i\u2019w gadw.\n\n[Dechrau eich ffurflen]({text})"}, {0}},
    [FB_MSG_SAVE_UNAVAILABLE_BODY] = {"save-unavailable-body", {"Saving "
        "your answers to come back later is not working at the moment. "
        "Your answers so far are still here.\n\n"
        "[Continue with your form]({text})",
        "Nid yw cadw eich atebion i ddod yn \u00f4l yn nes ymlaen yn "
        "gweithio ar hyn o bryd. Mae eich atebion hyd yma yma o "
        "hyd.\n\n[Parhau \u00e2\u2019ch ffurflen]({text})"}, {0}},
    [FB_MSG_SAVE_TOO_MANY_BODY] = {"save-too-many-body", {"Your answers "
        "have not been saved for later because too many requests were sent "
        "in a short time.\n\nWait {count} minutes, then try again. "
        "[Continue with your form]({text})",
        "Nid yw eich atebion wedi cael eu cadw ar gyfer nes ymlaen oherwydd "
        "bod gormod o geisiadau wedi\u2019u hanfon mewn amser byr.\n\n"
        "Arhoswch {count} munud, yna rhowch gynnig arall arni. "
        "[Parhau \u00e2\u2019ch ffurflen]({text})"},
        {"Your answers have not been saved for later because too many "
         "requests were sent in a short time.\n\nWait 1 minute, then try "
         "again. [Continue with your form]({text})",
         "Nid yw eich atebion wedi cael eu cadw ar gyfer nes ymlaen oherwydd "
         "bod gormod o geisiadau wedi\u2019u hanfon mewn amser byr.\n\n"
         "Arhoswch 1 munud, yna rhowch gynnig arall arni. "
         "[Parhau \u00e2\u2019ch ffurflen]({text})"}},
    [FB_MSG_RESUME_TITLE] = {"resume-title", {"Continue with your saved "
        "form", "Parhau \u00e2\u2019ch ffurflen wedi\u2019i chadw"}, {0}},
    [FB_MSG_RESUME_BODY] = {"resume-body", {"This link works once. When you "
        "continue, we will take you to the first question you have not "
        "answered.",
        "Mae\u2019r ddolen hon yn gweithio unwaith. Pan fyddwch yn parhau, "
        "byddwn yn mynd \u00e2 chi i\u2019r cwestiwn cyntaf nad ydych "
        "wedi\u2019i ateb."}, {0}},
    [FB_MSG_RESUME_CHANGED] = {"resume-changed", {"The form has changed "
        "since you saved your answers, so you may need to answer some "
        "questions again.",
        "Mae\u2019r ffurflen wedi newid ers i chi gadw eich atebion, felly "
        "efallai y bydd angen i chi ateb rhai cwestiynau eto."}, {0}},
    [FB_MSG_LINK_USED_TITLE] = {"link-used-title", {"This link has already "
        "been used", "Mae\u2019r ddolen hon wedi cael ei defnyddio\u2019n "
        "barod"}, {0}},
    [FB_MSG_LINK_USED_BODY] = {"link-used-body", {"Each link to a saved "
        "form works once. If you are still working on your form in this "
        "browser, carry on there. If you saved it again, use the link in "
        "the newest email we sent you.\n\n[Go to the form]({text})",
        "Mae pob dolen i ffurflen wedi\u2019i chadw yn gweithio unwaith. "
        "Os ydych yn dal i weithio ar eich ffurflen yn y porwr hwn, "
        "parhewch yno. Os gwnaethoch ei chadw eto, defnyddiwch y ddolen yn "
        "yr e-bost diweddaraf a anfonwyd atoch.\n\n"
        "[Mynd i\u2019r ffurflen]({text})"}, {0}},
    [FB_MSG_LINK_EXPIRED_TITLE] = {"link-expired-title", {"This link has "
        "expired", "Mae\u2019r ddolen hon wedi dod i ben"}, {0}},
    [FB_MSG_LINK_EXPIRED_BODY] = {"link-expired-body", {"We keep saved "
        "answers for {count} days, and these have been deleted. You will "
        "need to start again.\n\n[Start again]({text})",
        "Rydym yn cadw atebion wedi\u2019u cadw am {count} diwrnod, ac "
        "mae\u2019r rhain wedi cael eu dileu. Bydd angen i chi ddechrau "
        "eto.\n\n[Dechrau eto]({text})"},
        {"We keep saved answers for 1 day, and these have been deleted. "
         "You will need to start again.\n\n[Start again]({text})",
         "Rydym yn cadw atebion wedi\u2019u cadw am 1 diwrnod, ac "
         "mae\u2019r rhain wedi cael eu dileu. Bydd angen i chi ddechrau "
         "eto.\n\n[Dechrau eto]({text})"}},
    [FB_MSG_LINK_NOT_FOUND_TITLE] = {"link-not-found-title", {"This link "
        "does not work", "Nid yw\u2019r ddolen hon yn gweithio"}, {0}},
    [FB_MSG_LINK_NOT_FOUND_BODY] = {"link-not-found-body", {"Check that you "
        "copied the whole link from the email. Saved answers are deleted "
        "when their link expires, so you may need to start again.\n\n"
        "[Start again]({text})",
        "Gwiriwch eich bod wedi cop\u00efo\u2019r ddolen gyfan o\u2019r "
        "e-bost. Mae atebion wedi\u2019u cadw yn cael eu dileu pan ddaw "
        "eu dolen i ben, felly efallai y bydd angen i chi ddechrau eto."
        "\n\n[Dechrau eto]({text})"}, {0}},
    [FB_MSG_TIMEOUT_TITLE] = {"timeout-title", {"Your answers have been "
        "deleted", "Mae eich atebion wedi cael eu dileu"}, {0}},
    [FB_MSG_TIMEOUT_BODY] = {"timeout-body", {"You did not do anything for "
        "{count} minutes, so we deleted your answers to keep your "
        "information safe.\n\n[Start again]({text})",
        "Ni wnaethoch unrhyw beth am {count} munud, felly rydym wedi "
        "dileu eich atebion i gadw eich gwybodaeth yn ddiogel.\n\n"
        "[Dechrau eto]({text})"},
        {"You did not do anything for 1 minute, so we deleted your answers "
         "to keep your information safe.\n\n[Start again]({text})",
         "Ni wnaethoch unrhyw beth am 1 munud, felly rydym wedi dileu eich "
         "atebion i gadw eich gwybodaeth yn ddiogel.\n\n"
         "[Dechrau eto]({text})"}},
    [FB_MSG_TIMEOUT_SAVED_BODY] = {"timeout-saved-body", {"You did not do "
        "anything for {count} minutes, so we deleted your answers to keep "
        "your information safe.\n\n"
        "If you chose to save and come back later, your saved answers are "
        "still there: use the link in the email we sent you.\n\n"
        "[Start again]({text})",
        "Ni wnaethoch unrhyw beth am {count} munud, felly rydym wedi "
        "dileu eich atebion i gadw eich gwybodaeth yn ddiogel.\n\n"
        "Os gwnaethoch ddewis cadw a dod yn \u00f4l yn nes ymlaen, mae "
        "eich atebion wedi\u2019u cadw yno o hyd: defnyddiwch y ddolen "
        "yn yr e-bost a anfonwyd atoch.\n\n[Dechrau eto]({text})"},
        {"You did not do anything for 1 minute, so we deleted your answers "
         "to keep your information safe.\n\n"
         "If you chose to save and come back later, your saved answers are "
         "still there: use the link in the email we sent you.\n\n"
         "[Start again]({text})",
         "Ni wnaethoch unrhyw beth am 1 munud, felly rydym wedi dileu eich "
         "atebion i gadw eich gwybodaeth yn ddiogel.\n\n"
         "Os gwnaethoch ddewis cadw a dod yn \u00f4l yn nes ymlaen, mae "
         "eich atebion wedi\u2019u cadw yno o hyd: defnyddiwch y ddolen "
         "yn yr e-bost a anfonwyd atoch.\n\n[Dechrau eto]({text})"}},
    [FB_MSG_EMAIL_SAVE_SUBJECT] = {"email-save-subject", {"{text}: continue "
        "with your saved form",
        "{text}: parhau \u00e2\u2019ch ffurflen wedi\u2019i chadw"}, {0}},
    [FB_MSG_EMAIL_SAVE_BODY] = {"email-save-body", {"You saved your answers "
        "to come back to them later. Use this link to continue with your "
        "form:\n\n{text}\n\n"
        "The link works once. It stops working after {count} days, when we "
        "delete your saved answers.\n\n"
        "If you did not ask for this email, you can ignore it.",
        "Rydych wedi cadw eich atebion i ddod yn \u00f4l atynt yn nes "
        "ymlaen. Defnyddiwch y ddolen hon i barhau \u00e2\u2019ch "
        "ffurflen:\n\n{text}\n\n"
        "Mae\u2019r ddolen yn gweithio unwaith. Bydd yn peidio \u00e2 "
        "gweithio ar \u00f4l {count} diwrnod, pan fyddwn yn dileu eich "
        "atebion wedi\u2019u cadw.\n\n"
        "Os na wnaethoch ofyn am yr e-bost hwn, gallwch ei anwybyddu."},
        {0}},
    /* payments */
    [FB_MSG_PAY_TITLE] = {"pay-title",
        {"Pay for your form",
         "Talu am eich ffurflen"},
        {0}},
    [FB_MSG_PAY_BODY] = {"pay-body",
        {"You need to pay {money} before we can send your form. You will pay by card on our payment provider\u2019s secure page, then come back here.",
         "Mae angen i chi dalu {money} cyn y gallwn anfon eich ffurflen. Byddwch yn talu \u00e2 cherdyn ar dudalen ddiogel ein darparwr taliadau, yna\u2019n dod yn \u00f4l yma."},
        {0}},
    [FB_MSG_PAY_CONTINUE] = {"pay-continue",
        {"Continue to payment",
         "Parhau i dalu"},
        {0}},
    [FB_MSG_PAY_AGAIN] = {"pay-again",
        {"Try to pay again",
         "Ceisio talu eto"},
        {0}},
    [FB_MSG_PAY_FAILED_TITLE] = {"pay-failed-title",
        {"Your payment was not taken",
         "Ni chymerwyd eich taliad"},
        {0}},
    [FB_MSG_PAY_FAILED_BODY] = {"pay-failed-body",
        {"Your payment of {money} did not go through and no money has been taken. Your form has not been sent yet.",
         "Nid aeth eich taliad o {money} drwodd ac nid oes arian wedi\u2019i gymryd. Nid yw eich ffurflen wedi\u2019i hanfon eto."},
        {0}},
    [FB_MSG_PAY_CANCELLED_TITLE] = {"pay-cancelled-title",
        {"You cancelled your payment",
         "Rydych wedi canslo eich taliad"},
        {0}},
    [FB_MSG_PAY_CANCELLED_BODY] = {"pay-cancelled-body",
        {"No money has been taken. Your form has not been sent: pay {money} to send it.",
         "Nid oes arian wedi\u2019i gymryd. Nid yw eich ffurflen wedi\u2019i hanfon: talwch {money} i\u2019w hanfon."},
        {0}},
    [FB_MSG_PAY_NOT_PAID_TITLE] = {"pay-not-paid-title",
        {"You have not paid yet",
         "Nid ydych wedi talu eto"},
        {0}},
    [FB_MSG_PAY_NOT_PAID_BODY] = {"pay-not-paid-body",
        {"We have not received your payment of {money}, so your form has not been sent.",
         "Nid ydym wedi cael eich taliad o {money}, felly nid yw eich ffurflen wedi\u2019i hanfon."},
        {0}},
    [FB_MSG_PAY_UNAVAILABLE_TITLE] = {"pay-unavailable-title",
        {"Sorry, payments are not working right now",
         "Mae\u2019n ddrwg gennym, nid yw taliadau\u2019n gweithio ar hyn o bryd"},
        {0}},
    [FB_MSG_PAY_UNAVAILABLE_BODY] = {"pay-unavailable-body",
        {"Your answers are saved and no money has been taken. Try again in a few minutes.",
         "Mae eich atebion wedi\u2019u cadw ac nid oes arian wedi\u2019i gymryd. Rhowch gynnig arall arni mewn ychydig funudau."},
        {0}},
    [FB_MSG_PAY_CHECK_BODY] = {"pay-check-body",
        {"We could not check your payment with our payment provider. If you paid, you do not need to pay again: come back to this page in a few minutes.",
         "Nid oeddem yn gallu gwirio eich taliad gyda\u2019n darparwr taliadau. Os ydych wedi talu, nid oes angen i chi dalu eto: dewch yn \u00f4l i\u2019r dudalen hon mewn ychydig funudau."},
        {0}},
    [FB_MSG_PAY_ABANDONED_TITLE] = {"pay-abandoned-title",
        {"Your form was not sent",
         "Ni anfonwyd eich ffurflen"},
        {0}},
    [FB_MSG_PAY_ABANDONED_BODY] = {"pay-abandoned-body",
        {"You did not pay in time, so your form was not sent and any booking it made was cancelled. Start again to send it.",
         "Ni wnaethoch dalu mewn pryd, felly ni anfonwyd eich ffurflen a chafodd unrhyw archeb a wnaeth ei chanslo. Dechreuwch eto i\u2019w hanfon."},
        {0}},
    [FB_MSG_PAY_START_AGAIN] = {"pay-start-again",
        {"Start again",
         "Dechrau eto"},
        {0}},
    [FB_MSG_PAY_CHECK_AGAIN] = {"pay-check-again",
        {"Check again",
         "Gwirio eto"},
        {0}},
    [FB_MSG_PAY_REFUND] = {"pay-refund",
        {"The {money} you paid will be refunded to your card.",
         "Bydd y {money} a daloch yn cael ei ad-dalu i\u2019ch cerdyn."},
        {0}},
    [FB_MSG_FILE_SELECT] = {"file-select", {"Select {object}",
                                            "Dewiswch {object}"}, {0}},
    [FB_MSG_FILE_TYPE] = {"file-type", {"The selected file must be a {text}",
        "Rhaid i\u2019r ffeil a ddewiswyd fod yn {text}"}, {0}},
    [FB_MSG_FILE_TOO_BIG] = {"file-too-big",
        {"The selected file must be smaller than {number}MB",
        "Rhaid i\u2019r ffeil a ddewiswyd fod yn llai na {number}MB"}, {0}},
    [FB_MSG_FILE_EMPTY] = {"file-empty", {"The selected file is empty",
        "Mae\u2019r ffeil a ddewiswyd yn wag"}, {0}},
    [FB_MSG_FILE_TOO_MANY] = {"file-too-many",
        {"You can only upload {count} files",
        "Dim ond {count} ffeil y gallwch eu huwchlwytho"},
        {"You can only upload {count} file",
        "Dim ond {count} ffeil y gallwch ei huwchlwytho"}},
    [FB_MSG_FILE_VIRUS] = {"file-virus", {"The selected file contains a "
        "virus", "Mae feirws yn y ffeil a ddewiswyd"}, {0}},
    [FB_MSG_FILE_SCAN_FAILED] = {"file-scan-failed", {"The selected file "
        "could not be checked for viruses \u2013 try again later",
        "Nid oedd modd gwirio\u2019r ffeil a ddewiswyd am feirysau "
        "\u2013 rhowch gynnig arall arni nes ymlaen"}, {0}},
    [FB_MSG_FILE_NOT_STRIPPED] = {"file-not-stripped", {"The selected "
        "photo could not be uploaded because its location details cannot "
        "be removed \u2013 save it as a JPG or PNG and try again",
        "Nid oedd modd uwchlwytho\u2019r llun a ddewiswyd oherwydd nad "
        "oes modd dileu manylion ei leoliad \u2013 cadwch ef fel JPG neu "
        "PNG a rhowch gynnig arall arni"}, {0}},
    [FB_MSG_FILE_NOT_SAVED] = {"file-not-saved", {"The selected file could "
        "not be uploaded \u2013 try again later",
        "Nid oedd modd uwchlwytho\u2019r ffeil a ddewiswyd \u2013 "
        "rhowch gynnig arall arni nes ymlaen"}, {0}},
    [FB_MSG_FILE_UPLOADED] = {"file-uploaded", {"Files added",
                                                "Ffeiliau wedi\u2019u hychwanegu"},
        {0}},
    [FB_MSG_FILE_REMOVE] = {"file-remove", {"Remove", "Dileu"}, {0}},
    [FB_MSG_FILE_HINT] = {"file-hint",
        {"You can upload up to {count} files. Each must be a {text} "
        "smaller than {number}MB.",
        "Gallwch uwchlwytho hyd at {count} ffeil. Rhaid i bob un fod yn "
        "{text} llai na {number}MB."},
        {"You can upload 1 file. It must be a {text} smaller than "
        "{number}MB.",
        "Gallwch uwchlwytho 1 ffeil. Rhaid iddi fod yn {text} llai na "
        "{number}MB."}},
    [FB_MSG_FILE_TOO_LARGE_BODY] = {"file-too-large-body", {"The file you "
        "chose is bigger than this service accepts: each file must be "
        "smaller than {text}. Nothing was kept. Go back and choose a smaller "
        "file.",
        "Mae\u2019r ffeil a ddewisoch yn fwy nag y mae\u2019r gwasanaeth "
        "hwn yn ei dderbyn: rhaid i bob ffeil fod yn llai na {text}. Ni "
        "chadwyd dim. Ewch yn \u00f4l a dewiswch ffeil lai."}, {0}},
    [FB_MSG_REPEAT_ADDED] = {"repeat-added",
        {"You have added {count} {object}",
         "Rydych wedi ychwanegu {count} {object}"},
        {"You have added 1 {object}", "Rydych wedi ychwanegu 1 {object}"}},
    [FB_MSG_REPEAT_NONE] = {"repeat-none",
        {"You have not added any {object}",
         "Nid ydych wedi ychwanegu unrhyw {object}"}, {0}},
    [FB_MSG_REPEAT_ASK_ANOTHER] = {"repeat-ask-another",
        {"Do you need to add another {object}?",
         "Oes angen i chi ychwanegu {object} arall?"}, {0}},
    [FB_MSG_REPEAT_ASK_FIRST] = {"repeat-ask-first",
        {"Do you need to add any {object}?",
         "Oes angen i chi ychwanegu unrhyw {object}?"}, {0}},
    [FB_MSG_REPEAT_ANSWER_ANOTHER] = {"repeat-answer-another",
        {"Select yes if you need to add another {object}",
         "Dewiswch \u2018Ie\u2019 os oes angen i chi ychwanegu {object} "
         "arall"}, {0}},
    [FB_MSG_REPEAT_ANSWER_FIRST] = {"repeat-answer-first",
        {"Select yes if you need to add any {object}",
         "Dewiswch \u2018Ie\u2019 os oes angen i chi ychwanegu unrhyw "
         "{object}"}, {0}},
    [FB_MSG_REPEAT_TOO_FEW] = {"repeat-too-few",
        {"Add at least {count} {object}",
         "Ychwanegwch o leiaf {count} {object}"},
        {"Add at least 1 {object}", "Ychwanegwch o leiaf 1 {object}"}},
    [FB_MSG_REPEAT_TOO_MANY] = {"repeat-too-many",
        {"You can add no more than {count} {object}: remove some",
         "Gallwch ychwanegu dim mwy na {count} {object}: dilewch rai"},
        {"You can add no more than 1 {object}: remove some",
         "Gallwch ychwanegu dim mwy na 1 {object}: dilewch rai"}},
    [FB_MSG_REPEAT_FULL] = {"repeat-full",
        {"You have added the most {object} you can ({count})",
         "Rydych wedi ychwanegu\u2019r nifer fwyaf o {object} y gallwch "
         "({count})"}, {0}},
    [FB_MSG_REPEAT_ITEM] = {"repeat-item", {"{subject} {count}",
        "{subject} {count}"}, {0}},
    [FB_MSG_REPEAT_REMOVE] = {"repeat-remove", {"Remove", "Dileu"}, {0}},
    [FB_MSG_REPEAT_REMOVE_ASK] = {"repeat-remove-ask",
        {"Are you sure you want to remove {object} {count}?",
         "Ydych chi\u2019n si\u0175r eich bod am ddileu {object} {count}?"},
        {0}},
    [FB_MSG_REPEAT_ANSWER_REMOVE] = {"repeat-answer-remove",
        {"Select yes if you want to remove {object} {count}",
         "Dewiswch \u2018Ie\u2019 os ydych am ddileu {object} {count}"},
        {0}},
    [FB_MSG_TRACK_WHEN] = {"track-when", {"{date} at {time}",
        "{date} am {time}"}, {0}},
    [FB_MSG_TRACK_TOO_MANY_BODY] = {"track-too-many-body",
        {"There have been too many attempts to find this request.\n\n"
         "Wait {count} minutes, then [try again]({text}).",
         "Bu gormod o ymdrechion i ddod o hyd i\u2019r cais hwn.\n\n"
         "Arhoswch {count} munud, yna [rhowch gynnig arall arni]({text})."},
        {"There have been too many attempts to find this request.\n\n"
         "Wait 1 minute, then [try again]({text}).",
         "Bu gormod o ymdrechion i ddod o hyd i\u2019r cais hwn.\n\n"
         "Arhoswch 1 munud, yna [rhowch gynnig arall arni]({text})."}},
    [FB_MSG_EMAIL_UPDATE_STOPPED_TITLE] = {"email-update-stopped-title",
        {"We will not email you updates", "Ni fyddwn yn anfon diweddariadau "
         "atoch drwy e-bost"}, {0}},
    [FB_MSG_EMAIL_UPDATE_STOPPED_BODY] = {"email-update-stopped-body",
        {"We will not email you about request {reference} again.",
         "Ni fyddwn yn anfon e-bost atoch am gais {reference} eto."}, {0}},
    [FB_MSG_EMAIL_STOP_TITLE] = {"email-stop-title",
        {"Stop emails about request {reference}",
         "Atal e-byst am gais {reference}"}, {0}},
    [FB_MSG_EMAIL_STOP_BODY] = {"email-stop-body",
        {"We will stop emailing you when there is an update. You can still "
         "see every update on the track page.",
         "Byddwn yn rhoi\u2019r gorau i anfon e-bost atoch pan fydd "
         "diweddariad. Gallwch ddal i weld pob diweddariad ar y dudalen "
         "dilyn hynt."}, {0}},
    [FB_MSG_EMAIL_STOP_BUTTON] = {"email-stop-button",
        {"Stop update emails", "Atal e-byst diweddaru"}, {0}},
    [FB_MSG_ADDRESS_FIND_LABEL] = {"address-find-label",
        {"Postcode", "Cod post"}, {0}},
    [FB_MSG_ADDRESS_FIND_BUTTON] = {"address-find-button",
        {"Find address", "Dod o hyd i gyfeiriad"}, {0}},
    [FB_MSG_ADDRESS_MANUAL_LINK] = {"address-manual-link",
        {"Enter the address manually", "Rhowch y cyfeiriad \u00e2 llaw"},
        {0}},
    [FB_MSG_ADDRESS_FOUND] = {"address-found",
        {"{count} addresses found for {text}",
         "Daethpwyd o hyd i {count} cyfeiriad ar gyfer {text}"},
        {"1 address found for {text}",
         "Daethpwyd o hyd i 1 cyfeiriad ar gyfer {text}"}},
    [FB_MSG_ADDRESS_CHANGE_POSTCODE] = {"address-change-postcode",
        {"Change postcode", "Newid y cod post"}, {0}},
    [FB_MSG_ADDRESS_SELECT_LABEL] = {"address-select-label",
        {"Select an address", "Dewiswch gyfeiriad"}, {0}},
    [FB_MSG_ADDRESS_SELECT_PROMPT] = {"address-select-prompt",
        {"Select an address", "Dewiswch gyfeiriad"}, {0}},
    [FB_MSG_ADDRESS_NOT_LISTED] = {"address-not-listed",
        {"I cannot find my address in the list",
         "Ni allaf ddod o hyd i fy nghyfeiriad yn y rhestr"}, {0}},
    [FB_MSG_ADDRESS_SELECT_ERROR] = {"address-select-error",
        {"Select your address from the list, or choose \u2018I cannot find "
         "my address in the list\u2019",
         "Dewiswch eich cyfeiriad o\u2019r rhestr, neu dewiswch \u2018Ni "
         "allaf ddod o hyd i fy nghyfeiriad yn y rhestr\u2019"}, {0}},
    [FB_MSG_ADDRESS_NONE_FOUND] = {"address-none-found",
        {"We could not find any addresses for {text}: check the postcode, "
         "or enter the address manually",
         "Ni allem ddod o hyd i unrhyw gyfeiriadau ar gyfer {text}: "
         "gwiriwch y cod post, neu rhowch y cyfeiriad \u00e2 llaw"}, {0}},
    [FB_MSG_ADDRESS_UNAVAILABLE] = {"address-unavailable",
        {"We cannot look up addresses at the moment. Enter your address "
         "below.",
         "Ni allwn chwilio am gyfeiriadau ar hyn o bryd. Rhowch eich "
         "cyfeiriad isod."}, {0}},
    [FB_MSG_IN_AREA] = {"in-area",
        {"{subject} must be in the council\u2019s area",
         "Rhaid i {object} fod yn ardal y cyngor"}, {0}},
    [FB_MSG_ADDRESS_FIND_AGAIN] = {"address-find-again",
        {"Find the address by postcode",
         "Dod o hyd i\u2019r cyfeiriad yn \u00f4l cod post"}, {0}},
    [FB_MSG_PHASE_ALPHA] = {"phase-alpha", {"Alpha", "Alffa"}, {0}},
    [FB_MSG_PHASE_BETA] = {"phase-beta", {"Beta", "Beta"}, {0}},
    [FB_MSG_PHASE_NEW] = {"phase-new", {"This is a new service.",
        "Mae hwn yn wasanaeth newydd."}, {0}},
    [FB_MSG_PHASE_HELP] = {"phase-help", {"Help us improve it and",
        "Helpwch ni i\u2019w wella a"}, {0}},
    [FB_MSG_PHASE_FEEDBACK] = {"phase-feedback", {"give your feedback",
        "rhowch eich adborth"}, {0}},
    [FB_MSG_ACCESSIBILITY_LINK] = {"accessibility-link",
        {"Accessibility statement", "Datganiad hygyrchedd"}, {0}},
    [FB_MSG_A11Y_TITLE] = {"a11y-title",
        {"Accessibility statement for {text}",
        "Datganiad hygyrchedd ar gyfer {text}"}, {0}},
    [FB_MSG_A11Y_INTRO] = {"a11y-intro",
        {"This statement applies to the online forms of {text}.\n\n"
        "We want as many people as possible to be able to use them. You "
        "should be able to change colours, contrast and fonts in your "
        "browser, zoom in up to 400% without the text spilling off the "
        "screen, use every form with a keyboard alone or with speech "
        "recognition software, and listen to every page with a screen "
        "reader. The forms work without JavaScript and use the GOV.UK "
        "Design System\u2019s patterns for questions, errors and answers.",
        "Mae\u2019r datganiad hwn yn berthnasol i ffurflenni ar-lein "
        "{text}.\n\n"
        "Rydym am i gynifer o bobl \u00e2 phosibl allu eu defnyddio. Dylech "
        "allu newid lliwiau, cyferbyniad a ffontiau yn eich porwr, chwyddo "
        "hyd at 400% heb i\u2019r testun ddiflannu oddi ar y sgrin, "
        "defnyddio pob ffurflen gyda bysellfwrdd yn unig neu gyda "
        "meddalwedd adnabod lleferydd, a gwrando ar bob tudalen gyda "
        "darllenydd sgrin. Mae\u2019r ffurflenni\u2019n gweithio heb "
        "JavaScript ac yn defnyddio patrymau System Dylunio GOV.UK ar "
        "gyfer cwestiynau, gwallau ac atebion."}, {0}},
    [FB_MSG_A11Y_TESTED_HEADING] = {"a11y-tested-heading",
        {"How we test these forms", "Sut rydym yn profi\u2019r ffurflenni hyn"},
        {0}},
    [FB_MSG_A11Y_TESTED] = {"a11y-tested",
        {"We test every page of every form, in every state, against the Web "
        "Content Accessibility Guidelines version 2.2 AA standard each time "
        "a form changes: with axe-core in a browser, with the keyboard "
        "alone, at 320 pixels wide, with text at 200% and with the Nu Html "
        "Checker, in English and in Welsh.",
        "Rydym yn profi pob tudalen o bob ffurflen, ym mhob cyflwr, yn "
        "erbyn safon AA fersiwn 2.2 Canllawiau Hygyrchedd Cynnwys y We bob "
        "tro y bydd ffurflen yn newid: gydag axe-core mewn porwr, gyda "
        "bysellfwrdd yn unig, ar 320 picsel o led, gyda thestun ar 200% a "
        "gyda Nu Html Checker, yn Saesneg ac yn Gymraeg."}, {0}},
    [FB_MSG_A11Y_CONTACT_HEADING] = {"a11y-contact-heading",
        {"Feedback and contact information",
        "Adborth a gwybodaeth gyswllt"}, {0}},
    [FB_MSG_A11Y_CONTACT] = {"a11y-contact",
        {"If you need information from these forms in a different format, "
        "such as accessible PDF, large print, easy read, audio recording or "
        "braille, or you find a problem with their accessibility, contact "
        "us.",
        "Os oes angen gwybodaeth o\u2019r ffurflenni hyn arnoch mewn "
        "fformat gwahanol, fel PDF hygyrch, print bras, hawdd ei ddarllen, "
        "recordiad sain neu braille, neu os byddwch yn dod o hyd i broblem "
        "gyda\u2019u hygyrchedd, cysylltwch \u00e2 ni."}, {0}},
    [FB_MSG_A11Y_EMAIL] = {"a11y-email", {"Email: [{text}](mailto:{text})",
        "E-bost: [{text}](mailto:{text})"}, {0}},
    [FB_MSG_A11Y_PHONE] = {"a11y-phone", {"Phone: {text}", "Ff\u00f4n: {text}"},
        {0}},
    [FB_MSG_A11Y_ENFORCEMENT_HEADING] = {"a11y-enforcement-heading",
        {"Enforcement procedure", "Gweithdrefn orfodi"}, {0}},
    [FB_MSG_A11Y_ENFORCEMENT] = {"a11y-enforcement",
        {"The Equality and Human Rights Commission (EHRC) is responsible "
        "for enforcing the Public Sector Bodies (Websites and Mobile "
        "Applications) (No. 2) Accessibility Regulations 2018. If you are "
        "not happy with how we respond to your complaint, contact the "
        "[Equality Advisory and Support Service (EASS)]"
        "(https://www.equalityadvisoryservice.com/).",
        "Y Comisiwn Cydraddoldeb a Hawliau Dynol (EHRC) sy\u2019n gyfrifol "
        "am orfodi Rheoliadau Hygyrchedd Cyrff y Sector Cyhoeddus "
        "(Gwefannau a Rhaglenni Symudol) (Rhif 2) 2018. Os nad ydych yn "
        "fodlon \u00e2\u2019r ffordd rydym yn ymateb i\u2019ch cwyn, "
        "cysylltwch \u00e2\u2019r [Gwasanaeth Cynghori a Chymorth "
        "Cydraddoldeb (EASS)](https://www.equalityadvisoryservice.com/)."},
        {0}},
    [FB_MSG_START_AGAIN] = {"start-again", {"Start again", "Dechrau eto"},
        {0}},
    [FB_MSG_START_AGAIN_TITLE] = {"start-again-title",
        {"Are you sure you want to start again?",
        "Ydych chi\u2019n si\u0175r eich bod am ddechrau eto?"}, {0}},
    [FB_MSG_START_AGAIN_BODY] = {"start-again-body",
        {"This deletes the answers you have given in this form. You cannot "
        "get them back.",
        "Bydd hyn yn dileu\u2019r atebion rydych wedi\u2019u rhoi yn y "
        "ffurflen hon. Ni allwch eu cael yn \u00f4l."}, {0}},
    [FB_MSG_START_AGAIN_YES] = {"start-again-yes",
        {"Yes, delete my answers and start again",
        "Ydw, dil\u00ebwch fy atebion a dechrau eto"}, {0}},
    [FB_MSG_START_AGAIN_NO] = {"start-again-no",
        {"No, go back to my answers", "Na, ewch yn \u00f4l at fy atebion"},
        {0}},
    [FB_MSG_ASSIST_BANNER] = {"assist-banner",
        {"Filling this in for someone else",
         "Llenwi hwn ar ran rhywun arall"}, {0}},
    [FB_MSG_ASSIST_BANNER_BY] = {"assist-banner-by",
        {"Staff member: {text}", "Aelod o staff: {text}"}, {0}},
    [FB_MSG_ASSIST_BY_PHONE] = {"assist-by-phone",
        {"On the phone", "Ar y ff\u00f4n"}, {0}},
    [FB_MSG_ASSIST_FACE_TO_FACE] = {"assist-face-to-face",
        {"Face to face", "Wyneb yn wyneb"}, {0}},
    [FB_MSG_ASSIST_STAFF_TITLE] = {"assist-staff-title",
        {"What is your name?", "Beth yw eich enw?"}, {0}},
    [FB_MSG_ASSIST_STAFF_HINT] = {"assist-staff-hint",
        {"You are filling in this form for a resident. Your name is kept "
         "with their form.", "Rydych yn llenwi'r ffurflen hon ar ran "
         "preswylydd. Caiff eich enw ei gadw gyda'u ffurflen."}, {0}},
    [FB_MSG_ASSIST_STAFF_MISSING] = {"assist-staff-missing",
        {"Enter your name", "Rhowch eich enw"}, {0}},
    [FB_MSG_ASSIST_STAFF_TOO_LONG] = {"assist-staff-too-long",
        {"Your name must be {count} characters or fewer",
         "Rhaid i'ch enw fod yn {count} nod neu lai"}, {0}},
    [FB_MSG_ASSIST_STAFF_BAD] = {"assist-staff-bad",
        {"Your name must be on one line",
         "Rhaid i'ch enw fod ar un llinell"}, {0}},
    [FB_MSG_ASSIST_USED_TITLE] = {"assist-used-title",
        {"This link has already been used",
         "Mae'r ddolen hon wedi cael ei defnyddio'n barod"}, {0}},
    [FB_MSG_ASSIST_USED_BODY] = {"assist-used-body",
        {"Each link for filling in a form for someone else works once. "
         "Make a new link to start again.", "Mae pob dolen ar gyfer "
         "llenwi ffurflen ar ran rhywun arall yn gweithio unwaith. "
         "Gwnewch ddolen newydd i ddechrau eto."}, {0}},
    [FB_MSG_SIGNED_LINK_BAD_TITLE] = {"signed-link-bad-title",
        {"This link does not work", "Nid yw'r ddolen hon yn gweithio"},
        {0}},
    [FB_MSG_ASSIST_BAD_BODY] = {"assist-bad-body",
        {"The link has been changed or is not complete. Copy the whole "
         "link again, or make a new one.", "Mae'r ddolen wedi cael ei "
         "newid neu nid yw'n gyflawn. Cop\u00efwch y ddolen gyfan eto, "
         "neu gwnewch un newydd."}, {0}},
    [FB_MSG_SIGNED_LINK_EXPIRED_TITLE] = {
        "signed-link-expired-title",
        {"This link has expired", "Mae'r ddolen hon wedi dod i ben"},
        {0}},
    [FB_MSG_ASSIST_EXPIRED_BODY] = {"assist-expired-body",
        {"Make a new link to fill in the form for someone else.",
         "Gwnewch ddolen newydd i lenwi'r ffurflen ar ran rhywun arall."},
        {0}},
    [FB_MSG_ASSIST_OFF_TITLE] = {"assist-off-title",
        {"Filling in forms for someone else is not set up",
         "Nid yw llenwi ffurflenni ar ran rhywun arall wedi'i osod"},
        {0}},
    [FB_MSG_ASSIST_OFF_BODY] = {"assist-off-body",
        {"This service has no key for staff links. Ask the people who run "
         "it to set FORMBUILDER_ASSIST_KEY.", "Nid oes gan y gwasanaeth "
         "hwn allwedd ar gyfer dolenni staff. Gofynnwch i'r bobl sy'n ei "
         "redeg osod FORMBUILDER_ASSIST_KEY."}, {0}},
    [FB_MSG_ASSIST_NONE_TITLE] = {"assist-none-title",
        {"Open the link you were given first",
         "Agorwch y ddolen a gawsoch yn gyntaf"}, {0}},
    [FB_MSG_ASSIST_NONE_BODY] = {"assist-none-body",
        {"This page is for staff filling in a form for someone else. It "
         "works only after opening a link made for it.", "Mae'r dudalen "
         "hon ar gyfer staff sy'n llenwi ffurflen ar ran rhywun arall. "
         "Mae'n gweithio dim ond ar \u00f4l agor dolen a wnaed ar ei "
         "chyfer."}, {0}},
    [FB_MSG_FILE_LINK_BAD_BODY] = {"file-link-bad-body",
        {"The link has been changed or is not complete. Copy the whole "
         "link from the email again.", "Mae'r ddolen wedi cael ei newid "
         "neu nid yw'n gyflawn. Cop\u00efwch y ddolen gyfan o'r e-bost "
         "eto."}, {0}},
    [FB_MSG_FILE_LINK_EXPIRED_BODY] = {"file-link-expired-body",
        {"Links to uploaded files work for a limited time. Ask the team "
         "that runs the form for the file.", "Mae dolenni i ffeiliau a "
         "uwchlwythwyd yn gweithio am gyfnod cyfyngedig. Gofynnwch i'r "
         "t\u00eem sy'n rhedeg y ffurflen am y ffeil."}, {0}},
    [FB_MSG_FILE_GONE_TITLE] = {"file-gone-title",
        {"This file has been deleted", "Mae'r ffeil hon wedi cael ei "
         "dileu"}, {0}},
    [FB_MSG_FILE_GONE_BODY] = {"file-gone-body",
        {"Uploaded files are deleted with the form they came with, at "
         "the end of its retention period.", "Mae ffeiliau a "
         "uwchlwythwyd yn cael eu dileu gyda'r ffurflen y daethant gyda "
         "hi, ar ddiwedd ei chyfnod cadw."}, {0}},
};

static const char *const months[FB_LANG__COUNT][12] = {
    {"January", "February", "March", "April", "May", "June", "July",
     "August", "September", "October", "November", "December"},
    {"Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin",
     "Gorffennaf", "Awst", "Medi", "Hydref", "Tachwedd", "Rhagfyr"},
};

/* What people write for short (GOV.UK: accept "jan"; Welsh as the Welsh
 * Government abbreviates). September is also "Sept". */
static const char *const month_abbrs[FB_LANG__COUNT][12] = {
    {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
     "Nov", "Dec"},
    {"Ion", "Chwef", "Maw", "Ebr", "Mai", "Meh", "Gorff", "Awst", "Medi",
     "Hyd", "Tach", "Rhag"},
};

static const char *const weekdays[FB_LANG__COUNT][7] = {
    {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
     "Sunday"},
    {"Dydd Llun", "Dydd Mawrth", "Dydd Mercher", "Dydd Iau", "Dydd Gwener",
     "Dydd Sadwrn", "Dydd Sul"},
};

static enum fb_lang
known(enum fb_lang lang)
{
    return (unsigned)lang < FB_LANG__COUNT ? lang : FB_LANG_EN;
}

const char *
fb_msg_text(enum fb_msg id, enum fb_lang lang)
{
    if ((unsigned)id >= FB_MSG__COUNT || !catalogue[id].text[FB_LANG_EN])
        return "";
    lang = known(lang);
    return catalogue[id].text[lang] ? catalogue[id].text[lang]
                                    : catalogue[id].text[FB_LANG_EN];
}

bool
fb_msg_has(enum fb_msg id, enum fb_lang lang)
{
    return (unsigned)id < FB_MSG__COUNT && (unsigned)lang < FB_LANG__COUNT &&
           catalogue[id].text[lang];
}

const char *
fb_msg_name(enum fb_msg id)
{
    return (unsigned)id < FB_MSG__COUNT && catalogue[id].name
               ? catalogue[id].name : "";
}

const char *
fb_lang_code(enum fb_lang lang)
{
    return fb_payload_languages[known(lang)];
}

int
fb_lang_lookup(const char *code)
{
    for (int l = 0; code && l < FB_LANG__COUNT; l++)
        if (strcmp(code, fb_payload_languages[l]) == 0)
            return l;
    return -1;
}

const char *
fb_month_name(int m, enum fb_lang lang)
{
    return m >= 1 && m <= 12 ? months[known(lang)][m - 1] : "";
}

const char *
fb_month_abbr(int m, enum fb_lang lang)
{
    return m >= 1 && m <= 12 ? month_abbrs[known(lang)][m - 1] : "";
}

const char *
fb_date_format(const struct fb_date *d, enum fb_lang lang, char *buf,
               size_t cap)
{
    snprintf(buf, cap, "%d %s %d", d->day, fb_month_name(d->month, lang),
             d->year);
    return buf;
}

const char *
fb_weekday_name(int wd, enum fb_lang lang)
{
    return wd >= 0 && wd < 7 ? weekdays[known(lang)][wd] : "";
}

const char *
fb_date_format_long(const struct fb_date *d, enum fb_lang lang, char *buf,
                    size_t cap)
{
    char day[64];

    snprintf(buf, cap, "%s %s", fb_weekday_name(fb_weekday_of(d), lang),
             fb_date_format(d, lang, day, sizeof day));
    return buf;
}

/* ---- the formatter ------------------------------------------------------ */

/* Where a message is being written: never overflows, always ends in NUL. */
struct out {
    char *buf;
    size_t cap;
    size_t len;
};

static void
put_n(struct out *o, const char *s, size_t n)
{
    if (o->cap == 0)
        return;
    size_t room = o->cap - 1 - o->len;
    if (n > room)
        n = room;
    memcpy(o->buf + o->len, s, n);
    o->len += n;
    o->buf[o->len] = '\0';
}

static void
put(struct out *o, const char *s)
{
    put_n(o, s, strlen(s));
}

/* A whole number as GOV.UK writes it: commas from 1,000 ("10,000"). */
static void
put_count(struct out *o, long long n)
{
    char digits[32];
    snprintf(digits, sizeof digits, "%lld", n);
    const char *d = digits[0] == '-' ? digits + 1 : digits;
    size_t len = strlen(d);
    if (d != digits)
        put(o, "-");
    for (size_t i = 0; i < len; i++) {
        if (i > 0 && (len - i) % 3 == 0 && len >= 4)
            put(o, ",");
        put_n(o, d + i, 1);
    }
}

/* Whole numbers with commas; others in the shortest form that reads back
 * the same. */
static void
put_number(struct out *o, double x)
{
    if (x == (double)(long long)x && x > -1e15 && x < 1e15) {
        put_count(o, (long long)x);
        return;
    }
    char s[32];
    snprintf(s, sizeof s, "%.15g", x);
    put(o, s);
}

const char *
fb_time_format(int minutes, enum fb_lang lang, char *buf, size_t cap)
{
    int h = minutes / 60, m = minutes % 60;
    int h12 = h % 12 ? h % 12 : 12;
    if (m == 0 && (h == 0 || h == 12))
        snprintf(buf, cap, "%s", h == 0 ? fb_msg_text(FB_MSG_MIDNIGHT, lang)
                                        : fb_msg_text(FB_MSG_MIDDAY, lang));
    else if (m)
        snprintf(buf, cap, "%d:%02d%s", h12, m, h < 12 ? "am" : "pm");
    else
        snprintf(buf, cap, "%d%s", h12, h < 12 ? "am" : "pm");
    return buf;
}

/* A noun with its first letter changed: @p upper for {subject}; lower for
 * {object} unless its second letter is a capital too ("NHS number"). */
static void
put_noun(struct out *o, const struct fb_i18n *noun, enum fb_lang lang,
         bool upper)
{
    const char *s = fb_i18n_get(noun, lang);
    if (!s[0])
        return;
    char first = s[0];
    if (upper)
        first = (char)toupper((unsigned char)first);
    else if (!isupper((unsigned char)s[1]))
        first = (char)tolower((unsigned char)first);
    put_n(o, &first, 1);
    put(o, s + 1);
}

/* Writes the value of parameter [name, name+n). */
static void
put_param(struct out *o, const char *name, size_t n,
          const struct fb_msg_args *a, enum fb_lang lang)
{
#define IS(s) (n == sizeof(s) - 1 && memcmp(name, s, n) == 0)
    char buf[64];
    if (IS("object"))
        put_noun(o, a->noun, lang, false);
    else if (IS("subject"))
        put_noun(o, a->noun, lang, true);
    else if (IS("other"))
        put_noun(o, a->other, lang, false);
    else if (IS("count"))
        put_count(o, a->count);
    else if (IS("number"))
        put_number(o, a->number);
    else if (IS("date"))
        put(o, fb_date_format(&a->date, lang, buf, sizeof buf));
    else if (IS("time"))
        put(o, fb_time_format(a->minutes, lang, buf, sizeof buf));
    else if (IS("text"))
        put(o, a->text ? a->text : "");
    else if (IS("reference"))
        put(o, a->reference ? a->reference : "");
    else if (IS("money")) {
        fb_money_format(a->pence, buf, sizeof buf);
        put(o, buf);
    }
    else {
        /* Not a parameter: the braces are the author's own text. */
        put(o, "{");
        put_n(o, name, n);
        put(o, "}");
    }
#undef IS
}

static const char *
format(char *buf, size_t cap, const char *tmpl, const struct fb_msg_args *a,
       enum fb_lang lang)
{
    static const struct fb_msg_args none;
    struct out o = {buf, cap, 0};
    if (cap)
        buf[0] = '\0';
    if (!a)
        a = &none;
    for (const char *s = tmpl; *s;) {
        /* A parameter name holds no '{': in "{ and {object}" the first
         * brace is the author's own. */
        const char *close = s[0] == '{' ? strpbrk(s + 1, "{}") : NULL;
        if (close && *close == '}') {
            put_param(&o, s + 1, (size_t)(close - s - 1), a, lang);
            s = close + 1;
            continue;
        }
        const char *next = strchr(s + 1, '{');
        size_t n = next ? (size_t)(next - s) : strlen(s);
        put_n(&o, s, n);
        s += n;
    }
    return buf;
}

const char *
fb_msg_format(char *buf, size_t cap, enum fb_msg id,
              const struct fb_msg_args *args, enum fb_lang lang)
{
    const char *tmpl = fb_msg_text(id, lang);
    if ((unsigned)id < FB_MSG__COUNT && args && args->count == 1) {
        const struct entry *e = &catalogue[id];
        enum fb_lang l = known(lang);
        if (e->one[l] && e->text[l])
            tmpl = e->one[l];
        else if (e->one[FB_LANG_EN] && !e->text[l])
            tmpl = e->one[FB_LANG_EN];
    }
    return format(buf, cap, tmpl, args, lang);
}

const char *
fb_msg_format_text(char *buf, size_t cap, const struct fb_i18n *text,
                   const struct fb_msg_args *args, enum fb_lang lang)
{
    return format(buf, cap, fb_i18n_get(text, lang), args, lang);
}
