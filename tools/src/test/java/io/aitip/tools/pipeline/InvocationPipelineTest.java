package io.aitip.tools.pipeline;

import static io.aitip.tools.samples.Samples.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.aitip.tools.catalog.ToolCatalog;
import io.aitip.tools.model.Door;
import io.aitip.tools.model.ErrorCode;
import io.aitip.tools.model.ToolSpec;
import io.aitip.tools.samples.SampleGpuListTool;
import io.aitip.tools.samples.SampleJobStopTool;
import io.aitip.tools.security.Principal;
import io.aitip.tools.security.Role;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The pipeline's logic over in-memory ports; the real stores and policy have their own tests. */
class InvocationPipelineTest {

    private static final Principal ALICE = new Principal("u-1", "alice", "org-1", "acme", "prj-1", Role.MEMBER, Set.of(), "key-1");

    private final SampleJobStopTool stop = new SampleJobStopTool();
    private final FakePolicy policy = new FakePolicy();
    private final FakeGate gate = new FakeGate();
    private final FakeStore store = new FakeStore();
    private final List<AuditEvent> audit = new ArrayList<>();
    private InvocationPipeline pipeline;

    @BeforeEach
    void setUp() {
        pipeline = new InvocationPipeline(new ToolCatalog(List.of(new SampleGpuListTool(), stop)), policy, gate, store,
                audit::add, Runnable::run);
    }

    private ExecutionResult call(String tool, String args) {
        return pipeline.invoke(Invocation.of(ALICE, Door.REST, tool, json(args)));
    }

    private ExecutionResult call(String tool, String args, String key, boolean dryRun, String token) {
        return pipeline.invoke(new Invocation(ALICE, Door.MCP, tool, json(args), key, dryRun, false, token, null, null,
                null, "trace-1"));
    }

