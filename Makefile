# The two README commands.
.PHONY: run test bench

run:  ## set up everything and serve the app on http://localhost:3000
	scripts/run.sh

test:  ## set up everything and run the whole test suite
	scripts/test.sh

bench:  ## print build-size and sync-throughput figures
	scripts/setup.sh test && .venv/bin/python -m bench.run_all
