package io.aitip.policy.approvals;

import static org.assertj.core.api.Assertions.assertThat;

import io.aitip.policy.tenancy.TenancyStore;
import io.aitip.policy.testing.GpuJobTool;
import io.aitip.policy.testing.PolicyHarness;
import io.aitip.tools.json.Json;
import io.aitip.tools.model.ErrorCode;
import io.aitip.tools.pipeline.ExecutionResult;
import io.aitip.tools.pipeline.ExecutionStatus;
import io.aitip.tools.security.Principal;
import io.aitip.tools.security.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Held calls through the real pipeline and PostgreSQL: request, decide, run exactly once, refuse the rest. */
class ApprovalFlowTest {

    static final String BIG_JOB = "{\"name\": \"%s\", \"resources\": {\"gpu_count\": 16, \"gpu_type\": \"h100\"}}";

    static GpuJobTool jobs = new GpuJobTool();
    static PolicyHarness h;
    static TenancyStore.Org acme;
    static Principal owner;
    static Principal admin;
    static Principal admin2;
    static Principal member;
    static Principal viewer;
    static Principal otherAdmin;

    @BeforeAll
    static void setUp() {
        h = new PolicyHarness(List.of(jobs));
        acme = h.org("acme");
        owner = h.member(acme, "olga", Role.OWNER);
        admin = h.member(acme, "ada", Role.ADMIN);
        admin2 = h.member(acme, "alan", Role.ADMIN);
        member = h.member(acme, "mia", Role.MEMBER);
        viewer = h.member(acme, "vic", Role.VIEWER);
        otherAdmin = h.member(h.org("globex"), "gus", Role.ADMIN);
    }

    @AfterAll
    static void tearDown() {
        h.close();
    }

    @BeforeEach
    void reset() {
        jobs.runs.clear();
    }

    String requestBigJob(Principal requester, String name) {
        ExecutionResult held = h.call(requester, "gpu_job_start", BIG_JOB.formatted(name));
        assertThat(held.status()).isEqualTo(ExecutionStatus.PENDING_APPROVAL);
        assertThat(held.error().code()).isEqualTo(ErrorCode.APPROVAL_REQUIRED);
        assertThat(held.approval().rule()).isEqualTo("approval.gpu-count");
        return held.approval().id();
    }

    ExecutionResult decide(Principal approver, String id, String decision) {
        return h.call(approver, "approvals_decide", "{\"approval_id\": \"" + id + "\", \"decision\": \"" + decision
                + "\", \"comment\": \"ok\"}");
    }

    String status(String id) {
        return h.jdbc.queryForObject("SELECT status FROM approvals WHERE id = ?", String.class, id);
    }

    @Test
    void aHeldCallIsRecordedExactlyWithItsEventAndAskedAgainGivesTheSameRequest() {
        ExecutionResult held = h.call(member, "gpu_job_start", BIG_JOB.formatted("llm"));
        String id = held.approval().id();
        assertThat(id).startsWith("apr-");
        assertThat(held.approval().approvers()).containsExactlyInAnyOrder("olga", "ada", "alan");
        assertThat(held.approval().expiresAt()).isAfter(java.time.Instant.now());
        assertThat(jobs.runs).isEmpty();
        var row = h.jdbc.queryForMap("SELECT tool, arguments::text AS args, arguments_hash, requester_id, door, status "
                + "FROM approvals WHERE id = ?", id);
        assertThat(row.get("tool")).isEqualTo("gpu_job_start");
        assertThat(row.get("requester_id")).isEqualTo(member.userId());
        assertThat(row.get("door")).isEqualTo("rest");
        assertThat(row.get("status")).isEqualTo("pending");
        assertThat(Json.MAPPER.readTree((String) row.get("args")).path("resources").path("gpu_count").asInt()).isEqualTo(16);
        JsonNode event = Json.MAPPER.readTree(h.jdbc.queryForObject(
                "SELECT payload::text FROM webhook_events WHERE type = 'approval.requested' AND payload->'data'->>'approval_id' = ?",
                String.class, id));
        assertThat(event.path("data").path("tool").asString()).isEqualTo("gpu_job_start");
        assertThat(event.path("data").path("requester").asString()).isEqualTo("mia");
        assertThat(event.path("data").path("arguments_hash").asString()).isEqualTo(row.get("arguments_hash"));
        assertThat(h.call(member, "gpu_job_start", BIG_JOB.formatted("llm")).approval().id()).as("same call, same request")
                .isEqualTo(id);
        assertThat(h.call(member, "gpu_job_start", BIG_JOB.formatted("other")).approval().id()).isNotEqualTo(id);
    }

