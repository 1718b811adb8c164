package io.aitip.policy.quota;

import static org.assertj.core.api.Assertions.assertThat;

import io.aitip.policy.tenancy.TenancyStore;
import io.aitip.policy.testing.GpuJobTool;
import io.aitip.policy.testing.PolicyHarness;
import io.aitip.tools.json.Json;
import io.aitip.tools.model.Door;
import io.aitip.tools.model.ErrorCode;
import io.aitip.tools.pipeline.CallLimiter;
import io.aitip.tools.pipeline.ExecutionResult;
import io.aitip.tools.pipeline.ExecutionStatus;
import io.aitip.tools.pipeline.Invocation;
import io.aitip.tools.security.Principal;
import io.aitip.tools.security.Role;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** GPU-hour quotas, concurrent-job limits and API-key budgets through the real pipeline and PostgreSQL. */
class QuotaAdmissionTest {

    /** 1 GPU for 60 minutes = 1 GPU-hour. */
    static final String ONE_GPU_HOUR = "{\"name\": \"%s\", \"resources\": {\"gpu_count\": 1}, \"max_runtime_minutes\": 60}";

    static PolicyHarness h;
    static GpuJobTool jobs;

    @BeforeAll
    static void setUp() {
        jobs = new GpuJobTool();
        h = new PolicyHarness(List.of(jobs), QuotaProperties.unlimited(), CallLimiter.NONE);
        jobs.useDatabase(h.jdbc);
    }

    @AfterAll
    static void tearDown() {
        h.close();
    }

    Principal newMember(String slug) {
        TenancyStore.Org org = h.org(slug);
        return h.member(org, slug + "-user", Role.MEMBER);
    }

    BigDecimal counter(String column, String scope, String id, String period) {
        return h.jdbc.queryForObject("SELECT " + column + " FROM quota_usage WHERE scope_kind = ? AND scope_id = ? AND period = ?",
                BigDecimal.class, scope, id, period);
    }

    String month() {
        return QuotaStore.month(QuotaStore.today());
    }

