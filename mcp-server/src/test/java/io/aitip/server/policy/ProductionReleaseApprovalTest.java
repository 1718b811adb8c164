package io.aitip.server.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.aitip.platform.inference.DeploymentLifecycle;
import io.aitip.platform.inference.DeploymentStore;
import io.aitip.platform.inference.InferenceExecutor;
import io.aitip.platform.inference.Replica;
import io.aitip.server.testing.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code approval.production-release} on the real release tools: {@code release_promote} carries only
 * a release id, so the policy engine learns from the release's state (fact
 * {@code release_reaches_production}) that this promotion is the one to 100 %. That promotion waits
 * for another person's approval and moves nothing until then; earlier stages run at once. Real
 * server, real replicas of the built-in runtime.
 */
class ProductionReleaseApprovalTest {

    static TestServer server;
    static final String OWNER = TestServer.ADMIN_TOKEN;
    static String creator;
    static String reviewer;

    @BeforeAll
    static void start() throws InterruptedException {
        server = TestServer.start();
        creator = server.keyForNewMember("rel-creator", "member");
        reviewer = server.keyForNewMember("rel-reviewer", "member");
        for (String uri : List.of("builtin://tiny-chat", "builtin://tiny-chat?profile=hardened")) {
            assertThat(execute(creator, "model_register", Map.of("name", "tiny-chat", "uri", uri)).path("status")
                    .asString()).isEqualTo("succeeded");
        }
    }

    /** Replica processes outlive the server by design: end them. */
    @AfterAll
    static void stop() {
        DeploymentStore store = server.bean(DeploymentStore.class);
        for (Replica r : store.liveReplicas()) {
            server.bean(DeploymentLifecycle.class).stopReplicas(List.of(r), "test over");
            server.bean(InferenceExecutor.class).terminate(r);
        }
        server.close();
    }

    static JsonNode execute(String key, String tool, Map<String, Object> params) {
        return server.post("/api/v1/agent/execute", key, Map.of("tool", tool, "params", params));
    }

    static JsonNode release(String id) {
        return execute(creator, "release_get", Map.of("release_id", id)).path("result");
    }

    @Test
    void thePromotionToOneHundredPercentWaitsForAnotherPersonsApproval() throws InterruptedException {
        String service = execute(creator, "inference_deploy", Map.of("name", "prod-gate", "model", "tiny-chat",
                "model_version", "v1", "runtime", "builtin")).path("result").path("service_id").asString();
        String status = "";
        for (int i = 0; i < 600 && !status.equals("ready"); i++) {
            Thread.sleep(100);
            status = execute(creator, "inference_get", Map.of("service", service)).path("result").path("status").asString();
        }
        assertThat(status).isEqualTo("ready");

        String id = execute(creator, "release_create", Map.of("model", "tiny-chat", "model_version", "v2",
                "service", service, "stages", List.of(50, 100))).path("result").path("release_id").asString();
        JsonNode unapproved = execute(creator, "release_promote", Map.of("release_id", id));
        assertThat(unapproved.path("error").path("code").asString()).as("the release's own review comes first; no "
                + "policy approval is asked for a promotion that cannot run").isEqualTo("APPROVAL_REQUIRED");
        assertThat(unapproved.path("status").asString()).isNotEqualTo("pending_approval");
        assertThat(execute(reviewer, "release_approve", Map.of("release_id", id)).path("status").asString())
                .isEqualTo("succeeded");

        JsonNode canary = execute(creator, "release_promote", Map.of("release_id", id));
        assertThat(canary.path("status").asString()).as("50 %% runs at once: %s", canary).isEqualTo("succeeded");
        assertThat(release(id).path("traffic_percent").asInt()).isEqualTo(50);

        JsonNode explained = server.post("/api/v1/agent/execute", creator, Map.of("tool", "release_promote",
                "params", Map.of("release_id", id), "dry_run", true));
        assertThat(explained.path("result").path("rule").asString()).isEqualTo("approval.production-release");
        JsonNode othersDryRun = server.post("/api/v1/agent/execute", server.keyForNewTenant("rel-eve"),
                Map.of("tool", "release_promote", "params", Map.of("release_id", id), "dry_run", true));
        assertThat(othersDryRun.path("result").path("decision").asString())
                .as("another tenant's call learns nothing about this release from the policy").isEqualTo("allow");

        JsonNode held = execute(creator, "release_promote", Map.of("release_id", id));
        assertThat(held.path("status").asString()).as(held.toString()).isEqualTo("pending_approval");
        assertThat(held.path("approval").path("rule").asString()).isEqualTo("approval.production-release");
        String approval = held.path("approval").path("id").asString();
        assertThat(release(id).path("status").asString()).as("nothing moved while it waits").isEqualTo("canary");
        assertThat(release(id).path("traffic_percent").asInt()).isEqualTo(50);

        JsonNode self = server.post("/api/v1/approvals/" + approval + "/decide", creator, Map.of("decision", "approve"));
        assertThat(self.path("error").path("code").asString()).isIn("SELF_APPROVAL", "PERMISSION_DENIED");
        JsonNode byMember = server.post("/api/v1/approvals/" + approval + "/decide", reviewer, Map.of("decision", "approve"));
        assertThat(byMember.path("error").path("code").asString()).as("a member may not decide").isEqualTo("PERMISSION_DENIED");
        assertThat(release(id).path("status").asString()).isEqualTo("canary");

        JsonNode decided = server.post("/api/v1/approvals/" + approval + "/decide", OWNER,
                Map.of("decision", "approve", "comment", "canary metrics are fine"));
        assertThat(decided.path("execution").path("status").asString()).as(decided.toString()).isEqualTo("succeeded");
        assertThat(release(id).path("status").asString()).isEqualTo("production");
        assertThat(release(id).path("traffic_percent").asInt()).isEqualTo(100);
        JsonNode again = execute(creator, "release_promote", Map.of("release_id", id));
        assertThat(again.path("error").path("code").asString()).as("a release in production has no further stage")
                .isEqualTo("CONFLICT");

        // blue-green goes to 100 % on its first promotion: held too; a rejection is final and moves nothing
        JsonNode created = execute(creator, "release_create", Map.of("model", "tiny-chat", "model_version", "v1",
                "service", service, "strategy", "blue-green"));
        String blueGreen = created.path("result").path("release_id").asString();
        assertThat(blueGreen).as(created.toString()).startsWith("rel-");
        execute(reviewer, "release_approve", Map.of("release_id", blueGreen));
        JsonNode heldAgain = execute(creator, "release_promote", Map.of("release_id", blueGreen));
        assertThat(heldAgain.path("approval").path("rule").asString()).as(heldAgain.toString())
                .isEqualTo("approval.production-release");
        JsonNode rejected = server.post("/api/v1/approvals/" + heldAgain.path("approval").path("id").asString() + "/decide",
                OWNER, Map.of("decision", "reject", "comment", "not now"));
        assertThat(rejected.path("approval").path("status").asString()).as(rejected.toString()).isEqualTo("rejected");
        assertThat(release(blueGreen).path("traffic_percent").asInt()).isZero();
        assertThat(execute(creator, "inference_get", Map.of("service", service)).path("result").toString())
                .as("the service still serves the released v2").contains("\"v2\"");
    }
}
