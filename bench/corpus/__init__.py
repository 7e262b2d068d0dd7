"""Generator of the labelled resume corpus for bench/parse_accuracy.py (see bench/make_resume_corpus.py)."""
