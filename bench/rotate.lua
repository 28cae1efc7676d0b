-- wrk script: request the paths of a file in turn, each connection from its own
-- place in the list, then print the same RESULT line as report.lua.
-- Usage: wrk ... -s bench/rotate.lua http://host:port -- paths.txt
local paths = {}
local counter = 0
local threads = {}

setup = function(thread)
  thread:set("offset", #threads * 7919)
  table.insert(threads, thread)
end

init = function(args)
  for line in io.lines(args[1]) do
    if line ~= "" then table.insert(paths, line) end
  end
  counter = offset or 0
end

request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end

dofile("bench/report.lua")
