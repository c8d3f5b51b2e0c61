"""Run every benchmark and print its figures."""

from bench import (
    badge_pull,
    browser_timing,
    build_size,
    cohort_skills,
    ingest_500,
    ingest_cluster,
    lighthouse,
    push_fanout,
    reminder_planning,
    review_pull,
    sync_sizes,
    sync_throughput,
)

if __name__ == "__main__":
    sync_sizes.main()
    sync_throughput.main()
    ingest_500.main()
    ingest_cluster.main()
    browser_timing.main()
    push_fanout.main()
    review_pull.main()
    badge_pull.main()
    cohort_skills.main()
    reminder_planning.main()
    build_size.main()
    lighthouse.main()