    @Test
    void unknownToolIsNotFound() {
        ExecutionResult result = call("training_nope", "{\"password\":\"p\"}");
        assertThat(result.error().code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(result.status()).isEqualTo(ExecutionStatus.DENIED);
        assertThat(audit).singleElement().satisfies(e -> {
            assertThat(e.tool()).isEqualTo("training_nope");
            assertThat(e.decision()).isEqualTo("resolve");
            assertThat(e.arguments().get("password").asString()).isEqualTo(Redactor.MASK);
        });
    }

    @Test
    void invisibleToolIsDeniedAsIfUnlistable() {
        policy.hidden.add("training_sample_stop");
        ExecutionResult result = call("training_sample_stop", "{\"job_id\":\"train-7f3a2c\"}");
        assertThat(result.error().code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
        assertThat(result.error().message()).contains("training:write");
        assertThat(pipeline.visibleTools(ALICE)).extracting(t -> t.name()).containsExactly("resources_sample_gpus");
        assertThat(stop.calls).hasValue(0);
        assertThat(audit).singleElement().extracting(AuditEvent::decision, AuditEvent::rule)
                .containsExactly("deny", "rbac.visibility");
    }

    @Test
    void dottedAliasResolves() {
        ExecutionResult result = call("resources.sample_gpus", "{}");
        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(result.tool()).isEqualTo("resources_sample_gpus");
    }

    @Test
    void schemaErrorCarriesAPointer() {
        ExecutionResult result = call("resources_sample_gpus", "{\"limit\":500}");
        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error().code()).isEqualTo(ErrorCode.INVALID_ARGUMENTS);
        assertThat(result.error().pointer()).isEqualTo("/limit");
        assertThat(call("resources_sample_gpus", "[1]").error().pointer()).isEqualTo("");
        assertThat(audit).extracting(AuditEvent::decision).containsExactly("invalid", "invalid");
    }

    @Test
    void readOnlyCallRunsWithNormalizedArgumentsAndIsNotStored() {
        ExecutionResult result = call("resources_sample_gpus", "{\"gpu_type\":\"A100\",\"cursor\":null}");
        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(result.result().get("items")).hasSize(1);
        assertThat(store.records).isEmpty();
        assertThat(audit).singleElement().satisfies(e -> {
            assertThat(e.resultCode()).isEqualTo("succeeded");
            assertThat(e.arguments().get("gpu_type").asString()).isEqualTo("a100");
            assertThat(e.principal()).isEqualTo("u-1/key-1");
            assertThat(e.door()).isEqualTo(Door.REST);
        });
    }

    @Test
    void confirmationRequiredThenRedeemedTokenRuns() {
        String args = "{\"job_id\":\"train-7f3a2c\"}";
        ExecutionResult first = call("training_sample_stop", args);
        assertThat(first.status()).isEqualTo(ExecutionStatus.NEEDS_CONFIRMATION);
        assertThat(first.error().code()).isEqualTo(ErrorCode.CONFIRMATION_REQUIRED);
        assertThat(first.confirmation().token()).startsWith("cfm-");
        assertThat(stop.calls).hasValue(0);

        ExecutionResult other = call("training_sample_stop", "{\"job_id\":\"train-0a1b2c\"}", null, false,
                first.confirmation().token());
        assertThat(other.error().code()).as("argument swap").isEqualTo(ErrorCode.CONFIRMATION_MISMATCH);
        assertThat(other.status()).isEqualTo(ExecutionStatus.NEEDS_CONFIRMATION);
        assertThat(other.confirmation().token()).as("a fresh token for the call made").isNotEqualTo(first.confirmation().token());
        assertThat(stop.calls).hasValue(0);

        ExecutionResult confirmed = call("training_sample_stop", args, null, false, first.confirmation().token());
        assertThat(confirmed.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(confirmed.result().get("status").asString()).isEqualTo("cancelled");
        assertThat(stop.calls).hasValue(1);
        assertThat(store.records.get(confirmed.executionId()).status()).isEqualTo(ExecutionStatus.SUCCEEDED);

        ExecutionResult reused = call("training_sample_stop", args, null, false, first.confirmation().token());
        assertThat(reused.error().code()).as("replay").isEqualTo(ErrorCode.CONFIRMATION_REPLAYED);
        assertThat(reused.confirmation()).as("a fresh token to retry with").isNotNull();
        assertThat(stop.calls).hasValue(1);

        ExecutionResult unknown = call("training_sample_stop", args, null, false, "cfm-never-issued");
        assertThat(unknown.error().code()).isEqualTo(ErrorCode.CONFIRMATION_INVALID);
        assertThat(stop.calls).hasValue(1);
        assertThat(audit).extracting(AuditEvent::decision).containsExactly("needs_confirmation", "needs_confirmation",
                "allow", "needs_confirmation", "needs_confirmation");
        assertThat(audit).extracting(AuditEvent::resultCode).containsExactly("CONFIRMATION_REQUIRED",
                "CONFIRMATION_MISMATCH", "succeeded", "CONFIRMATION_REPLAYED", "CONFIRMATION_INVALID");
    }

    @Test
    void dryRunNeverCallsTheHandler() {
        ExecutionResult result = call("training_sample_stop", "{\"job_id\":\"train-7f3a2c\"}", null, true, null);
        assertThat(result.status()).isEqualTo(ExecutionStatus.READY);
        assertThat(result.result().get("decision").asString()).isEqualTo("needs_confirmation");
        assertThat(stop.calls).hasValue(0);
        assertThat(gate.issued).isEmpty();
        assertThat(store.records).isEmpty();
        assertThat(audit).singleElement().extracting(AuditEvent::decision).isEqualTo("dry_run");
    }

    @Test
    void needsApprovalNeverRunsAndFailsClosedWithoutAnApprovalStore() {
        policy.approval = true;
        ExecutionResult result = call("resources_sample_gpus", "{}");
        assertThat(result.status()).isEqualTo(ExecutionStatus.DENIED);
        assertThat(result.error().code()).isEqualTo(ErrorCode.APPROVAL_REQUIRED);
        assertThat(audit).singleElement().extracting(AuditEvent::decision, AuditEvent::rule)
                .containsExactly("needs_approval", "approval.gpu");
    }

    @Test
    void policyDenialIsPermissionDenied() {
        policy.deny = true;
        ExecutionResult result = call("resources_sample_gpus", "{}");
        assertThat(result.error().code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
        assertThat(result.error().message()).isEqualTo("over budget");
        assertThat(audit).singleElement().extracting(AuditEvent::rule).isEqualTo("budget");
    }

    @Test
    void idempotencyKeyReplaysAndConflictsOnOtherArguments() {
        policy.confirmDestructive = false;
        ExecutionResult first = call("training_sample_stop", "{\"job_id\":\"train-7f3a2c\"}", "k-1", false, null);
        assertThat(first.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        ExecutionResult again = call("training_sample_stop", "{\"reason\":null,\"job_id\":\"train-7f3a2c\"}", "k-1", false, null);
        assertThat(again.executionId()).isEqualTo(first.executionId());
        assertThat(again.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(again.result()).isEqualTo(first.result());
        assertThat(stop.calls).hasValue(1);

        ExecutionResult conflict = call("training_sample_stop", "{\"job_id\":\"train-0a1b2c\"}", "k-1", false, null);
        assertThat(conflict.error().code()).isEqualTo(ErrorCode.CONFLICT);
        assertThat(stop.calls).hasValue(1);
        assertThat(audit).extracting(AuditEvent::rule).containsExactly("confirm.none", "idempotency", "idempotency");
    }

    @Test
    void confirmedRetryWithTheSameKeyReplaysInsteadOfAskingAgain() {
        String args = "{\"job_id\":\"train-7f3a2c\"}";
        String token = call("training_sample_stop", args, "k-2", false, null).confirmation().token();
        ExecutionResult ran = call("training_sample_stop", args, "k-2", false, token);
        ExecutionResult retry = call("training_sample_stop", args, "k-2", false, token);
        assertThat(retry.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(retry.executionId()).isEqualTo(ran.executionId());
        assertThat(stop.calls).hasValue(1);
    }

    @Test
    void toolExceptionFailsWithItsCode() {
        policy.confirmDestructive = false;
        ExecutionResult result = call("training_sample_stop", "{\"job_id\":\"train-000000\"}");
        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error().code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(result.error().message()).contains("train-000000").contains("training_list");
        assertThat(store.records.get(result.executionId()).errorJson()).contains("NOT_FOUND");
        assertThat(audit).singleElement().extracting(AuditEvent::resultCode).isEqualTo("NOT_FOUND");
    }

    @Test
    void unexpectedExceptionIsInternalWithoutLeakingItsMessage() {
        policy.confirmDestructive = false;
        ExecutionResult result = call("training_sample_stop", "{\"job_id\":\"train-dead00\"}", null, false, null);
        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error().code()).isEqualTo(ErrorCode.INTERNAL);
        assertThat(result.error().message()).contains("trace-1").doesNotContain("hunter2").doesNotContain("db-internal");
        assertThat(store.records.get(result.executionId()).errorJson()).doesNotContain("hunter2");
        assertThat(audit).singleElement().extracting(AuditEvent::resultCode).isEqualTo("INTERNAL");
    }

    @Test
    void asyncCallIsQueuedThenFinishes() {
        policy.confirmDestructive = false;
        ExecutionResult queued = pipeline.invoke(new Invocation(ALICE, Door.REST, "training_sample_stop",
                json("{\"job_id\":\"train-7f3a2c\"}"), null, false, true, null, "https://example.test/cb", null, null, null));
        assertThat(queued.status()).isEqualTo(ExecutionStatus.QUEUED);
        assertThat(queued.monitoring()).containsKey("execution_url");
        ExecutionRecord record = store.records.get(queued.executionId());
        assertThat(record.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(record.callbackUrl()).isEqualTo("https://example.test/cb");
        assertThat(audit).singleElement().extracting(AuditEvent::resultCode).isEqualTo("succeeded");
    }

    @Test
    void secretsAreRedactedInEveryAuditRow() {
        policy.confirmDestructive = false;
        call("training_sample_stop", "{\"job_id\":\"train-7f3a2c\",\"reason\":\"Bearer abc\"}");
        call("resources_sample_gpus", "{\"cursor\":\"sk-123\",\"api_key\":\"x\"}");
        assertThat(audit).hasSize(2);
        assertThat(audit.get(0).arguments().get("reason").asString()).isEqualTo(Redactor.MASK);
        assertThat(audit.get(0).arguments().get("job_id").asString()).isEqualTo("train-7f3a2c");
        assertThat(audit.get(1).arguments().get("cursor").asString()).isEqualTo(Redactor.MASK);
        assertThat(audit.get(1).arguments().get("api_key").asString()).isEqualTo(Redactor.MASK);
    }

    /** Destructive tools need confirmation; switches force deny or approval; hidden tools are invisible. */
    static final class FakePolicy implements PolicyHook {
        final Set<String> hidden = new HashSet<>();
        boolean confirmDestructive = true;
        boolean deny;
        boolean approval;

        @Override
        public boolean visible(Principal principal, ToolSpec tool) {
            return !hidden.contains(tool.name());
        }

        @Override
        public Decision decide(Principal principal, ToolSpec tool, JsonNode arguments) {
            if (deny) {
                return Decision.deny("budget", "over budget");
            }
            if (approval) {
                return Decision.approval("approval.gpu", "GPU work above the threshold needs an approver.");
            }
            if (tool.destructive() && confirmDestructive) {
                return Decision.confirm("confirm.destructive", "This stops a training job.");
            }
            return Decision.allow("confirm.none");
        }
    }

    /** Single-use tokens bound to principal, tool and argument hash. */
    static final class FakeGate implements ConfirmationGate {
        final Map<String, String> issued = new ConcurrentHashMap<>();
        final java.util.Set<String> spent = ConcurrentHashMap.newKeySet();

        @Override
        public Ticket issue(Principal principal, String tool, String argumentsHash, String summary) {
            String token = "cfm-" + issued.size();
            issued.put(token, principal.subject() + "|" + tool + "|" + argumentsHash);
            return new Ticket(token, summary, Instant.now().plusSeconds(300));
        }

        @Override
        public Redemption redeem(String token, Principal principal, String tool, String argumentsHash) {
            if (issued.remove(token, principal.subject() + "|" + tool + "|" + argumentsHash)) {
                spent.add(token);
                return Redemption.REDEEMED;
            }
            return spent.contains(token) ? Redemption.REPLAYED
                    : issued.containsKey(token) ? Redemption.MISMATCH : Redemption.UNKNOWN;
        }
    }

    static final class FakeStore implements ExecutionStore {
        final Map<String, ExecutionRecord> records = new ConcurrentHashMap<>();

        @Override
        public synchronized boolean insert(ExecutionRecord record) {
            if (record.idempotencyKey() != null
                    && findByIdempotencyKey(record.orgId(), record.subject(), record.idempotencyKey()).isPresent()) {
                return false;
            }
            records.put(record.id(), record);
            return true;
        }

        @Override
        public void update(String id, ExecutionStatus status, String resultJson, String errorJson) {
            records.computeIfPresent(id, (k, r) -> new ExecutionRecord(r.id(), r.orgId(), r.projectId(), r.subject(),
                    r.tool(), r.argumentsHash(), r.idempotencyKey(), status, resultJson, errorJson, r.callbackUrl(),
                    r.createdAt(), Instant.now()));
        }

        @Override
        public Optional<ExecutionRecord> find(String orgId, String id) {
            return Optional.ofNullable(records.get(id)).filter(r -> r.orgId().equals(orgId));
        }

        @Override
        public Optional<ExecutionRecord> findByIdempotencyKey(String orgId, String subject, String key) {
            return records.values().stream().filter(r -> r.orgId().equals(orgId) && r.subject().equals(subject)
                    && key.equals(r.idempotencyKey())).findFirst();
        }
    }
}
