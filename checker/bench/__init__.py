"""The benchmark (`make bench`): a deterministic corpus generator (corpus), the end-to-end
runner (run) and the sentence-splitter comparison (segmenters)."""
