package io.aitip.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.aitip.server.testing.TestServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The seed's resource routes are thin routes onto the same tools, with the same decisions. */
class SeedRoutesTest {

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

    @Test
    void datasetsRoundTrip() {
        JsonNode created = server.post("/api/v1/datasets", ADMIN, Map.of("name", "route-data", "uri", "s3://r/1"));
        String id = created.path("id").asString();
        assertThat(id).startsWith("ds-");
        assertThat(server.get("/api/v1/datasets/" + id, ADMIN).path("dataset").path("name").asString()).isEqualTo("route-data");
        server.post("/api/v1/datasets/" + id + "/versions", ADMIN, Map.of("uri", "s3://r/2", "changes", "more rows"));
        assertThat(server.get("/api/v1/datasets/route-data/lineage", ADMIN).toString()).contains("v2");
        assertThat(server.get("/api/v1/datasets/ds-00000000", ADMIN).path("error").path("code").asString()).isEqualTo("NOT_FOUND");
    }

    @Test
    void trainingJobRunsAndStopNeedsConfirmation() throws InterruptedException {
        JsonNode job = server.post("/api/v1/training/jobs", ADMIN, Map.of("model", "echo", "command", "echo hello-from-route"));
        String id = job.path("job_id").asString();
        String status = "";
        for (int i = 0; i < 300 && !status.equals("succeeded"); i++) {
            Thread.sleep(200);
            status = server.get("/api/v1/training/jobs/" + id, ADMIN).path("status").asString();
        }
        assertThat(status).isEqualTo("succeeded");
        assertThat(server.get("/api/v1/training/jobs/" + id + "/logs", ADMIN).toString()).contains("hello-from-route");

        String sleeper = server.post("/api/v1/training/jobs", ADMIN, Map.of("model", "sleep", "command", "sleep 120"))
                .path("job_id").asString();
        JsonNode asked = server.post("/api/v1/training/jobs/" + sleeper + "/stop", ADMIN, Map.of());
        assertThat(asked.path("status").asString()).isEqualTo("needs_confirmation");
        String token = asked.path("confirmation").path("token").asString();
        JsonNode stopped = server.post("/api/v1/training/jobs/" + sleeper + "/stop?confirmation_token=" + token, ADMIN, Map.of());
        assertThat(stopped.toString()).contains("cancel");
        JsonNode replayed = server.post("/api/v1/training/jobs/" + sleeper + "/stop?confirmation_token=" + token, ADMIN, Map.of());
        assertThat(replayed.path("error").path("code").asString()).as("a token is single use").isEqualTo("CONFIRMATION_REPLAYED");
        assertThat(replayed.path("confirmation").path("token").asString()).as("with a fresh token to retry").isNotEqualTo(token);
    }
}
