-- wrk script for `make load`: readers walking the public pages listed in a file.
--
-- wrk -t N -c N ... --script readers.lua URL -- PAGES_FILE N
-- PAGES_FILE: one page a line, "name<TAB>expected status<TAB>path".
-- One connection a thread, so each response answers the thread's last request:
-- a 404 is told apart as deliberate (its page expects one) or not.
-- Prints one JSON line: totals, latency (ms), and each page's requests and surprises.

local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  pages, seen, surprises = {}, {}, {}
  for line in io.lines(args[1]) do
    local name, expect, path = line:match("^(.-)\t(%d+)\t(.*)$")
    table.insert(pages, {name = name, expect = tonumber(expect), path = path})
    seen[name] = 0
  end
  -- Each thread starts at its own place in the walk.
  next_page = math.floor(id * #pages / tonumber(args[2])) % #pages
  expected_4xx, unexpected_4xx, status_5xx, other, cached, made = 0, 0, 0, 0, 0, 0
end

function request()
  next_page = next_page % #pages + 1
  current = pages[next_page]
  return wrk.format("GET", current.path)
end

function response(status, headers, body)
  seen[current.name] = seen[current.name] + 1
  -- Pages the page cache serves say which: kept ("hit") or made afresh ("miss").
  if headers["X-Page-Cache"] == "hit" then cached = cached + 1 end
  if headers["X-Page-Cache"] == "miss" then made = made + 1 end
  if status == current.expect then
    if status >= 400 then expected_4xx = expected_4xx + 1 end
    return
  end
  if status >= 500 then
    status_5xx = status_5xx + 1
  elseif status >= 400 then
    unexpected_4xx = unexpected_4xx + 1
  elseif current.expect >= 400 or status >= 300 then
    other = other + 1  -- a page that should be missing answered, or an unexpected redirect
  else
    return
  end
  local key = current.name .. " -> " .. status
  surprises[key] = (surprises[key] or 0) + 1
end

local function json_string(text)
  return '"' .. text:gsub('[%c"\\]', function(c) return string.format("\\u%04x", c:byte()) end) .. '"'
end

local function json_counts(counts)
  local parts = {}
  for key, value in pairs(counts) do
    table.insert(parts, json_string(key) .. ": " .. value)
  end
  return "{" .. table.concat(parts, ", ") .. "}"
end

done = function(summary, latency, requests)
  local totals = {expected_4xx = 0, unexpected_4xx = 0, status_5xx = 0, other = 0, cached = 0, made = 0}
  local seen_all, surprises_all = {}, {}
  for _, thread in ipairs(threads) do
    for key in pairs(totals) do
      totals[key] = totals[key] + thread:get(key)
    end
    for key, value in pairs(thread:get("seen")) do
      seen_all[key] = (seen_all[key] or 0) + value
    end
    for key, value in pairs(thread:get("surprises")) do
      surprises_all[key] = (surprises_all[key] or 0) + value
    end
  end
  local errors = summary.errors
  io.write(string.format(
    '{"requests": %d, "seconds": %.2f, "bytes": %d, ' ..
    '"p50_ms": %.2f, "p90_ms": %.2f, "p99_ms": %.2f, "max_ms": %.2f, ' ..
    '"expected_4xx": %d, "unexpected_4xx": %d, "5xx": %d, "other_surprises": %d, ' ..
    '"cached": %d, "made": %d, ' ..
    '"socket_errors": {"connect": %d, "read": %d, "write": %d, "timeout": %d}, ' ..
    '"pages": %s, "surprises": %s}\n',
    summary.requests, summary.duration / 1e6, summary.bytes,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000,
    totals.expected_4xx, totals.unexpected_4xx, totals.status_5xx, totals.other,
    totals.cached, totals.made,
    errors.connect, errors.read, errors.write, errors.timeout,
    json_counts(seen_all), json_counts(surprises_all)))
end
