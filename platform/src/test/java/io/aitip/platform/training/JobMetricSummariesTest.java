package io.aitip.platform.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.aitip.platform.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** The trigger-kept series summaries (V17) agree with the points however they were inserted. */
class JobMetricSummariesTest {

    static TestDatabase db;
    static JdbcTemplate jdbc;
    static JobMetricStore metrics;

    @BeforeAll
    static void setUp() {
        db = TestDatabase.create();
        jdbc = new JdbcTemplate(db.dataSource());
        metrics = new JobMetricStore(jdbc);
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    static void job(String id) {
        jdbc.update("INSERT INTO training_jobs (id, org_id, project_id, owner_id, name, model, status) "
                + "VALUES (?, 'org', 'prj', 'usr', ?, 'm', 'running')", id, id);
    }

    @Test
    void summariesMatchThePointsAcrossBatchesAndSeries() {
        job("train-sum00001");
        List<MetricPoint> first = new ArrayList<>();
        for (int step = 500; step >= 1; step--) {
            first.add(new MetricPoint("loss", step, 1.0 / step));
            first.add(new MetricPoint("acc", step, step / 1000.0));
        }
        metrics.append("train-sum00001", first);
        metrics.append("train-sum00001", List.of(new MetricPoint("loss", 0, 7.5), new MetricPoint("loss", 900, -1)));
        jdbc.update("INSERT INTO job_metrics (job_id, name, step, value) VALUES ('train-sum00001', 'loss', 901, 0.25)");

        List<Map<String, Object>> kept = jdbc.queryForList("SELECT name, count, min_value, max_value, first_step, last_step "
                + "FROM job_metric_summaries WHERE job_id = 'train-sum00001' ORDER BY name");
        List<Map<String, Object>> counted = jdbc.queryForList("SELECT name, count(*) AS count, min(value) AS min_value, "
                + "max(value) AS max_value, min(step) AS first_step, max(step) AS last_step FROM job_metrics "
                + "WHERE job_id = 'train-sum00001' GROUP BY name ORDER BY name");
        assertThat(kept).isEqualTo(counted);
        assertThat(kept.get(1)).containsEntry("count", 503L).containsEntry("min_value", -1.0).containsEntry("last_step", 901L);

        JobMetricStore.Series loss = metrics.series("train-sum00001", "loss", 10).get("loss");
        // steps 501..899 are empty buckets: fewer points, never more than asked, first and last kept
        assertThat(loss.points()).extracting(JobMetricStore.Point::step).containsExactly(0L, 100L, 200L, 300L, 400L,
                500L, 901L);
        assertThat(loss.last()).isEqualTo(0.25);
        assertThat(loss.best()).isEqualTo(-1.0);
    }

    @Test
    void aSeriesOfOneRepeatedStepStillReadsBack() {
        job("train-sum00002");
        metrics.append("train-sum00002", List.of(new MetricPoint("x", 5, 1), new MetricPoint("x", 5, 2),
                new MetricPoint("x", 5, 3)));
        assertThat(metrics.series("train-sum00002", null, 1).get("x").points()).singleElement()
                .satisfies(p -> assertThat(p.step()).isEqualTo(5));
        assertThat(metrics.series("train-sum00002", null, 2).get("x").count()).isEqualTo(3);
        jdbc.update("DELETE FROM training_jobs WHERE id = 'train-sum00002'");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM job_metric_summaries WHERE job_id = 'train-sum00002'",
                Long.class)).as("summaries go with their job").isZero();
    }
}
