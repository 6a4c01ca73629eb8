"""The hot-spot detection benchmark: synthetic commune x category x day counts with planted
outbreaks (`generator`), the methods calibrated and measured on them (`evaluation`), and
the timed daily runs (`runtime`). `bench/bench_detection.py` puts them together."""
