"""Run every benchmark and print its figures."""

from bench import build_size, sync_throughput

if __name__ == "__main__":
    sync_throughput.main()
    build_size.main()
