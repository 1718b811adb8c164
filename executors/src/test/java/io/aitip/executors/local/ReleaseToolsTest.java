package io.aitip.executors.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.aitip.executors.InferenceProperties;
import io.aitip.platform.inference.Deployment;
import io.aitip.platform.inference.DeploymentView;
import io.aitip.platform.inference.InferenceDeployTool;
import io.aitip.platform.inference.Replica;
import io.aitip.platform.inference.ReplicaStatus;
import io.aitip.platform.inference.Track;
import io.aitip.platform.releases.ReleaseApproveTool;
import io.aitip.platform.releases.ReleaseCreateTool;
import io.aitip.platform.releases.ReleaseEvent;
import io.aitip.platform.releases.ReleaseGetTool;
import io.aitip.platform.releases.ReleaseListTool;
import io.aitip.platform.releases.ReleasePromoteTool;
import io.aitip.platform.releases.ReleaseRollbackTool;
import io.aitip.platform.releases.ReleaseStatus;
import io.aitip.platform.releases.ReleaseStrategy;
import io.aitip.platform.releases.ReleaseView;
import io.aitip.platform.support.Scope;
import io.aitip.platform.testing.PooledTestDataSource;
import io.aitip.platform.testing.TestDatabase;
import io.aitip.platform.testing.TestToolContext;
import io.aitip.tools.json.Json;
import io.aitip.tools.model.ErrorCode;
import io.aitip.tools.model.ToolException;
import io.aitip.tools.security.Principal;
import io.aitip.tools.security.Role;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Releases moving real traffic between real replica processes, approved by a second person, audited. */
class ReleaseToolsTest {

    static TestDatabase db;
    static HikariDataSource pool;
    static final TestToolContext alice = TestToolContext.member("org-rel", "prj");
    static final TestToolContext bob = new TestToolContext(new Principal("usr-bob", "bob", "org-rel", "org-rel", "prj",
            Role.MEMBER, Set.of(), null));
    static final Scope scope = Scope.of(alice);

    @TempDir
    static Path home;
    static InferenceHarness h;

    @BeforeAll
    static void setUp() {
        db = TestDatabase.create();
        pool = PooledTestDataSource.of(db);
        h = new InferenceHarness(pool, home, null, InferenceProperties.defaults());
        h.registerModel(alice, "tiny-chat", "builtin://tiny-chat");
        h.registerModel(alice, "tiny-chat", "builtin://tiny-chat?profile=hardened");
        h.registerModel(alice, "other-model", "s3://models/other");
    }

    @AfterAll
    static void tearDown() {
        h.close();
        pool.close();
        db.close();
    }

    @AfterEach
    void stopEverything() {
        for (Replica r : h.store.liveReplicas()) {
            h.lifecycle.stopReplicas(List.of(r), "test over");
            h.executor.terminate(r);
        }
    }

    String deployV1(String name) throws InterruptedException {
        String id = ((DeploymentView) h.deploy.call(alice, new InferenceDeployTool.Input(name, "tiny-chat", "v1", null,
                null, null, 1, null, null))).serviceId();
        h.awaitReady(scope, id);
        return id;
    }

    static ReleaseCreateTool.Input release(String service, String version, ReleaseStrategy strategy, List<Integer> stages) {
        return new ReleaseCreateTool.Input("tiny-chat", version, strategy, stages, service, null, null, "safer answers");
    }

