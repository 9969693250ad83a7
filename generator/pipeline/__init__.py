"""load → items → URL lock → schedule, run once for build, preview, lock and check."""
