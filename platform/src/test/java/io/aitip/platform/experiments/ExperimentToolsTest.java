package io.aitip.platform.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.aitip.platform.testing.PooledTestDataSource;
import io.aitip.platform.testing.TestDatabase;
import io.aitip.platform.testing.TestToolContext;
import io.aitip.platform.training.JobChange;
import io.aitip.platform.training.JobMetricStore;
import io.aitip.platform.training.JobStateMachine;
import io.aitip.platform.training.JobStatus;
import io.aitip.platform.training.MetricPoint;
import io.aitip.platform.training.TrainingConfig;
import io.aitip.platform.training.TrainingJob;
import io.aitip.platform.training.TrainingJobStore;
import io.aitip.tools.json.Json;
import io.aitip.tools.model.ErrorCode;
import io.aitip.tools.model.Ids;
import io.aitip.tools.model.ToolException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

class ExperimentToolsTest {

    static TestDatabase db;
    static HikariDataSource pool;
    static TrainingJobStore jobs;
    static JobStateMachine states;
    static JobMetricStore metricStore;
    static ExperimentCreateTool create;
    static ExperimentListTool list;
    static ExperimentGetTool get;
    static ExperimentCompareTool compare;

    @BeforeAll
    static void setUp() {
        db = TestDatabase.create();
        pool = PooledTestDataSource.of(db);
        JdbcTemplate jdbc = new JdbcTemplate(pool);
        jobs = new TrainingJobStore(jdbc);
        states = new JobStateMachine(jdbc);
        metricStore = new JobMetricStore(jdbc);
        ExperimentStore store = new ExperimentStore(jdbc);
        ExperimentService service = new ExperimentService(store);
        RunMetricStore runMetrics = new RunMetricStore(jdbc);
        create = new ExperimentCreateTool(service);
        list = new ExperimentListTool(store);
        get = new ExperimentGetTool(service, runMetrics);
        compare = new ExperimentCompareTool(jobs, runMetrics);
    }

    @AfterAll
    static void tearDown() {
        pool.close();
        db.close();
    }

    /** A job of the context's tenant, moved through the real lifecycle to {@code status}. */
    static String job(TestToolContext ctx, String experimentId, JobStatus status, double learningRate) {
        String id = Ids.next("train");
        jobs.insert(TrainingJob.draft(id, ctx.principal().orgId(), ctx.principal().projectId(), "usr", "run-" + id,
                "resnet50", null, null, "pytorch", "python train.py", null,
                new TrainingConfig(learningRate, 32, 3, null, null, null, null), null, 0, null, null, "none", 1,
                experimentId, 0, null));
        if (status == JobStatus.PENDING) {
            return id;
        }
        states.transition(id, JobStatus.PENDING, JobStatus.QUEUED, JobChange.none());
        states.transition(id, JobStatus.QUEUED, JobStatus.RUNNING, JobChange.none());
        if (status != JobStatus.RUNNING) {
            states.transition(id, JobStatus.RUNNING, status, JobChange.message("finished").exitCode(0)
                    .checkpointPath("/tmp/" + id + "/checkpoint.pt"));
        }
        return id;
    }

    static void curve(String jobId, String name, int steps, java.util.function.LongToDoubleFunction value) {
        List<MetricPoint> points = new ArrayList<>(steps);
        for (long step = 1; step <= steps; step++) {
            points.add(new MetricPoint(name, step, value.applyAsDouble(step)));
        }
        metricStore.append(jobId, points);
    }

    @Test
    void createRejectsDuplicatesAndIdLikeNamesAndIsPerProject() {
        TestToolContext ctx = TestToolContext.member("org-create", "prj-a");
        ExperimentView made = (ExperimentView) create.call(ctx,
                new ExperimentCreateTool.Input("lr-sweep", "learning rates", "0.01 beats 0.1"));
        assertThat(made.experimentId()).matches("exp-[0-9a-f]{8}");
        assertThat(made.hypothesis()).isEqualTo("0.01 beats 0.1");
        assertThat(made.status()).isEqualTo("active");

        assertThatThrownBy(() -> create.call(ctx, new ExperimentCreateTool.Input(" lr-sweep ", null, null)))
                .isInstanceOfSatisfying(ToolException.class, e -> {
                    assertThat(e.error().code()).isEqualTo(ErrorCode.CONFLICT);
                    assertThat(e.getMessage()).contains("training_submit");
                });
        assertThatThrownBy(() -> create.call(ctx, new ExperimentCreateTool.Input("exp-0123abcd", null, null)))
                .isInstanceOfSatisfying(ToolException.class, e -> assertThat(e.error().pointer()).isEqualTo("/name"));
        ExperimentView other = (ExperimentView) create.call(TestToolContext.member("org-create", "prj-b"),
                new ExperimentCreateTool.Input("lr-sweep", null, null));
        assertThat(other.experimentId()).isNotEqualTo(made.experimentId());
    }

