"""The search index: which pages Pagefind reads, and how they reach it."""