    static Map<String, Integer> split(String serviceId, int requests) {
        Map<String, Integer> byVersion = new HashMap<>();
        byte[] body = Json.write(Map.of("messages", List.of(Map.of("role", "user", "content", "hi"))))
                .getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < requests; i++) {
            byVersion.merge(h.router.forward(scope, serviceId, "POST", "/chat/completions", body, "application/json")
                    .version(), 1, Integer::sum);
        }
        return byVersion;
    }

    int webhookEvents(String type, String releaseId) {
        return h.jdbc.queryForObject("SELECT count(*) FROM webhook_events WHERE type = ? AND payload->'data'->>'release_id' = ?",
                Integer.class, type, releaseId);
    }

    @Test
    void approvedCanaryGoesThroughEveryStageToProductionAndRollsBack() throws Exception {
        String svc = deployV1("rollout");
        ReleaseView created = (ReleaseView) h.releaseCreate.call(alice, release("rollout", "v2", null, null));
        String id = created.releaseId();
        assertThat(id).matches("rel-[0-9a-f]{8}");
        assertThat(created.status()).isEqualTo("pending_approval");
        assertThat(created.stages()).containsExactly(5, 20, 50, 100);
        assertThat(created.previousVersion()).isEqualTo("v1");
        assertThat(created.events()).extracting(ReleaseEvent::action).containsExactly("created", "submitted_for_approval");

        expect(() -> h.releasePromote.call(alice, new ReleasePromoteTool.Input(id)), ErrorCode.APPROVAL_REQUIRED);
        assertThat(h.store.findById(svc).orElseThrow().canaryVersion()).as("no traffic moved").isNull();
        expect(() -> h.releaseApprove.call(alice, new ReleaseApproveTool.Input(id, "mine")), ErrorCode.PERMISSION_DENIED);
        ReleaseView approved = (ReleaseView) h.releaseApprove.call(bob, new ReleaseApproveTool.Input(id, "evals pass"));
        assertThat(approved.approval().approvedBy()).isEqualTo("usr-bob");
        assertThat(approved.status()).isEqualTo("pending_approval");
        expect(() -> h.releaseApprove.call(bob, new ReleaseApproveTool.Input(id, "again")), ErrorCode.CONFLICT);

        ReleaseView first = (ReleaseView) h.releasePromote.call(alice, new ReleasePromoteTool.Input(id));
        assertThat(first.status()).isEqualTo("canary");
        assertThat(first.trafficPercent()).isEqualTo(5);
        assertThat(first.nextStagePercent()).isEqualTo(20);
        Deployment withCanary = h.store.findById(svc).orElseThrow();
        assertThat(withCanary.canaryVersion()).isEqualTo("v2");
        assertThat(withCanary.canaryPercent()).isEqualTo(5);
        h.awaitAllReplicasReady(scope, svc);
        assertThat(split(svc, 100)).containsEntry("v2", 5).containsEntry("v1", 95);

        h.releasePromote.call(alice, new ReleasePromoteTool.Input(id));
        ReleaseView half = (ReleaseView) h.releasePromote.call(alice, new ReleasePromoteTool.Input(id));
        assertThat(half.trafficPercent()).isEqualTo(50);
        assertThat(split(svc, 100)).containsEntry("v2", 50);
        Replica oldStable = h.store.liveReplicas(svc).stream().filter(r -> r.track() == Track.STABLE).findFirst().orElseThrow();

        ReleaseView production = (ReleaseView) h.releasePromote.call(alice, new ReleasePromoteTool.Input(id));
        assertThat(production.status()).isEqualTo("production");
        assertThat(production.trafficPercent()).isEqualTo(100);
        Deployment promoted = h.store.findById(svc).orElseThrow();
        assertThat(promoted.modelVersion()).isEqualTo("v2");
        assertThat(promoted.profile()).isEqualTo("hardened");
        assertThat(promoted.canaryVersion()).isNull();
        assertThat(h.store.replica(oldStable.id()).orElseThrow().status()).isEqualTo(ReplicaStatus.STOPPED);
        assertThat(split(svc, 10)).containsOnlyKeys("v2");
        assertThat(webhookEvents("release.promoted", id)).isEqualTo(4);
        expect(() -> h.releasePromote.call(alice, new ReleasePromoteTool.Input(id)), ErrorCode.CONFLICT);

        ReleaseView rolledBack = (ReleaseView) h.releaseRollback.call(bob, new ReleaseRollbackTool.Input(id, "latency"));
        assertThat(rolledBack.status()).isEqualTo("rolled_back");
        assertThat(rolledBack.rollback().reason()).isEqualTo("latency");
        Deployment restored = h.store.findById(svc).orElseThrow();
        assertThat(restored.modelVersion()).isEqualTo("v1");
        assertThat(restored.profile()).isEqualTo("weak");
        assertThat(restored.canaryVersion()).isNull();
        h.awaitAllReplicasReady(scope, svc);
        assertThat(split(svc, 10)).containsOnlyKeys("v1");
        assertThat(webhookEvents("release.rolled_back", id)).isEqualTo(1);
        assertThat(((ReleaseView) h.releaseGet.call(alice, new ReleaseGetTool.Input(id))).events())
                .extracting(e -> e.action() + ":" + e.toStatus() + ":" + e.trafficPercent())
                .containsExactly("created:draft:0", "submitted_for_approval:pending_approval:0",
                        "approved:pending_approval:0", "promoted:canary:5", "promoted:canary:20", "promoted:canary:50",
                        "promoted:production:100", "rolled_back:rolled_back:0");
        expect(() -> h.releaseRollback.call(alice, new ReleaseRollbackTool.Input(id, "twice")), ErrorCode.CONFLICT);
    }

    @Test
    void rollingBackACanaryRemovesItsTraffic() throws Exception {
        String svc = deployV1("short");
        String id = ((ReleaseView) h.releaseCreate.call(alice, release(svc, "v2", ReleaseStrategy.CANARY,
                List.of(30, 100)))).releaseId();
        h.releaseApprove.call(bob, new ReleaseApproveTool.Input(id, null));
        h.releasePromote.call(alice, new ReleasePromoteTool.Input(id));
        assertThat(h.store.findById(svc).orElseThrow().canaryPercent()).isEqualTo(30);
        ReleaseView back = (ReleaseView) h.releaseRollback.call(alice, new ReleaseRollbackTool.Input(id, "bad answers"));
        assertThat(back.status()).isEqualTo("rolled_back");
        Deployment after = h.store.findById(svc).orElseThrow();
        assertThat(after.canaryVersion()).isNull();
        assertThat(after.modelVersion()).isEqualTo("v1");
        assertThat(h.store.liveReplicas(svc)).allSatisfy(r -> assertThat(r.track()).isEqualTo(Track.STABLE));
        ReleaseListTool.Page page = (ReleaseListTool.Page) h.releaseList.call(alice, new ReleaseListTool.Input(
                ReleaseStatus.ROLLED_BACK, null, null));
        assertThat(page.releases()).extracting(ReleaseListTool.Item::releaseId).contains(id);
        // the service is free for the next release
        h.releaseCreate.call(alice, release(svc, "v2", ReleaseStrategy.BLUE_GREEN, null));
    }

    @Test
    void badInputCreatesNothing() throws Exception {
        String svc = deployV1("guarded");
        int before = h.jdbc.queryForObject("SELECT count(*) FROM releases", Integer.class);
        expect(() -> h.releaseCreate.call(alice, release(svc, "v2", null, List.of(20, 10, 100))), ErrorCode.INVALID_ARGUMENTS,
                "/stages/1");
        expect(() -> h.releaseCreate.call(alice, release(svc, "v2", null, List.of(5, 50))), ErrorCode.INVALID_ARGUMENTS,
                "/stages/1");
        expect(() -> h.releaseCreate.call(alice, release(svc, "v2", null, List.of(0, 100))), ErrorCode.INVALID_ARGUMENTS,
                "/stages/0");
        expect(() -> h.releaseCreate.call(alice, release(svc, "v2", ReleaseStrategy.BLUE_GREEN, List.of(50, 100))),
                ErrorCode.INVALID_ARGUMENTS, "/stages");
        expect(() -> h.releaseCreate.call(alice, release(svc, "v9", null, null)), ErrorCode.NOT_FOUND, "/model_version");
        expect(() -> h.releaseCreate.call(alice, release(svc, "v1", null, null)), ErrorCode.INVALID_ARGUMENTS,
                "/model_version");
        expect(() -> h.releaseCreate.call(alice, new ReleaseCreateTool.Input("no-model", "v1", null, null, svc, null,
                null, null)), ErrorCode.NOT_FOUND, "/model");
        expect(() -> h.releaseCreate.call(alice, new ReleaseCreateTool.Input("other-model", "v1", null, null, svc, null,
                null, null)), ErrorCode.INVALID_ARGUMENTS, "/service");
        expect(() -> h.releaseCreate.call(alice, release("svc-00000000", "v2", null, null)), ErrorCode.NOT_FOUND, "/service");
        expect(() -> h.releaseGet.call(alice, new ReleaseGetTool.Input("rel-00000000")), ErrorCode.NOT_FOUND, "/release_id");
        assertThat(h.jdbc.queryForObject("SELECT count(*) FROM releases", Integer.class)).isEqualTo(before);
        assertThat(h.store.findById(svc).orElseThrow().canaryVersion()).isNull();
    }

    static void expect(ThrowingCallable call, ErrorCode code) {
        expect(call, code, null);
    }

    static void expect(ThrowingCallable call, ErrorCode code, String pointer) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ToolException.class, e -> {
            assertThat(e.error().code()).as(e.getMessage()).isEqualTo(code);
            if (pointer != null) {
                assertThat(e.error().pointer()).as(e.getMessage()).isEqualTo(pointer);
            }
        });
    }
}
