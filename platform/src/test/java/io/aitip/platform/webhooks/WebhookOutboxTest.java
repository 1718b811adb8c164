package io.aitip.platform.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aitip.platform.training.JobChange;
import io.aitip.platform.training.JobStateMachine;
import io.aitip.platform.training.JobStatus;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Job events enter the outbox in the same transaction as the job's terminal move, and fan out by pattern. */
class WebhookOutboxTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static WebhookFixture f;

    @BeforeAll
    static void setUp() {
        f = new WebhookFixture();
    }

    @AfterAll
    static void tearDown() {
        f.close();
    }

    static JsonNode golden(String type) throws Exception {
        try (InputStream in = WebhookOutboxTest.class.getResourceAsStream("/webhooks/" + type + ".json")) {
            return JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"succeeded", "failed", "cancelled"})
    void payloadsMatchTheGoldenFiles(String status) throws Exception {
        String message = switch (status) {
            case "succeeded" -> "training finished";
            case "failed" -> "exit code 1: CUDA out of memory";
            default -> "stopped by alice";
        };
        Map<String, Object> payload = WebhookEvents.jobPayload("job." + status, Instant.parse("2026-11-22T06:00:00Z"),
                "train-7f3a2c01", "llama-sft", status, message, "org-acme", "prj-vision");
        String json = WebhookEvents.json(payload);
        assertThat(JSON.readTree(json)).isEqualTo(golden("job." + status));
        // the field order is part of the stable shape
        assertThat(json).startsWith("{\"type\":\"job." + status + "\",\"timestamp\":\"2026-11-22T06:00:00.000Z\",\"data\":{"
                + "\"job_id\":\"train-7f3a2c01\",\"name\":\"llama-sft\",\"status\":\"" + status + "\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"succeeded", "failed", "cancelled"})
    void executionPayloadsMatchTheGoldenFilesKeyForKeyInOrder(String status) throws Exception {
        JsonNode golden = golden("execution." + status);
        JsonNode data = golden.get("data");
        Map<String, Object> payload = WebhookEvents.executionPayload("execution." + status,
                Instant.parse("2026-11-22T06:00:00Z"), data.get("execution_id").asString(), data.get("tool").asString(),
                status, data.get("result").isNull() ? null : data.get("result"),
                data.get("error").isNull() ? null : data.get("error"), "org-acme", "prj-vision",
                io.aitip.tools.pipeline.MonitoringLinks.of(data.get("execution_id").asString(),
                        data.get("result").isNull() ? null : data.get("result")));
        String json = WebhookEvents.json(payload);
        assertThat(JSON.readTree(json)).isEqualTo(golden);
        assertThat(new ArrayList<>(JSON.readTree(json).get("data").propertyNames()))
                .containsExactlyElementsOf(new ArrayList<>(data.propertyNames()));
        assertThat(WebhookEvents.CALLBACK_TYPES).contains("execution." + status);
    }

    @Test
    void timestampsAlwaysCarryMilliseconds() {
        assertThat(WebhookEvents.timestamp(Instant.parse("2026-11-22T06:00:00Z"))).isEqualTo("2026-11-22T06:00:00.000Z");
        assertThat(WebhookEvents.timestamp(Instant.parse("2026-11-22T06:00:00.1Z"))).isEqualTo("2026-11-22T06:00:00.100Z");
        assertThat(WebhookEvents.timestamp(Instant.parse("2026-11-22T06:00:00.123456Z"))).isEqualTo("2026-11-22T06:00:00.123Z");
    }

    @Test
    void patterns() {
        assertThat(WebhookEvents.validPattern("job.*")).isTrue();
        assertThat(WebhookEvents.validPattern("*")).isTrue();
        assertThat(WebhookEvents.validPattern("release.rolled_back")).isTrue();
        assertThat(WebhookEvents.validPattern("job.started")).isFalse();
        assertThat(WebhookEvents.validPattern("jobs.*")).isFalse();
        assertThat(WebhookEvents.validPattern("job*")).isFalse();
        assertThat(WebhookEvents.matches("job.*", "job.failed")).isTrue();
        assertThat(WebhookEvents.matches("job.*", "jobx.failed")).isFalse();
    }

    @Test
    void aTerminalMoveWritesTheEventAndFansOutToMatchingEndpointsOfTheOrg() throws Exception {
        String all = f.endpoint("org-a", "http://127.0.0.1:1/all", List.of("*"));
        String jobs = f.endpoint("org-a", "http://127.0.0.1:1/jobs", List.of("job.*"));
        String failedOnly = f.endpoint("org-a", "http://127.0.0.1:1/failed", List.of("job.failed"));
        String approvals = f.endpoint("org-a", "http://127.0.0.1:1/approvals", List.of("approval.*"));
        String inactive = f.endpoint("org-a", "http://127.0.0.1:1/off", List.of("*"));
        f.jdbc.update("UPDATE webhook_endpoints SET active = false WHERE id = ?", inactive);
        String otherOrg = f.endpoint("org-b", "http://127.0.0.1:1/b", List.of("*"));

        String job = f.newJob("org-a", "prj-1", "sft-run");
        f.states.transition(job, JobStatus.PENDING, JobStatus.QUEUED, JobChange.message("waiting for a GPU"));
        f.states.transition(job, JobStatus.QUEUED, JobStatus.RUNNING, JobChange.none());
        assertThat(events(job)).isEmpty();
        assertThat(f.states.transition(job, JobStatus.RUNNING, JobStatus.SUCCEEDED, JobChange.message("done").exitCode(0)))
                .isTrue();

        List<Map<String, Object>> events = events(job);
        assertThat(events).hasSize(1);
        Map<String, Object> event = events.get(0);
        assertThat(event.get("type")).isEqualTo("job.succeeded");
        assertThat(event.get("org_id")).isEqualTo("org-a");
        JsonNode payload = JSON.readTree((String) event.get("payload"));
        assertThat(payload.get("type").asString()).isEqualTo("job.succeeded");
        assertThat(payload.get("timestamp").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        JsonNode data = payload.get("data");
        assertThat(data.get("job_id").asString()).isEqualTo(job);
        assertThat(data.get("name").asString()).isEqualTo("sft-run");
        assertThat(data.get("status").asString()).isEqualTo("succeeded");
        assertThat(data.get("status_message").asString()).isEqualTo("done");
        assertThat(data.get("org_id").asString()).isEqualTo("org-a");
        assertThat(data.get("project_id").asString()).isEqualTo("prj-1");
        // the body sent has the same keys as the golden file, in the same order, nothing more
        assertThat(new ArrayList<>(payload.propertyNames())).containsExactly("type", "timestamp", "data");
        List<String> keys = new ArrayList<>(data.propertyNames());
        assertThat(keys).containsExactlyElementsOf(new ArrayList<>(golden("job.succeeded").get("data").propertyNames()));

        List<String> targets = f.jdbc.queryForList("SELECT endpoint_id FROM webhook_deliveries WHERE event_id = ? "
                + "AND status = 'pending' AND attempts = 0", String.class, event.get("id"));
        assertThat(targets).containsExactlyInAnyOrder(all, jobs);
        assertThat(targets).doesNotContain(failedOnly, approvals, inactive, otherOrg);

        String failing = f.newJob("org-a", "prj-1", "broken");
        assertThat(f.states.end(failing, JobStatus.FAILED, JobChange.message("exit code 1"))).isTrue();
        Map<String, Object> failed = events(failing).get(0);
        assertThat(failed.get("type")).isEqualTo("job.failed");
        assertThat(f.jdbc.queryForList("SELECT endpoint_id FROM webhook_deliveries WHERE event_id = ?", String.class,
                failed.get("id"))).containsExactlyInAnyOrder(all, jobs, failedOnly);

        String cancelled = f.newJob("org-a", "prj-1", "stopped");
        assertThat(f.states.end(cancelled, JobStatus.CANCELLED, JobChange.message("stopped by alice"))).isTrue();
        assertThat(events(cancelled).get(0).get("type")).isEqualTo("job.cancelled");
        // a move that loses (the job already ended) writes nothing more
        assertThat(f.states.end(cancelled, JobStatus.FAILED, JobChange.none())).isFalse();
        assertThat(events(cancelled)).hasSize(1);
    }

    @Test
    void theEventCommitsWithTheStateChangeOrNotAtAll() {
        WebhookOutbox broken = new WebhookOutbox() {
            @Override
            public boolean jobEnded(JdbcTemplate jdbc, String jobId, String status) {
                super.jobEnded(jdbc, jobId, status);
                throw new IllegalStateException("outbox write failed");
            }
        };
        JobStateMachine states = new JobStateMachine(f.jdbc, broken);
        String job = f.newJob("org-tx", "prj-1", "atomic");
        assertThatThrownBy(() -> states.end(job, JobStatus.CANCELLED, JobChange.message("stop")))
                .hasMessageContaining("outbox write failed");
        // neither the status change nor the event survived
        assertThat(f.jobs.findById(job).orElseThrow().status()).isEqualTo(JobStatus.PENDING);
        assertThat(events(job)).isEmpty();
        // and with a working outbox the same move commits both
        assertThat(f.states.end(job, JobStatus.CANCELLED, JobChange.message("stop"))).isTrue();
        assertThat(events(job)).hasSize(1);
    }

    @Test
    void ofConcurrentTerminalMovesOnlyTheWinnerWritesAnEvent() throws Exception {
        String job = f.newJob("org-race", "prj-1", "race");
        f.states.transition(job, JobStatus.PENDING, JobStatus.QUEUED, JobChange.none());
        f.states.transition(job, JobStatus.QUEUED, JobStatus.RUNNING, JobChange.none());
        ExecutorService threads = Executors.newFixedThreadPool(6);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            JobStatus to = switch (i % 3) {
                case 0 -> JobStatus.SUCCEEDED;
                case 1 -> JobStatus.FAILED;
                default -> JobStatus.CANCELLED;
            };
            results.add(threads.submit(() -> {
                go.await();
                return f.states.transition(job, JobStatus.RUNNING, to, JobChange.none());
            }));
        }
        go.countDown();
        int wins = 0;
        for (Future<Boolean> r : results) {
            wins += r.get() ? 1 : 0;
        }
        threads.shutdown();
        assertThat(wins).isEqualTo(1);
        List<Map<String, Object>> events = events(job);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).get("type")).isEqualTo("job." + f.jobs.findById(job).orElseThrow().status().wire());
    }

    static List<Map<String, Object>> events(String jobId) {
        return f.jdbc.queryForList("SELECT id, org_id, type, body AS payload FROM webhook_events "
                + "WHERE payload->'data'->>'job_id' = ?", jobId);
    }
}