    @Test
    void getShowsRunsNewestFirstWithStatusAndFinalMetricsAndPages() {
        TestToolContext ctx = TestToolContext.member("org-get", "prj");
        ExperimentView exp = (ExperimentView) create.call(ctx, new ExperimentCreateTool.Input("warmup", null, null));
        String first = job(ctx, exp.experimentId(), JobStatus.SUCCEEDED, 0.1);
        curve(first, "loss", 50, s -> 1.0 / s);
        curve(first, "accuracy", 50, s -> s / 100.0);
        String second = job(ctx, exp.experimentId(), JobStatus.FAILED, 0.5);
        curve(second, "loss", 10, s -> 2.0);
        String third = job(ctx, exp.experimentId(), JobStatus.RUNNING, 0.01);
        job(ctx, null, JobStatus.SUCCEEDED, 0.1); // not in the experiment

        ExperimentGetTool.Result all = (ExperimentGetTool.Result) get.call(ctx,
                new ExperimentGetTool.Input("warmup", null, null));
        assertThat(all.experiment().experimentId()).isEqualTo(exp.experimentId());
        assertThat(all.runCount()).isEqualTo(3);
        assertThat(all.runsByStatus()).containsEntry("succeeded", 1L).containsEntry("failed", 1L)
                .containsEntry("running", 1L);
        assertThat(all.runs()).extracting(ExperimentGetTool.Run::jobId).containsExactly(third, second, first);
        ExperimentGetTool.Run done = all.runs().get(2);
        assertThat(done.status()).isEqualTo("succeeded");
        assertThat(done.config().learningRate()).isEqualTo(0.1);
        assertThat(done.finalMetrics()).containsOnlyKeys("accuracy", "loss");
        assertThat(done.finalMetrics().get("loss").value()).isEqualTo(1.0 / 50);
        assertThat(done.finalMetrics().get("loss").step()).isEqualTo(50);
        assertThat(done.finalMetrics().get("accuracy").value()).isEqualTo(0.5);
        assertThat(all.runs().get(0).finalMetrics()).isEmpty();
        assertThat(all.nextCursor()).isNull();

        JsonNode json = Json.tree(all);
        assertThat(json.path("runs").get(2).path("final_metrics").path("loss").path("value").asDouble()).isEqualTo(0.02);

        ExperimentGetTool.Result page1 = (ExperimentGetTool.Result) get.call(ctx,
                new ExperimentGetTool.Input(exp.experimentId(), 2, null));
        assertThat(page1.runs()).hasSize(2);
        ExperimentGetTool.Result page2 = (ExperimentGetTool.Result) get.call(ctx,
                new ExperimentGetTool.Input(exp.experimentId(), 2, page1.nextCursor()));
        assertThat(page2.runs()).extracting(ExperimentGetTool.Run::jobId).containsExactly(first);
        assertThat(page2.nextCursor()).isNull();
    }

