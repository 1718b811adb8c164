package io.aitip.platform.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.aitip.platform.training.JobChange;
import io.aitip.platform.training.JobStatus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An independent verifier: {@code mcp-server/src/test/node/webhook-receiver.mjs} checks every
 * delivery with the npm {@code standardwebhooks} package (Node 22) and prints one JSON line per
 * request. Every delivery signed with the receiver's secret must verify, including those of an
 * endpoint in secret rotation (two signatures); a wrongly signed one must not (the control).
 */
class NodeVerifierTest {

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

    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("scripts/provision-node.sh"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the repository root (scripts/provision-node.sh)");
        }
        return dir;
    }

    static String node(Path root) throws Exception {
        Process provision = new ProcessBuilder("bash", "scripts/provision-node.sh").directory(root.toFile())
                .redirectErrorStream(true).start();
        String output = new String(provision.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!provision.waitFor(10, TimeUnit.MINUTES) || provision.exitValue() != 0) {
            throw new IllegalStateException("scripts/provision-node.sh failed:\n" + output);
        }
        String[] lines = output.strip().split("\n");
        return lines[lines.length - 1].strip();
    }

    @Test
    void everyDeliveryVerifiesWithTheStandardWebhooksNpmPackage() throws Exception {
        String org = "org-node";
        String main = f.endpoint(org, "http://127.0.0.1:1/placeholder", List.of("job.*"));
        String rotating = f.endpoint(org, "http://127.0.0.1:1/placeholder", List.of("job.succeeded", "job.failed",
                "job.cancelled"));
        String wrong = f.endpoint(org, "http://127.0.0.1:1/placeholder", List.of("*"));
        String secret = f.store.findEndpoint(org, main).orElseThrow().secret();
        // the rotating endpoint still signs with the receiver's secret as its previous one, beside its own new one
        f.jdbc.update("UPDATE webhook_endpoints SET previous_secret = ?, previous_secret_expires_at = now() + interval "
                + "'1 day' WHERE id = ?", secret, rotating);

        Path root = repositoryRoot();
        Process receiver = new ProcessBuilder(node(root), root.resolve("mcp-server/src/test/node/webhook-receiver.mjs")
                .toString(), secret).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(receiver.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "webhook-receiver-stdout");
        reader.setDaemon(true);
        reader.start();
        try {
            String first = lines.poll(30, TimeUnit.SECONDS);
            assertThat(first).as("the receiver's first line").isNotNull();
            int port = JSON.readTree(first).get("listening").asInt();
            f.jdbc.update("UPDATE webhook_endpoints SET url = ? WHERE org_id = ?", "http://127.0.0.1:" + port + "/hook", org);

            // real jobs end through the state machine; their events go out through the worker
            List<String> jobs = new ArrayList<>();
            JobStatus[] ends = {JobStatus.SUCCEEDED, JobStatus.FAILED, JobStatus.CANCELLED};
            for (int i = 0; i < 15; i++) {
                String job = f.newJob(org, "prj-1", "node-" + i);
                f.states.transition(job, JobStatus.PENDING, JobStatus.QUEUED, JobChange.none());
                f.states.transition(job, JobStatus.QUEUED, JobStatus.RUNNING, JobChange.none());
                assertThat(f.states.end(job, ends[i % 3], JobChange.message("ended " + i))).isTrue();
                jobs.add(job);
            }
            Map<String, String> typeOfEvent = new HashMap<>();
            for (Map<String, Object> row : f.jdbc.queryForList("SELECT id, type FROM webhook_events WHERE org_id = ?", org)) {
                typeOfEvent.put((String) row.get("id"), (String) row.get("type"));
            }
            assertThat(typeOfEvent).hasSize(15);
            int expected = f.jdbc.queryForObject("SELECT count(*) FROM webhook_deliveries WHERE org_id = ?", Integer.class, org);
            assertThat(expected).isEqualTo(45);

            WebhookFixture.MutableClock clock = new WebhookFixture.MutableClock(Instant.now().plusSeconds(1));
            WebhookDeliveryWorker worker = f.worker(clock);
            assertThat(worker.drain()).isEqualTo(45);

            List<JsonNode> reports = new ArrayList<>();
            while (reports.size() < 45) {
                String line = lines.poll(30, TimeUnit.SECONDS);
                assertThat(line).as("a report line for each of 45 deliveries, got " + reports.size()).isNotNull();
                reports.add(JSON.readTree(line));
            }
            Map<String, Integer> verifiedPerEvent = new HashMap<>();
            int failed = 0;
            for (JsonNode r : reports) {
                String id = r.get("id").asString();
                assertThat(typeOfEvent).containsKey(id);
                if (r.get("verified").asBoolean()) {
                    verifiedPerEvent.merge(id, 1, Integer::sum);
                    assertThat(r.get("type").asString()).isEqualTo(typeOfEvent.get(id));
                    assertThat(r.get("host").asString()).isEqualTo("127.0.0.1:" + port);
                } else {
                    failed++;
                }
            }
            // each event verified twice (the main and the rotating endpoint); the wrong secret's 15 did not
            assertThat(verifiedPerEvent).hasSize(15).allSatisfy((id, count) -> assertThat(count).isEqualTo(2));
            assertThat(failed).isEqualTo(15);
            assertThat(f.jdbc.queryForObject("SELECT count(*) FROM webhook_deliveries WHERE org_id = ? AND status = "
                    + "'delivered' AND endpoint_id IN (?, ?)", Integer.class, org, main, rotating)).isEqualTo(30);
            assertThat(f.jdbc.queryForObject("SELECT count(*) FROM webhook_deliveries WHERE endpoint_id = ? AND status = "
                    + "'pending' AND last_status_code = 400", Integer.class, wrong)).isEqualTo(15);
        } finally {
            receiver.getOutputStream().close();
            if (!receiver.waitFor(5, TimeUnit.SECONDS)) {
                receiver.destroyForcibly();
            }
        }
    }
}
