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
    [FB_MSG_ASSIST_BAD_TITLE] = {"assist-bad-title",
        {"This link does not work", "Nid yw'r ddolen hon yn gweithio"},
        {0}},
    [FB_MSG_ASSIST_BAD_BODY] = {"assist-bad-body",
        {"The link has been changed or is not complete. Copy the whole "
         "link again, or make a new one.", "Mae'r ddolen wedi cael ei "
         "newid neu nid yw'n gyflawn. Cop\u00efwch y ddolen gyfan eto, "
         "neu gwnewch un newydd."}, {0}},
    [FB_MSG_ASSIST_EXPIRED_TITLE] = {"assist-expired-title",
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
