"""Benchmarks, the load test and the cluster test: `python -m bench.run`, `bench.load`,
`bench.cluster` (the Makefile's `bench`, `load`, `cluster-test` and `cluster-bench`).

Also a Django app, for what they need inside the site: the `bench_probe` command and
the bare reference page (bench.views, mounted only when BENCH_REFERENCE_HTML is set).
"""
