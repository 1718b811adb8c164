package io.aitip.platform.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.aitip.platform.testing.TestDatabase;
import io.aitip.platform.testing.TestToolContext;
import io.aitip.platform.training.GpuType;
import io.aitip.tools.model.ToolException;
import io.aitip.tools.security.Principal;
import io.aitip.tools.security.Role;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** resources_usage and resources_costs over training jobs stored in the real PostgreSQL. */
class GpuUsageToolsTest {

    static TestDatabase db;
    static JdbcTemplate jdbc;
    static final Clock NOV_20 = Clock.fixed(Instant.parse("2026-11-20T12:00:00Z"), ZoneOffset.UTC);
    static final TestToolContext memberA = TestToolContext.member("org-gpu", "prj-a");
    static final TestToolContext admin = new TestToolContext(new Principal("usr-admin", "admin", "org-gpu", "org-gpu",
            "prj-a", Role.ADMIN, Set.of(), null));
    static GpuPrices prices;

    @BeforeAll
    static void setUp() {
        db = TestDatabase.create();
        jdbc = new JdbcTemplate(db.dataSource());
        job("j1", "org-gpu", "prj-a", "a100", 2, 1, "2026-11-10T00:00:00Z", "2026-11-10T03:00:00Z", "succeeded");
        job("j2", "org-gpu", "prj-a", "t4", 1, 1, "2026-10-31T22:00:00Z", "2026-11-01T02:00:00Z", "succeeded");
        job("j3", "org-gpu", "prj-b", "a100", 1, 2, "2026-11-05T10:00:00Z", "2026-11-05T11:30:00Z", "failed");
        job("j4", "org-gpu", "prj-a", null, 0, 1, "2026-11-06T10:00:00Z", "2026-11-06T20:00:00Z", "succeeded");
        job("j5", "org-else", "prj-z", "a100", 8, 1, "2026-11-06T10:00:00Z", "2026-11-06T20:00:00Z", "succeeded");
        job("j6", "org-gpu", "prj-a", "a100", 4, 1, null, null, "queued");
        prices = new GpuPrices("a100=2.0", "EUR");
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    static void job(String id, String org, String project, String gpuType, int gpus, int nodes, String started,
                    String ended, String status) {
        jdbc.update("INSERT INTO training_jobs (id, org_id, project_id, owner_id, name, model, gpu_type, gpu_count, nodes, "
                        + "status, started_at, ended_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", id, org, project, "usr", id, "m",
                gpuType, gpus, nodes, status, started == null ? null : Timestamp.from(Instant.parse(started)),
                ended == null ? null : Timestamp.from(Instant.parse(ended)));
    }

    static GpuUsageReports reports(Clock clock) {
        return new GpuUsageReports(List.of(new TrainingGpuUsage(jdbc)), prices, clock);
    }

    @Test
    void adminsSeeEveryProjectOnlyTheTimeInsideThePeriod() {
        ResourcesUsageTool usage = new ResourcesUsageTool(reports(NOV_20));
        GpuUsageReports.Report r = (GpuUsageReports.Report) usage.call(admin, new ResourcesUsageTool.Input(null, null));
        assertThat(r.period().label()).isEqualTo("this_month");
        assertThat(r.period().from()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(r.scope()).isEqualTo("org");
        // a: 2 a100 × 3 h + the 2 November hours of the t4 job; b: 1 a100 × 2 nodes × 1.5 h
        assertThat(r.byProject()).extracting(GpuUsageReports.ProjectLine::projectId).containsExactly("prj-a", "prj-b");
        assertThat(r.byProject().get(0).gpuHours()).isEqualTo(8.0);
        assertThat(r.byProject().get(1).gpuHours()).isEqualTo(3.0);
        assertThat(r.totalGpuHours()).isEqualTo(11.0);
        assertThat(r.byGpuType()).extracting(GpuUsageReports.TypeLine::gpuType).containsExactly("a100", "t4");
        assertThat(r.byGpuType().get(0).gpuHours()).isEqualTo(9.0);
        assertThat(r.byGpuType().get(0).workloads()).isEqualTo(2);
        assertThat(r.byGpuType().get(0).bySource()).containsEntry("training", 9.0);
        assertThat(r.totalCost()).as("usage reports carry no money").isNull();

        GpuUsageReports.Report october = (GpuUsageReports.Report) usage.call(admin,
                new ResourcesUsageTool.Input(GpuType.T4, "2026-10"));
        assertThat(october.totalGpuHours()).isEqualTo(2.0);
        GpuUsageReports.Report range = (GpuUsageReports.Report) usage.call(admin,
                new ResourcesUsageTool.Input(GpuType.A100, "2026-11-01..2026-11-05"));
        assertThat(range.totalGpuHours()).isEqualTo(3.0);
    }

    @Test
    void membersSeeTheirProjectAndCostsUseTheConfiguredPrices() {
        ResourcesCostsTool costs = new ResourcesCostsTool(reports(NOV_20));
        GpuUsageReports.Report r = (GpuUsageReports.Report) costs.call(memberA, new ResourcesCostsTool.Input(null, "2026-11"));
        assertThat(r.scope()).isEqualTo("project");
        assertThat(r.byProject()).extracting(GpuUsageReports.ProjectLine::projectId).containsExactly("prj-a");
        assertThat(r.currency()).isEqualTo("EUR");
        GpuUsageReports.TypeLine a100 = r.byProject().get(0).byGpuType().get(0);
        assertThat(a100.pricePerGpuHour()).isEqualTo(2.0);
        assertThat(a100.cost()).isEqualTo(12.0);
        GpuUsageReports.TypeLine t4 = r.byProject().get(0).byGpuType().get(1);
        assertThat(t4.pricePerGpuHour()).as("default price").isEqualTo(0.35);
        assertThat(r.totalCost()).isEqualTo(12.7);
        GpuUsageReports.Report empty = (GpuUsageReports.Report) costs.call(memberA, new ResourcesCostsTool.Input(null, "2025"));
        assertThat(empty.totalCost()).isZero();
        assertThat(empty.note()).contains("No GPU work");
    }

    @Test
    void runningJobsCountUpToNow() {
        jdbc.update("INSERT INTO training_jobs (id, org_id, project_id, owner_id, name, model, gpu_type, gpu_count, status, "
                + "started_at) VALUES ('j7', 'org-live', 'prj', 'usr', 'live', 'm', 'h100', 1, 'running', now() - interval '2 hours')");
        TestToolContext live = TestToolContext.member("org-live", "prj");
        GpuUsageReports.Report r = (GpuUsageReports.Report) new ResourcesUsageTool(reports(Clock.systemUTC()))
                .call(live, new ResourcesUsageTool.Input(GpuType.H100, "last_7_days"));
        assertThat(r.totalGpuHours()).isCloseTo(2.0, within(0.05));
    }

    @Test
    void inferenceReplicasCountBesideTrainingJobs() {
        jdbc.update("INSERT INTO models (id, org_id, project_id, owner_id, name) VALUES ('mdl-gpu', 'org-inf', 'prj', 'usr', 'm')");
        jdbc.update("INSERT INTO inference_services (id, org_id, project_id, owner_id, name, model_id, model_name, "
                + "model_version, runtime, gpu_type, gpu_count, replicas, min_replicas, max_replicas, status) VALUES "
                + "('svc-gpu', 'org-inf', 'prj', 'usr', 'chat', 'mdl-gpu', 'm', 'v1', 'builtin', 'a100', 1, 2, 1, 2, 'stopped')");
        replica("rep-1", 0, "2026-11-10T00:00:00Z", "2026-11-10T02:00:00Z");
        replica("rep-2", 1, "2026-11-10T00:00:00Z", "2026-11-10T01:00:00Z");
        job("j8", "org-inf", "prj", "a100", 1, 1, "2026-11-11T00:00:00Z", "2026-11-11T00:30:00Z", "succeeded");
        TestToolContext inf = TestToolContext.member("org-inf", "prj");
        GpuUsageReports both = new GpuUsageReports(List.of(new TrainingGpuUsage(jdbc), new InferenceGpuUsage(jdbc)),
                prices, NOV_20);
        GpuUsageReports.Report r = (GpuUsageReports.Report) new ResourcesUsageTool(both).call(inf,
                new ResourcesUsageTool.Input(null, "2026-11"));
        assertThat(r.totalGpuHours()).isEqualTo(3.5);
        assertThat(r.byGpuType().get(0).bySource()).containsEntry("inference", 3.0).containsEntry("training", 0.5);
    }

    static void replica(String id, int ordinal, String started, String ended) {
        jdbc.update("INSERT INTO inference_replicas (id, service_id, ordinal, track, version, status, started_at, ended_at) "
                + "VALUES (?, 'svc-gpu', ?, 'stable', 'v1', 'stopped', ?, ?)", id, ordinal,
                Timestamp.from(Instant.parse(started)), Timestamp.from(Instant.parse(ended)));
    }

    @Test
    void badPeriodsAndPricesAreRefused() {
        assertThatThrownBy(() -> UsagePeriod.parse("2026-13", NOV_20)).isInstanceOfSatisfying(ToolException.class,
                e -> assertThat(e.error().pointer()).isEqualTo("/period"));
        assertThatThrownBy(() -> UsagePeriod.parse("2026-11-05..2026-11-01", NOV_20)).isInstanceOf(ToolException.class);
        assertThat(UsagePeriod.parse("last_month", NOV_20).from()).isEqualTo(Instant.parse("2026-10-01T00:00:00Z"));
        assertThat(UsagePeriod.parse("last_7_days", NOV_20).from()).isEqualTo(Instant.parse("2026-11-14T00:00:00Z"));
        assertThatThrownBy(() -> new GpuPrices("b200=9", "USD")).hasMessageContaining("b200=9");
        assertThatThrownBy(() -> new GpuPrices("a100=cheap", "USD")).hasMessageContaining("number");
        assertThat(new GpuPrices("A100=1.5, h100=4", "USD").perGpuHour("a100")).isEqualTo(1.5);
    }
}
