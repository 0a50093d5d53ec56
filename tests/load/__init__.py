"""`make load`: a headless locust run against the production stack on this machine, then checks
of its database. `run.run_load` is the entry point for anything that drives a run (`make faults`
injects a fault part-way through one)."""
