"""The work programme: plans, tasks, progress updates, cascades and coordination."""
