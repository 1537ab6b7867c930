-- SPDX-License-Identifier: MIT
-- wrk script of the performance suite (bench/run.py). What each
-- connection does is chosen by BENCH_MODE:
--   fixed    the request given on wrk's command line and in BENCH_METHOD,
--            BENCH_BODY, BENCH_COOKIE; every answer must be BENCH_EXPECT
--   rotate   the same with the session and CSRF token of one of the
--            prepared sessions in BENCH_SESSIONS ("cookie csrf" lines),
--            a different one for each request
--   journey  whole journeys of report-streetlight, each in a new
--            session: 8 requests ending in the durable submission
--   prepare  the same journeys stopped before the submission; each
--            prepared one is written as "cookie csrf action" to
--            BENCH_OUT.N (N the thread), BENCH_LIMIT of them per thread
--   submit   each session prepared by "prepare" (BENCH_IN.*) submitted
--            once
--   booking  whole bookings of bench-booking (bench/forms/), each in a
--            new session: a free day and window picked at random from
--            the pages, until the day page offers none (every place
--            taken); a window or day gone meanwhile (409, or a
--            redirect back) is a refusal, not an error
-- A prepare or submit thread that has done all its work stops and
-- creates the file BENCH_DONE.N; bench/run.py stops wrk (SIGINT) once
-- every thread has.
-- journey, prepare, submit and booking need one connection per thread (wrk -t N
-- -c N): the script keeps each journey's state in its thread.
-- done() prints one line of JSON with the counts bench/run.py reads.
local ffi = require("ffi")
ffi.cdef [[
struct bench_ts { long sec; long nsec; };
int clock_gettime(int clock, struct bench_ts *t);
]]
local ts = ffi.new("struct bench_ts")
local function now()
  ffi.C.clock_gettime(1, ts)   -- CLOCK_MONOTONIC
  return tonumber(ts.sec) + tonumber(ts.nsec) / 1e9
end

local mode = os.getenv("BENCH_MODE") or "fixed"
local expect = tonumber(os.getenv("BENCH_EXPECT") or "200")
local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

-- Per thread: counts, the first request's time and the last answer's.
ok, bad, journeys, refused, first, last = 0, 0, 0, 0, nil, nil

