package io.aitip.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.aitip.server.testing.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The experiment, run and model routes are thin routes onto the same tools, with the same decisions. */
class ExperimentModelRoutesTest {

    private static TestServer server;
    private static final String ADMIN = TestServer.ADMIN_TOKEN;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    String finished(String runId) throws InterruptedException {
        String status = "";
        for (int i = 0; i < 600 && !List.of("succeeded", "failed", "cancelled").contains(status); i++) {
            Thread.sleep(200);
            status = server.get("/api/v1/runs/" + runId, ADMIN).path("status").asString();
        }
        return status;
    }

    @Test
    void experimentsRunsCompareAndModelsRoundTrip() throws InterruptedException {
        JsonNode created = server.post("/api/v1/experiments", ADMIN, Map.of("name", "route-exp", "hypothesis", "lr matters"));
        String experimentId = created.path("experiment_id").asString();
        assertThat(experimentId).startsWith("exp-");

        String good = server.post("/api/v1/experiments/route-exp/runs", ADMIN, Map.of("model", "example-mlp",
                "config", Map.of("learning_rate", 0.5, "epochs", 1))).path("job_id").asString();
        String bad = server.post("/api/v1/experiments/" + experimentId + "/runs", ADMIN, Map.of("model", "example-mlp",
                "config", Map.of("learning_rate", 0.00001, "epochs", 1))).path("job_id").asString();
        assertThat(finished(good)).isEqualTo("succeeded");
        assertThat(finished(bad)).isEqualTo("succeeded");
        assertThat(server.get("/api/v1/runs/" + good, ADMIN).path("experiment_id").asString()).isEqualTo(experimentId);

        JsonNode runs = server.get("/api/v1/experiments/route-exp/runs?limit=1", ADMIN);
        assertThat(runs.path("experiment_id").asString()).isEqualTo(experimentId);
        assertThat(runs.path("runs")).hasSize(1);
        assertThat(runs.path("next_cursor").asString()).isNotEmpty();
        assertThat(server.get("/api/v1/experiments/" + experimentId, ADMIN).path("run_count").asLong()).isEqualTo(2);
        assertThat(server.get("/api/v1/experiments", ADMIN).toString()).contains("route-exp");

        JsonNode compared = server.post("/api/v1/experiments/compare", ADMIN, Map.of("runs", List.of(good, bad),
                "metric", "accuracy"));
        assertThat(compared.path("leaders").path("accuracy").path("job_id").asString()).isEqualTo(good);

        JsonNode version = server.post("/api/v1/models", ADMIN, Map.of("name", "route-model", "job_id", good));
        assertThat(version.toString()).contains("v1");
        assertThat(server.get("/api/v1/models", ADMIN).toString()).contains("route-model");
        assertThat(server.get("/api/v1/models/route-model", ADMIN).toString()).contains(good);
        assertThat(server.get("/api/v1/models/route-model/versions", ADMIN).path("versions")).hasSize(1);
    }

    @Test
    void unknownNamesAndMissingPermissionsAnswerLikeTheTools() {
        TestServer.Reply missing = server.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
                + "/api/v1/experiments/no-such-exp")).GET(), ADMIN);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body().path("error").path("code").asString()).isEqualTo("NOT_FOUND");
        assertThat(server.get("/api/v1/models/no-such-model/versions", ADMIN).path("error").path("code").asString())
                .isEqualTo("NOT_FOUND");
        assertThat(server.post("/api/v1/experiments/compare", ADMIN, Map.of("runs", List.of("train-00000000")))
                .path("error").path("code").asString()).isEqualTo("INVALID_ARGUMENTS");

        String viewer = server.keyForNewMember("route-viewer", "viewer");
        TestServer.Reply denied = server.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/experiments"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"viewer-exp\"}")), viewer);
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.body().path("error").path("code").asString()).isEqualTo("PERMISSION_DENIED");
        assertThat(server.get("/api/v1/experiments", viewer).toString()).as("viewers read").doesNotContain("\"error\"");
    }
}
