"""Feeds every line of a file to Drain3's TemplateMiner, for the template-mining speed benchmark.

Usage: python3 drain3-driver.py DRAIN3_DIR CONFIG.ini FILE

Drain3 (logpai/Drain3) is imported from DRAIN3_DIR as it is; this driver only reads lines and
calls add_log_message, the way Drain3's own examples/drain_stdin_demo.py does. Profiling is
switched off: it is a debugging aid, not part of mining.
"""
import sys
import time

drain3_dir, config_path, log_path = sys.argv[1:4]
sys.path.insert(0, drain3_dir)

from drain3 import TemplateMiner  # noqa: E402
from drain3.template_miner_config import TemplateMinerConfig  # noqa: E402

config = TemplateMinerConfig()
config.load(config_path)
config.profiling_enabled = False
miner = TemplateMiner(config=config)

start = time.perf_counter()
lines = 0
with open(log_path, encoding="utf-8", errors="replace") as f:
    for line in f:
        miner.add_log_message(line.rstrip("\n"))
        lines += 1
elapsed = time.perf_counter() - start
print(f"{lines} lines, {len(miner.drain.clusters)} clusters, {elapsed:.3f} s mining", file=sys.stderr)