local function form(t)
  local parts = {}
  for i = 1, #t, 2 do
    parts[#parts + 1] = t[i] .. "=" .. t[i + 1]
  end
  return table.concat(parts, "&")
end

local function lines(path)
  local out = {}
  local f = io.open(path, "r")
  if f then
    for l in f:lines() do out[#out + 1] = l end
    f:close()
  end
  return out
end

local headers_post = { ["Content-Type"] = "application/x-www-form-urlencoded" }

-- ---- fixed and rotate ----
local sessions, next_session = {}, 0

-- ---- journeys ----
local base = "/report-streetlight/"
local steps = {
  { "GET", "location", 200 },
  { "POST", "location", 303, { "street", "High+Street", "column_number", "12A", "location_details", "Outside+number+24" } },
  { "GET", "problem", 200 },
  { "POST", "problem", 303, { "fault", "out", "damage", "" } },
  { "GET", "contact", 200 },
  { "POST", "contact", 303, { "full_name", "Ann+Smith", "email", "ann%40example.org", "phone", "" } },
  { "GET", "check-answers", 200 },
  { "POST", "submit", 303, {} },
}
local step, cookie, csrf, action = 1, nil, nil, nil
local out, todo = nil, {}
local limit = tonumber(os.getenv("BENCH_LIMIT") or "0")
local finished = false

-- This thread has done all its work: say so, and stop.
local function finish()
  if finished then return end
  finished = true
  local f = io.open(os.getenv("BENCH_DONE") .. "." .. id, "w")
  if f then f:close() end
  wrk.thread:stop()
end

function init(args)
  if os.getenv("BENCH_METHOD") then
    wrk.method = os.getenv("BENCH_METHOD")
    wrk.body = os.getenv("BENCH_BODY")
    wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  end
  math.randomseed(id * 7919 + os.time())
  if mode == "rotate" then
    for _, l in ipairs(lines(os.getenv("BENCH_SESSIONS"))) do
      local c, t = l:match("^(%S+) (%S+)$")
      sessions[#sessions + 1] = { c, t }
    end
    next_session = id % #sessions
  elseif mode == "prepare" then
    out = io.open(os.getenv("BENCH_OUT") .. "." .. id, "w")
  elseif mode == "submit" then
    -- Every prepared session once, spread over the threads.
    local all = {}
    local i = 0
    while true do
      local l = lines(os.getenv("BENCH_IN") .. "." .. i)
      if #l == 0 then break end
      for _, x in ipairs(l) do all[#all + 1] = x end
      i = i + 1
    end
    local n = tonumber(os.getenv("BENCH_THREADS"))
    for k = id + 1, #all, n do
      local c, t, a = all[k]:match("^(%S+) (%S+) (%S+)$")
      todo[#todo + 1] = { c, t, a }
    end
    if #todo == 0 then finish() end
  end
end

-- ---- booking ----
-- The state is the next request: its method, page and, for a POST, the
-- answer and the status it should get.
local bbase = "/bench-booking/"
local bstate, bchoice = "day", nil

-- The values of the radios named @p name a page still offers.
local function offered(body, name)
  local out = {}
  for input in body:gmatch("<input[^>]*>") do
    if input:find('name="' .. name .. '"', 1, true)
        and not input:find("disabled", 1, true) then
      out[#out + 1] = input:match('value="([^"]*)"')
    end
  end
  return out
end

function booking_request()
  local h = {}
  if cookie then h["Cookie"] = "fb_session=" .. cookie end
  local page, answer = nil, nil
  if bstate == "day" or bstate == "window" or bstate == "contact"
      or bstate == "check-answers" then
    return wrk.format("GET", bbase .. bstate, h)
  elseif bstate == "post-day" then
    page, answer = bbase .. "day", "day=" .. bchoice
  elseif bstate == "post-window" then
    page, answer = bbase .. "window", "window=" .. bchoice
  elseif bstate == "post-contact" then
    page, answer = bbase .. "contact", "email=bench%40example.org"
  else -- submit
    page, answer = action, ""
  end
  h["Content-Type"] = "application/x-www-form-urlencoded"
  return wrk.format("POST", page, h,
                    answer .. "&csrf_token=" .. csrf .. "&website=")
end

-- A random one of @p values, or nil.
local function pick(values)
  if #values == 0 then return nil end
  return values[math.random(#values)]
end

function booking_response(status, headers, body)
  last = now()
  local where = headers["Location"] or ""
  if bstate == "day" or bstate == "window" or bstate == "contact"
      or bstate == "check-answers" then
    if status ~= 200 then
      bad = bad + 1
      bstate, cookie = "day", nil
      return
    end
    ok = ok + 1
    local c = (headers["Set-Cookie"] or ""):match("fb_session=(%x+)")
    if c then cookie = c end
    csrf = body:match('name="csrf_token" value="(%x+)"')
    if bstate == "day" then
      bchoice = pick(offered(body, "day"))
      if not bchoice then finish() return end   -- every place taken
      bstate = "post-day"
    elseif bstate == "window" then
      bchoice = pick(offered(body, "window"))
      bstate = bchoice and "post-window" or "day"
      if not bchoice then refused = refused + 1 end
    elseif bstate == "contact" then
      bstate = "post-contact"
    else
      action = body:match('novalidate action="([^"]*submit[^"]*)"')
      bstate = "submit"
    end
    return
  end
  -- A POST: 303 onwards; 409 (the window filled meanwhile) or a
  -- redirect back to the day page is a refusal: choose again.
  if status == 409 or status == 422 or where:find("/day", 1, true) then
    refused = refused + 1
    bstate = bstate == "post-window" and "window" or "day"
    return
  end
  if status ~= 303 then
    bad = bad + 1
    bstate, cookie = "day", nil
    return
  end
  ok = ok + 1
  if bstate == "post-day" then
    bstate = "window"
  elseif bstate == "post-window" then
    bstate = "contact"
  elseif bstate == "post-contact" then
    bstate = "check-answers"
  else
    journeys = journeys + 1
    bstate, cookie = "day", nil
  end
end

function request()
  if not first then first = now() end
  if finished then
    return wrk.format("GET", "/healthz")
  elseif mode == "fixed" then
    return wrk.request()
  elseif mode == "rotate" then
    local s = sessions[next_session + 1]
    next_session = (next_session + 1) % #sessions
    local h = { ["Cookie"] = "fb_session=" .. s[1],
                ["Content-Type"] = "application/x-www-form-urlencoded" }
    local body = (os.getenv("BENCH_BODY") or "") .. "&csrf_token=" .. s[2]
    return wrk.format("POST", nil, h, body)
  elseif mode == "submit" then
    local s = todo[#todo]
    local h = { ["Cookie"] = "fb_session=" .. s[1],
                ["Content-Type"] = "application/x-www-form-urlencoded" }
    return wrk.format("POST", s[3], h, "csrf_token=" .. s[2] .. "&website=")
  elseif mode == "booking" then
    return booking_request()
  end
  local st = steps[step]
  local h = {}
  if cookie then h["Cookie"] = "fb_session=" .. cookie end
  if st[1] == "GET" then
    return wrk.format("GET", base .. st[2], h)
  end
  h["Content-Type"] = "application/x-www-form-urlencoded"
  local body = form(st[4]) .. "&csrf_token=" .. csrf .. "&website="
  local path = st[2] == "submit" and action or base .. st[2]
  return wrk.format("POST", path, h, body)
end

local function count(status, want)
  last = now()
  if status == want then
    ok = ok + 1
    return true
  end
  bad = bad + 1
  return false
end

function response(status, headers, body)
  if finished then
    return
  elseif mode == "fixed" or mode == "rotate" then
    count(status, expect)
    return
  elseif mode == "submit" then
    if count(status, 303) then journeys = journeys + 1 end
    todo[#todo] = nil
    if #todo == 0 then finish() end
    return
  elseif mode == "booking" then
    booking_response(status, headers, body)
    return
  end
  local st = steps[step]
  if not count(status, st[3]) then
    step, cookie = 1, nil   -- start again in a new session
    return
  end
  if step == 1 then
    cookie = (headers["Set-Cookie"] or ""):match("fb_session=(%x+)")
  end
  if st[1] == "GET" then
    csrf = body:match('name="csrf_token" value="(%x+)"')
    action = body:match('novalidate action="([^"]*submit[^"]*)"')
  end
  if mode == "prepare" and step == 7 then
    out:write(cookie, " ", csrf, " ", action, "\n")
    out:flush()
    journeys = journeys + 1
    step, cookie = 1, nil
    if journeys >= limit then finish() end
  elseif step == #steps then
    journeys = journeys + 1
    step, cookie = 1, nil
  else
    step = step + 1
  end
end

function done(summary, latency, requests)
  local t = { ok = 0, bad = 0, journeys = 0, refused = 0, first = nil,
              last = nil }
  for _, th in ipairs(threads) do
    t.ok = t.ok + th:get("ok")
    t.bad = t.bad + th:get("bad")
    t.journeys = t.journeys + th:get("journeys")
    t.refused = t.refused + th:get("refused")
    local f, l = th:get("first"), th:get("last")
    if f and (not t.first or f < t.first) then t.first = f end
    if l and (not t.last or l > t.last) then t.last = l end
  end
  local active = (t.first and t.last) and (t.last - t.first) or 0
  io.write(string.format(
    '{"requests": %d, "ok": %d, "bad": %d, "journeys": %d, ' ..
    '"refused": %d, ' ..
    '"socket_errors": %d, "duration_s": %.3f, "active_s": %.3f, ' ..
    '"p50_ms": %.3f, "p99_ms": %.3f}\n',
    summary.requests, t.ok, t.bad, t.journeys, t.refused,
    summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.timeout,
    summary.duration / 1e6, active,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