    @Test
    void anApproverRunsTheCallOnceAsTheRequester() {
        String id = requestBigJob(member, "approved-job");
        ExecutionResult decided = decide(admin, id, "approve");
        assertThat(decided.error()).isNull();
        assertThat(decided.result().path("approval").path("status").asString()).isEqualTo("approved");
        assertThat(decided.result().path("approval").path("decided_by").asString()).isEqualTo("ada");
        JsonNode execution = decided.result().path("execution");
        assertThat(execution.path("status").asString()).isEqualTo("succeeded");
        assertThat(execution.path("result").path("name").asString()).isEqualTo("approved-job");
        assertThat(jobs.runs).containsExactly(member.userId() + ":approved-job");
        assertThat(h.jdbc.queryForObject("SELECT execution_id FROM approvals WHERE id = ?", String.class, id))
                .isEqualTo(execution.path("execution_id").asString());
        assertThat(h.jdbc.queryForObject("SELECT count(*) FROM webhook_events WHERE type = 'approval.decided' "
                + "AND payload->'data'->>'approval_id' = ?", Integer.class, id)).isEqualTo(1);

        ExecutionResult again = decide(admin2, id, "approve");
        assertThat(again.error().code()).isEqualTo(ErrorCode.ALREADY_DECIDED);
        assertThat(decide(admin2, id, "reject").error().code()).isEqualTo(ErrorCode.ALREADY_DECIDED);
        assertThat(jobs.runs).hasSize(1);
    }

    @Test
    void twoApproversRacingRunTheCallExactlyOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) {
                jobs.runs.clear();
                String id = requestBigJob(member, "race-" + round);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<ExecutionResult>> answers = new ArrayList<>();
                for (Principal approver : List.of(admin, admin2)) {
                    answers.add(pool.submit(() -> {
                        start.await();
                        return decide(approver, id, "approve");
                    }));
                }
                start.countDown();
                List<ExecutionResult> results = new ArrayList<>();
                for (Future<ExecutionResult> answer : answers) {
                    results.add(answer.get());
                }
                assertThat(results).filteredOn(r -> r.error() == null).as("round " + round).hasSize(1);
                assertThat(results).filteredOn(r -> r.error() != null)
                        .extracting(r -> r.error().code()).containsExactly(ErrorCode.ALREADY_DECIDED);
                assertThat(jobs.runs).as("round " + round).containsExactly(member.userId() + ":race-" + round);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void selfApprovalIsRefusedEvenForAnAdmin() {
        String id = requestBigJob(admin, "self");
        ExecutionResult refused = decide(admin, id, "approve");
        assertThat(refused.error().code()).isEqualTo(ErrorCode.SELF_APPROVAL);
        assertThat(status(id)).isEqualTo("pending");
        assertThat(jobs.runs).isEmpty();
        h.audit.flush();
        assertThat(h.jdbc.queryForObject("SELECT count(*) FROM audit_log WHERE tool = 'approvals_decide' "
                + "AND result_code = 'SELF_APPROVAL' AND principal = ?", Integer.class, admin.subject())).isEqualTo(1);
    }

    @Test
    void viewersAndMembersMayNotDecide() {
        String id = requestBigJob(member, "not-yours");
        ExecutionResult byViewer = decide(viewer, id, "approve");
        assertThat(byViewer.error().code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
        Principal otherMember = h.member(acme, "max", Role.MEMBER);
        ExecutionResult byMember = decide(otherMember, id, "approve");
        assertThat(byMember.error().code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
        assertThat(byMember.error().message()).contains("owners and admins");
        assertThat(status(id)).isEqualTo("pending");
        assertThat(jobs.runs).isEmpty();
    }

    @Test
    void anotherOrgsAdminCannotSeeTheApproval() {
        String id = requestBigJob(member, "foreign");
        assertThat(decide(otherAdmin, id, "approve").error().code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(h.call(otherAdmin, "approvals_list", "{}").result().path("approvals")).isEmpty();
        assertThat(status(id)).isEqualTo("pending");
    }

    @Test
    void rejectionAndExpiryAreFinal() {
        String rejected = requestBigJob(member, "rejected");
        assertThat(decide(owner, rejected, "reject").result().path("approval").path("status").asString()).isEqualTo("rejected");
        assertThat(decide(admin, rejected, "approve").error().code()).isEqualTo(ErrorCode.ALREADY_DECIDED);

        String expired = requestBigJob(member, "expired");
        h.jdbc.update("UPDATE approvals SET expires_at = now() - interval '1 second' WHERE id = ?", expired);
        assertThat(decide(admin, expired, "approve").error().code()).isEqualTo(ErrorCode.APPROVAL_EXPIRED);
        assertThat(status(expired)).isEqualTo("expired");
        assertThat(jobs.runs).isEmpty();
        JsonNode listed = h.call(member, "approvals_list", "{\"status\": \"expired\"}").result();
        assertThat(listed.path("approvals").findValuesAsString("approval_id")).contains(expired);
    }

    @Test
    void theApprovedCallIsBoundToItsArgumentsAndRequester() {
        String id = requestBigJob(member, "bound");
        h.jdbc.update("UPDATE approvals SET status = 'approved' WHERE id = ?", id);
        // the same approval id cannot carry another call, nor the same call by someone else
        assertThat(h.pipeline.invoke(io.aitip.tools.pipeline.Invocation.of(member, io.aitip.tools.model.Door.INTERNAL,
                "gpu_job_start", Json.MAPPER.readTree(BIG_JOB.formatted("swapped"))).withApproval(id)).error().code())
                .isEqualTo(ErrorCode.ALREADY_DECIDED);
        assertThat(h.pipeline.invoke(io.aitip.tools.pipeline.Invocation.of(admin, io.aitip.tools.model.Door.INTERNAL,
                "gpu_job_start", Json.MAPPER.readTree(BIG_JOB.formatted("bound"))).withApproval(id)).error().code())
                .isEqualTo(ErrorCode.ALREADY_DECIDED);
        assertThat(jobs.runs).isEmpty();
    }
}