    @Test
    void twentyConcurrentSubmissionsNeverOverspendTheLastGpuHours() throws Exception {
        Principal racer = newMember("racers");
        h.quotas.setLimits(QuotaScope.ORG, racer.orgId(), racer.orgId(), new QuotaStore.Limits(new BigDecimal("60"), null, null));
        // 55 of the 60 GPU-hours are gone already: one 55-GPU-hour job, settled at its estimate
        ExecutionResult big = h.call(racer, "gpu_job_start", "{\"name\": \"big\", \"resources\": {\"gpu_count\": 5}, "
                + "\"max_runtime_minutes\": 660}");
        assertThat(big.error()).isNull();
        assertThat(big.estimate().get("gpu_hours")).isEqualTo(new BigDecimal("55.0000"));
        int before = jobs.runs.size();
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<ExecutionResult>> answers = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String name = "racer-" + i;
                answers.add(pool.submit(() -> {
                    start.await();
                    return h.call(racer, "gpu_job_start", ONE_GPU_HOUR.formatted(name));
                }));
            }
            start.countDown();
            List<ExecutionResult> results = new ArrayList<>();
            for (Future<ExecutionResult> answer : answers) {
                results.add(answer.get());
            }
            assertThat(results).filteredOn(r -> r.error() == null).hasSize(5);
            assertThat(results).filteredOn(r -> r.error() != null).extracting(r -> r.error().code())
                    .hasSize(15).containsOnly(ErrorCode.QUOTA_EXCEEDED);
        } finally {
            pool.shutdownNow();
        }
        assertThat(jobs.runs.size() - before).as("handlers that ran").isEqualTo(5);
        BigDecimal used = counter("used_gpu_hours", "org", racer.orgId(), month());
        BigDecimal reserved = counter("reserved_gpu_hours", "org", racer.orgId(), month());
        assertThat(used.add(reserved)).isEqualByComparingTo("60");
        ExecutionResult refused = h.call(racer, "gpu_job_start", ONE_GPU_HOUR.formatted("one-more"));
        assertThat(refused.error().message()).contains("0 left of 60").contains("1 GPU-hours");
        assertThat(refused.status()).isEqualTo(ExecutionStatus.DENIED);
    }

    @Test
    void concurrentJobsAreCountedUntilTheJobEndsAndThenChargedWhatItUsed() {
        Principal member = newMember("concurrency");
        h.quotas.setLimits(QuotaScope.PROJECT, member.projectId(), member.orgId(), new QuotaStore.Limits(null, null, 2));
        String first = h.call(member, "gpu_job_start", ONE_GPU_HOUR.formatted("real-1")).result().path("job_id").asString();
        assertThat(h.call(member, "gpu_job_start", ONE_GPU_HOUR.formatted("real-2")).error()).isNull();
        ExecutionResult third = h.call(member, "gpu_job_start", ONE_GPU_HOUR.formatted("real-3"));
        assertThat(third.error().code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
        assertThat(third.error().message()).contains("2 concurrent GPU jobs");
        // the first job ran 30 minutes on 1 GPU and ended
        h.jdbc.update("UPDATE training_jobs SET status = 'succeeded', started_at = now() - interval '30 minutes', "
                + "ended_at = now() WHERE id = ?", first);
        assertThat(h.call(member, "gpu_job_start", ONE_GPU_HOUR.formatted("real-3")).error()).isNull();
        assertThat(counter("used_gpu_hours", "project", member.projectId(), month())).isEqualByComparingTo("0.5");
        assertThat(counter("reserved_gpu_hours", "project", member.projectId(), month())).isEqualByComparingTo("2");
        assertThat(h.jdbc.queryForObject("SELECT state FROM quota_reservations WHERE job_id = ?", String.class, first))
                .isEqualTo("settled");
    }

    @Test
    void anApiKeysDailyBudgetStopsItsAgentButNotItsOwnersOtherKeys() {
        Principal member = newMember("agents");
        Principal agent = new Principal(member.userId(), member.username(), member.orgId(), member.orgSlug(),
                member.projectId(), Role.MEMBER, Set.of(), "key-agent-1");
        h.quotas.setLimits(QuotaScope.API_KEY, "key-agent-1", member.orgId(), new QuotaStore.Limits(null, new BigDecimal("2"), null));
        assertThat(h.call(agent, "gpu_job_start", ONE_GPU_HOUR.formatted("a1")).error()).isNull();
        assertThat(h.call(agent, "gpu_job_start", ONE_GPU_HOUR.formatted("a2")).error()).isNull();
        ExecutionResult third = h.call(agent, "gpu_job_start", ONE_GPU_HOUR.formatted("a3"));
        assertThat(third.error().code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
        assertThat(third.error().message()).contains("API key's daily");
        assertThat(h.call(member, "gpu_job_start", ONE_GPU_HOUR.formatted("by-login")).error()).isNull();
    }

    @Test
    void aFailedCallReleasesItsReservationAndCpuWorkReservesNothing() {
        Principal member = newMember("failures");
        h.quotas.setLimits(QuotaScope.ORG, member.orgId(), member.orgId(), new QuotaStore.Limits(new BigDecimal("1"), null, 1));
        assertThat(h.call(member, "gpu_job_start", ONE_GPU_HOUR.formatted("fail-1")).error().code())
                .isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(counter("reserved_gpu_hours", "org", member.orgId(), month())).isEqualByComparingTo("0");
        assertThat(counter("running_jobs", "org", member.orgId(), "live")).isEqualByComparingTo("0");
        assertThat(h.call(member, "gpu_job_start", "{\"name\": \"cpu\"}").estimate()).isNull();
        assertThat(h.call(member, "gpu_job_start", ONE_GPU_HOUR.formatted("fits")).error()).isNull();
    }

    @Test
    void dryRunAndResourcesQuotaShowTheHeadroomWithoutReserving() {
        Principal member = newMember("headroom");
        h.quotas.setLimits(QuotaScope.ORG, member.orgId(), member.orgId(), new QuotaStore.Limits(new BigDecimal("10"), null, 3));
        assertThat(h.call(member, "gpu_job_start", ONE_GPU_HOUR.formatted("real-one")).error()).isNull();
        ExecutionResult plan = h.pipeline.invoke(new Invocation(member, Door.REST, "gpu_job_start",
                Json.MAPPER.readTree("{\"name\": \"x\", \"resources\": {\"gpu_count\": 4}, \"max_runtime_minutes\": 150}"),
                null, true, false, null, null, null, null, null));
        assertThat(plan.status()).isEqualTo(ExecutionStatus.READY);
        assertThat(plan.result().path("estimate").path("gpu_hours").decimalValue()).isEqualByComparingTo("10");
        JsonNode org = plan.result().path("quota").get(0);
        assertThat(org.path("scope").asString()).isEqualTo("org");
        assertThat(org.path("gpu_hours_headroom").decimalValue()).isEqualByComparingTo("9");
        assertThat(org.path("fits").asBoolean()).isFalse();
        assertThat(counter("reserved_gpu_hours", "org", member.orgId(), month())).as("dry run reserves nothing")
                .isEqualByComparingTo("1");

        QuotaScopeView quota = QuotaScopeView.of(new ResourcesQuotaTool(h.quotas, h.admission, h.jdbc).call(
                new io.aitip.platform.testing.TestToolContext(member), new ResourcesQuotaTool.Input(null, null)));
        assertThat(quota.org().gpuHoursLimit()).isEqualByComparingTo("10");
        assertThat(quota.org().gpuHoursReserved()).isEqualByComparingTo("1");
        assertThat(quota.org().gpuHoursHeadroom()).isEqualByComparingTo("9");
        assertThat(quota.org().runningJobs()).isEqualTo(1);
        assertThat(quota.org().jobsHeadroom()).isEqualTo(2);
        assertThat(quota.project().gpuHoursLimit()).as("no project limit").isNull();
    }

    @Test
    void policyExplainShowsTheEstimateAndTheHeadroom() {
        Principal member = newMember("explained");
        h.quotas.setLimits(QuotaScope.ORG, member.orgId(), member.orgId(), new QuotaStore.Limits(new BigDecimal("3"), null, null));
        var explain = new io.aitip.policy.explain.PolicyExplainTool(() -> h.pipeline.catalog(), h.policy, h.admission);
        var e = explain.call(new io.aitip.platform.testing.TestToolContext(member), new io.aitip.policy.explain.PolicyExplainTool.Input(
                "gpu_job_start", ONE_GPU_HOUR.formatted("explain").replace("\"gpu_count\": 1", "\"gpu_count\": 4")));
        assertThat(e.decision()).isEqualTo("allow");
        assertThat(Json.tree(e.admission()).path("estimate").path("gpu_hours").decimalValue()).isEqualByComparingTo("4");
        JsonNode org = Json.tree(e.admission()).path("quota").get(0);
        assertThat(org.path("gpu_hours_headroom").decimalValue()).isEqualByComparingTo("3");
        assertThat(org.path("fits").asBoolean()).isFalse();
        assertThat(h.jdbc.queryForObject("SELECT count(*) FROM quota_reservations WHERE org_id = ?", Integer.class,
                member.orgId())).as("explaining reserves nothing").isZero();
    }

    record QuotaScopeView(QuotaUsage org, QuotaUsage project) {
        static QuotaScopeView of(ResourcesQuotaTool.Result result) {
            return new QuotaScopeView(result.quotas().stream().filter(q -> q.scope() == QuotaScope.ORG).findFirst().orElseThrow(),
                    result.quotas().stream().filter(q -> q.scope() == QuotaScope.PROJECT).findFirst().orElseThrow());
        }
    }
}