    @Test
    void listPagesAndCountsRuns() {
        TestToolContext ctx = TestToolContext.member("org-list", "prj");
        for (int i = 0; i < 5; i++) {
            create.call(ctx, new ExperimentCreateTool.Input("e" + i, null, null));
        }
        ExperimentView busy = (ExperimentView) create.call(ctx, new ExperimentCreateTool.Input("busy", null, null));
        job(ctx, busy.experimentId(), JobStatus.SUCCEEDED, 0.1);
        job(ctx, busy.experimentId(), JobStatus.PENDING, 0.2);

        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            ExperimentListTool.Page page = (ExperimentListTool.Page) list.call(ctx, new ExperimentListTool.Input(4, cursor));
            page.experiments().forEach(e -> assertThat(seen.add(e.experimentId())).isTrue());
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);
        assertThat(seen).hasSize(6);
        assertThat(pages).isEqualTo(2);
        ExperimentListTool.Page first = (ExperimentListTool.Page) list.call(ctx, new ExperimentListTool.Input(1, null));
        assertThat(first.experiments()).singleElement().satisfies(e -> {
            assertThat(e.name()).isEqualTo("busy");
            assertThat(e.runCount()).isEqualTo(2);
            assertThat(e.lastRunAt()).isNotNull();
        });
        assertThatThrownBy(() -> list.call(ctx, new ExperimentListTool.Input(null, "nope!")))
                .isInstanceOfSatisfying(ToolException.class, e -> assertThat(e.error().pointer()).isEqualTo("/cursor"));
    }

    @Test
    void compareTablesCommonMetricsWithBestByKindAndLeaders() {
        TestToolContext ctx = TestToolContext.member("org-cmp", "prj");
        String a = job(ctx, null, JobStatus.SUCCEEDED, 0.1);
        String b = job(ctx, null, JobStatus.SUCCEEDED, 0.01);
        curve(a, "val_loss", 100, s -> s == 60 ? 0.05 : 1.0 / s + 0.1);   // best 0.05 at step 60, final 0.11
        curve(b, "val_loss", 80, s -> 1.0 / s + 0.08);                     // best = final = 0.0925
        curve(a, "accuracy", 100, s -> s / 100.0);                         // best = final = 1.0
        curve(b, "accuracy", 80, s -> s == 40 ? 0.99 : 0.9);               // best 0.99, final 0.9
        curve(a, "grad_norm", 10, s -> 1.0);                               // only in a

        ExperimentCompareTool.Result result = (ExperimentCompareTool.Result) compare.call(ctx,
                new ExperimentCompareTool.Input(List.of(a, b), null, 10));
        assertThat(result.metrics()).containsExactly("accuracy", "val_loss");
        assertThat(result.runs()).extracting(ExperimentCompareTool.Run::jobId).containsExactly(a, b);
        RunMetricStore.Summary aLoss = result.runs().get(0).metrics().get("val_loss");
        assertThat(aLoss.last()).isEqualTo(1.0 / 100 + 0.1);
        assertThat(aLoss.lastStep()).isEqualTo(100);
        assertThat(aLoss.best()).isEqualTo(0.05);
        assertThat(aLoss.bestIs()).isEqualTo("min");
        assertThat(aLoss.min()).isEqualTo(0.05);
        assertThat(aLoss.max()).isEqualTo(1.1);
        assertThat(aLoss.count()).isEqualTo(100);
        assertThat(aLoss.downsampled()).isTrue();
        assertThat(aLoss.history()).hasSize(10);
        assertThat(aLoss.history()).extracting(RunMetricStore.Point::step)
                .containsExactly(10L, 20L, 30L, 40L, 50L, 60L, 70L, 80L, 90L, 100L);
        RunMetricStore.Summary bAcc = result.runs().get(1).metrics().get("accuracy");
        assertThat(bAcc.best()).isEqualTo(0.99);
        assertThat(bAcc.bestIs()).isEqualTo("max");
        assertThat(bAcc.last()).isEqualTo(0.9);
        assertThat(result.leaders().get("val_loss").jobId()).isEqualTo(a);
        assertThat(result.leaders().get("accuracy").jobId()).isEqualTo(a);
        assertThat(result.leaders().get("accuracy").best()).isEqualTo(1.0);
        assertThat(result.runs().get(0).metrics()).doesNotContainKey("grad_norm");

        // short series come back whole
        ExperimentCompareTool.Result whole = (ExperimentCompareTool.Result) compare.call(ctx,
                new ExperimentCompareTool.Input(List.of(a, b), "val_loss", 500));
        assertThat(whole.runs().get(1).metrics().get("val_loss").history()).hasSize(80);
        assertThat(whole.runs().get(1).metrics().get("val_loss").downsampled()).isFalse();

        // a metric only one run reports: compared, and the other run is named as missing it
        ExperimentCompareTool.Result partial = (ExperimentCompareTool.Result) compare.call(ctx,
                new ExperimentCompareTool.Input(List.of(a, b), "grad_norm", null));
        assertThat(partial.missing()).containsEntry("grad_norm", List.of(b));
        assertThat(partial.runs().get(1).metrics()).isEmpty();
        assertThat(partial.historyPoints()).isEqualTo(200);

        JsonNode json = Json.tree(result);
        assertThat(json.path("runs").get(0).path("metrics").path("val_loss").path("best_is").asString()).isEqualTo("min");
        assertThat(json.path("leaders").path("val_loss").path("job_id").asString()).isEqualTo(a);
    }

    @Test
    void compareRefusesBadRunListsAndUnknownMetricsWithPointers() {
        TestToolContext ctx = TestToolContext.member("org-cmp-bad", "prj");
        String a = job(ctx, null, JobStatus.SUCCEEDED, 0.1);
        String b = job(ctx, null, JobStatus.SUCCEEDED, 0.1);
        curve(a, "loss", 5, s -> 1.0);
        curve(b, "loss", 5, s -> 1.0);
        String foreign = job(TestToolContext.member("org-other", "prj"), null, JobStatus.SUCCEEDED, 0.1);

        assertThatThrownBy(() -> compare.call(ctx, new ExperimentCompareTool.Input(List.of(a), null, null)))
                .isInstanceOfSatisfying(ToolException.class, e -> {
                    assertThat(e.error().code()).isEqualTo(ErrorCode.INVALID_ARGUMENTS);
                    assertThat(e.error().pointer()).isEqualTo("/runs");
                    assertThat(e.getMessage()).contains("training_metrics");
                });
        assertThatThrownBy(() -> compare.call(ctx, new ExperimentCompareTool.Input(List.of(a, a), null, null)))
                .isInstanceOfSatisfying(ToolException.class, e -> assertThat(e.error().pointer()).isEqualTo("/runs/1"));
        assertThatThrownBy(() -> compare.call(ctx, new ExperimentCompareTool.Input(List.of(a, foreign), null, null)))
                .isInstanceOfSatisfying(ToolException.class, e -> {
                    assertThat(e.error().code()).isEqualTo(ErrorCode.NOT_FOUND);
                    assertThat(e.error().pointer()).isEqualTo("/runs/1");
                });
        assertThatThrownBy(() -> compare.call(ctx, new ExperimentCompareTool.Input(List.of(a, b), "bleu", null)))
                .isInstanceOfSatisfying(ToolException.class, e -> {
                    assertThat(e.error().pointer()).isEqualTo("/metric");
                    assertThat(e.getMessage()).contains("loss");
                });
        // no metrics at all: an empty table that says why
        String c = job(ctx, null, JobStatus.RUNNING, 0.1);
        String d = job(ctx, null, JobStatus.RUNNING, 0.1);
        ExperimentCompareTool.Result empty = (ExperimentCompareTool.Result) compare.call(ctx,
                new ExperimentCompareTool.Input(List.of(c, d), null, null));
        assertThat(empty.metrics()).isEmpty();
        assertThat(empty.note()).contains("training_wait");
    }

    @Test
    void anotherTenantsExperimentIsNotFound() {
        ExperimentView mine = (ExperimentView) create.call(TestToolContext.member("org-a", "prj"),
                new ExperimentCreateTool.Input("secret-exp", "private", null));
        TestToolContext intruder = TestToolContext.member("org-b", "prj");
        for (String ref : List.of(mine.experimentId(), "secret-exp")) {
            assertThatThrownBy(() -> get.call(intruder, new ExperimentGetTool.Input(ref, null, null)))
                    .isInstanceOfSatisfying(ToolException.class, e -> {
                        assertThat(e.error().code()).isEqualTo(ErrorCode.NOT_FOUND);
                        assertThat(e.getMessage()).contains("experiment_list");
                    });
        }
        ExperimentListTool.Page theirs = (ExperimentListTool.Page) list.call(intruder, new ExperimentListTool.Input(null, null));
        assertThat(theirs.experiments()).isEmpty();
    }

    @Test
    void compareOfA100kPointRunReadsSummariesAndAtMostTheAskedPoints() {
        TestToolContext ctx = TestToolContext.member("org-big", "prj");
        String big = job(ctx, null, JobStatus.SUCCEEDED, 0.1);
        String small = job(ctx, null, JobStatus.SUCCEEDED, 0.1);
        int steps = 100_000;
        // loss falls as 10/step, with its lowest value at step 77_777; accuracy rises to its final value
        curve(big, "loss", steps, s -> s == 77_777 ? 1e-6 : 10.0 / s);
        curve(small, "loss", 300, s -> 1.0 / s);

        ExperimentCompareTool.Result result = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            long started = System.nanoTime();
            result = (ExperimentCompareTool.Result) compare.call(ctx,
                    new ExperimentCompareTool.Input(List.of(big, small), null, 200));
            System.out.println("experiment_compare over a " + steps + "-point run, call " + attempt + ": "
                    + (System.nanoTime() - started) / 1_000_000 + " ms");
        }

        RunMetricStore.Summary loss = result.runs().get(0).metrics().get("loss");
        assertThat(loss.count()).isEqualTo(steps);
        assertThat(loss.history()).hasSizeLessThanOrEqualTo(200).hasSizeGreaterThan(150);
        assertThat(loss.history().get(loss.history().size() - 1).step()).isEqualTo(steps);
        assertThat(loss.history()).isSortedAccordingTo((p, q) -> Long.compare(p.step(), q.step()));
        assertThat(loss.last()).isEqualTo(10.0 / steps);
        assertThat(loss.lastStep()).isEqualTo(steps);
        assertThat(loss.best()).isEqualTo(1e-6);
        assertThat(loss.min()).isEqualTo(1e-6);
        assertThat(loss.max()).isEqualTo(10.0);
        assertThat(loss.downsampled()).isTrue();
        assertThat(result.runs().get(1).metrics().get("loss").history()).hasSizeLessThanOrEqualTo(200);
        assertThat(result.leaders().get("loss").jobId()).isEqualTo(big);

        ExperimentCompareTool.Result tiny = (ExperimentCompareTool.Result) compare.call(ctx,
                new ExperimentCompareTool.Input(List.of(big, small), "loss", 1));
        assertThat(tiny.runs().get(0).metrics().get("loss").history()).singleElement()
                .satisfies(p -> assertThat(p.step()).isEqualTo(steps));
    }
}
