package io.aitip.platform.training;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.aitip.platform.testing.PooledTestDataSource;
import io.aitip.platform.testing.TestDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

class JobOutputStoresTest {

    static TestDatabase db;
    static HikariDataSource pool;
    static TrainingJobStore jobs;
    static JobLogStore logs;
    static JobMetricStore metrics;

    @BeforeAll
    static void setUp() {
        db = TestDatabase.create();
        pool = PooledTestDataSource.of(db);
        JdbcTemplate jdbc = new JdbcTemplate(pool);
        jobs = new TrainingJobStore(jdbc);
        logs = new JobLogStore(jdbc);
        metrics = new JobMetricStore(jdbc);
    }

    @AfterAll
    static void tearDown() {
        pool.close();
        db.close();
    }

    static String newJob(String id) {
        jobs.insert(TrainingJob.draft(id, "org", "prj", "usr", "n", "m", null, null, null, "true", null,
                TrainingConfig.empty(), null, 0, null, null, "none", 1, null, 0, null));
        return id;
    }

    @Test
    void appendsLinesMetricsAndOffsetTogetherAndReadsByTailAndCursor() {
        String id = newJob("train-logs0001");
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 25; i++) {
            lines.add("line " + i);
        }
        logs.append(id, 1, lines.subList(0, 20), List.of(new MetricPoint("loss", 1, 0.9)), 200);
        logs.append(id, 21, lines.subList(20, 25), List.of(new MetricPoint("loss", 2, 0.5)), 250);
        // a batch replayed after a crash is not stored twice
        logs.append(id, 21, lines.subList(20, 25), List.of(), 250);

        assertThat(logs.lastSeq(id)).isEqualTo(25);
        assertThat(jobs.findById(id).orElseThrow().logOffset()).isEqualTo(250);
        assertThat(logs.tail(id, 3)).extracting(LogLine::line).containsExactly("line 23", "line 24", "line 25");
        assertThat(logs.after(id, 10, null, 4)).extracting(LogLine::seq).containsExactly(11L, 12L, 13L, 14L);
        assertThat(logs.after(id, 25, null, 4)).isEmpty();
        assertThat(logs.after(id, 0, Instant.now().plusSeconds(60), 4)).isEmpty();
        assertThat(metrics.latest(id, "loss")).hasValueSatisfying(p -> assertThat(p.value()).isEqualTo(0.5));
    }

    @Test
    void cutsHugeLinesAndNulBytes() {
        String id = newJob("train-logs0002");
        logs.append(id, 1, List.of("a\0b", "x".repeat(10_000)), List.of(), 10);
        List<LogLine> read = logs.tail(id, 10);
        assertThat(read.get(0).line()).isEqualTo("a b");
        assertThat(read.get(1).line()).hasSizeLessThan(4100).endsWith("[line truncated]");
    }

    @Test
    void seriesAreDownsampledKeepingTheLastPointWithBestByMetricKind() {
        String id = newJob("train-metr0001");
        List<MetricPoint> points = new ArrayList<>();
        for (int step = 1; step <= 1000; step++) {
            points.add(new MetricPoint("train_loss", step, 1.0 / step + (step == 1000 ? 0.5 : 0)));
            points.add(new MetricPoint("accuracy", step, step / 1000.0 - (step == 1000 ? 0.1 : 0)));
        }
        metrics.append(id, points);

        Map<String, JobMetricStore.Series> all = metrics.series(id, null, 20);
        assertThat(all).containsOnlyKeys("accuracy", "train_loss");
        JobMetricStore.Series loss = all.get("train_loss");
        assertThat(loss.points()).hasSizeBetween(15, 20);
        assertThat(loss.points().get(0).step()).isEqualTo(1);
        assertThat(loss.points().get(loss.points().size() - 1).step()).isEqualTo(1000);
        assertThat(loss.count()).isEqualTo(1000);
        assertThat(loss.downsampled()).isTrue();
        assertThat(loss.best()).isEqualTo(loss.min());
        assertThat(loss.last()).isEqualTo(0.501);
        assertThat(all.get("accuracy").best()).isEqualTo(0.999);

        assertThat(metrics.series(id, "LOSS", 5)).containsOnlyKeys("train_loss");
        assertThat(metrics.series(id, "loss", 1).get("train_loss").points()).singleElement()
                .satisfies(p -> assertThat(p.step()).isEqualTo(1000));
        assertThat(metrics.series(id, "nothing", 5)).isEmpty();
    }
}
