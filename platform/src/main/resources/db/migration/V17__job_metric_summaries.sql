-- Per-series summaries of job_metrics (count, min, max, first and last step), kept by a statement
-- trigger over each insert's new rows, so reads of long series (training_metrics,
-- experiment_compare, model_register) need no aggregate pass over their points.
CREATE TABLE job_metric_summaries (
    job_id      TEXT NOT NULL REFERENCES training_jobs(id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    count       BIGINT NOT NULL,
    min_value   DOUBLE PRECISION NOT NULL,
    max_value   DOUBLE PRECISION NOT NULL,
    first_step  BIGINT NOT NULL,
    last_step   BIGINT NOT NULL,
    PRIMARY KEY (job_id, name)
);

CREATE FUNCTION job_metrics_summarise() RETURNS trigger AS $$
BEGIN
    -- one row per series of the statement, upserted in key order so concurrent writers lock alike
    INSERT INTO job_metric_summaries AS s (job_id, name, count, min_value, max_value, first_step, last_step)
    SELECT job_id, name, count(*), min(value), max(value), min(step), max(step)
    FROM new_points GROUP BY job_id, name ORDER BY job_id, name
    ON CONFLICT (job_id, name) DO UPDATE SET
        count = s.count + excluded.count,
        min_value = least(s.min_value, excluded.min_value),
        max_value = greatest(s.max_value, excluded.max_value),
        first_step = least(s.first_step, excluded.first_step),
        last_step = greatest(s.last_step, excluded.last_step);
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER job_metrics_summary AFTER INSERT ON job_metrics
    REFERENCING NEW TABLE AS new_points FOR EACH STATEMENT EXECUTE FUNCTION job_metrics_summarise();

INSERT INTO job_metric_summaries (job_id, name, count, min_value, max_value, first_step, last_step)
SELECT job_id, name, count(*), min(value), max(value), min(step), max(step) FROM job_metrics GROUP BY job_id, name;
