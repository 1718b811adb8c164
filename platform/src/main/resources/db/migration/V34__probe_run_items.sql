-- The items of an evaluation or simulation as scoring needs them, kept while the run is running: on
-- a cluster the Lease-holding reconciler scores the results of a probe Job that finished while no
-- server followed it (ADR 0022). Cleared when the run ends; null for runs recorded before this.

ALTER TABLE evaluation_runs ADD COLUMN pending_items JSONB;
ALTER TABLE simulation_runs ADD COLUMN pending_items JSONB;
