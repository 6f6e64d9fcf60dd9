-- Plain GETs of the URL given to wrk, with the status counts and percentiles as JSON.
dofile(os.getenv("BENCH_DIR") .. "/report.lua")
