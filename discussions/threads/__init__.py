"""Threads: the thread life cycle, official answers, reactions and the SLA clock."""
