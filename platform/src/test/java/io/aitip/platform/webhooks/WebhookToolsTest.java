package io.aitip.platform.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aitip.platform.testing.TestToolContext;
import io.aitip.tools.catalog.ToolCatalog;
import io.aitip.tools.json.Json;
import io.aitip.tools.model.ErrorCode;
import io.aitip.tools.model.Tool;
import io.aitip.tools.model.ToolException;
import io.aitip.tools.testing.ToolRules;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;

/** The webhook tools against the real PostgreSQL, called as the pipeline calls them. */
class WebhookToolsTest {

    static WebhookFixture f;
    static WebhookEndpointCreateTool create;
    static WebhookEndpointListTool list;
    static WebhookDeliveriesTool deliveries;
    static WebhookReplayTool replay;
    static WebhookEndpointRotateSecretTool rotate;

    @BeforeAll
    static void setUp() {
        f = new WebhookFixture();
        create = new WebhookEndpointCreateTool(f.store, f.guard);
        list = new WebhookEndpointListTool(f.store);
        deliveries = new WebhookDeliveriesTool(f.store);
        replay = new WebhookReplayTool(f.store);
        rotate = new WebhookEndpointRotateSecretTool(f.store);
    }

    @AfterAll
    static void tearDown() {
        f.close();
    }

    @TestFactory
    Stream<DynamicTest> toolRules() {
        List<Tool<?>> tools = List.of(new WebhookEndpointCreateTool(null, null), new WebhookEndpointListTool(null),
                new WebhookDeliveriesTool(null), new WebhookReplayTool(null),
                new WebhookEndpointRotateSecretTool(null));
        return ToolRules.dynamicTests(new ToolCatalog(tools));
    }

    static <I> JsonNode call(Tool<I> tool, TestToolContext context, String argumentsJson) {
        I input = Json.MAPPER.readValue(argumentsJson, tool.inputType());
        return Json.tree(tool.call(context, input));
    }

    static ErrorCode code(Throwable t) {
        return ((ToolException) t).error().code();
    }

    @Test
    void createReturnsTheSecretOnceAndListNeverShowsIt() {
        TestToolContext alice = TestToolContext.member("org-tools", "prj-1");
        JsonNode created = call(create, alice, """
                {"url": "http://127.0.0.1:9/hook", "events": ["job.*", "job.failed", "job.*"], "description": "ci"}""");
        String secret = created.get("secret").asString();
        assertThat(secret).startsWith("whsec_");
        assertThat(created.get("endpoint_id").asString()).startsWith("wh-");
        assertThat(created.get("events").toString()).isEqualTo("[\"job.*\",\"job.failed\"]");
        assertThat(created.get("active").asBoolean()).isTrue();
        call(create, alice, """
                {"url": "http://127.0.0.1:9/all"}""");

        JsonNode page = call(list, alice, "{\"limit\": 1}");
        assertThat(page.get("count").asInt()).isEqualTo(1);
        assertThat(page.get("endpoints").get(0).get("events").toString()).isEqualTo("[\"*\"]");
        JsonNode rest = call(list, alice, "{\"cursor\": \"" + page.get("next_cursor").asString() + "\"}");
        assertThat(rest.get("endpoints").get(0).get("endpoint_id").asString())
                .isEqualTo(created.get("endpoint_id").asString());
        assertThat(rest.has("next_cursor")).isFalse();
        assertThat(page.toString() + rest).doesNotContain("whsec_").doesNotContain("secret");

        // another org sees none of them
        JsonNode other = call(list, TestToolContext.member("org-other", "prj-1"), "{}");
        assertThat(other.get("count").asInt()).isZero();
    }

    @Test
    void theGuardAndThePatternsAreCheckedAtCreation() {
        TestToolContext alice = TestToolContext.member("org-guard", "prj-1");
        assertThatThrownBy(() -> call(create, alice, "{\"url\": \"http://169.254.169.254/latest/meta-data/\"}"))
                .isInstanceOf(ToolException.class)
                .satisfies(t -> assertThat(code(t)).isEqualTo(ErrorCode.INVALID_ARGUMENTS))
                .satisfies(t -> assertThat(((ToolException) t).error().pointer()).isEqualTo("/url"))
                .hasMessageContaining("link-local");
        assertThatThrownBy(() -> call(create, alice, "{\"url\": \"http://10.0.0.5/hook\"}"))
                .hasMessageContaining("private");
        assertThatThrownBy(() -> call(create, alice, "{\"url\": \"ftp://example.com/hook\"}"))
                .satisfies(t -> assertThat(((ToolException) t).error().pointer()).isEqualTo("/url"));
        assertThatThrownBy(() -> call(create, alice, "{\"url\": \"http://127.0.0.1:9/x\", \"events\": [\"job.*\", \"job.started\"]}"))
                .satisfies(t -> assertThat(((ToolException) t).error().pointer()).isEqualTo("/events/1"))
                .hasMessageContaining("job.succeeded");
        assertThat(call(list, alice, "{}").get("count").asInt()).isZero();
    }

    @Test
    void deliveriesArePagedFilteredAndReplayedUnderTheSameWebhookId() throws Exception {
        TestToolContext alice = TestToolContext.member("org-deliv", "prj-1");
        try (WebhookFixture.Receiver receiver = new WebhookFixture.Receiver(n -> n == 0 ? 500 : 200)) {
            String endpoint = call(create, alice, "{\"url\": \"" + receiver.url("/d") + "\", \"events\": [\"job.*\"]}")
                    .get("endpoint_id").asString();
            Set<String> events = new HashSet<>();
            for (int i = 0; i < 3; i++) {
                events.add(f.outbox.publish(f.jdbc, "org-deliv", "job.failed", WebhookEvents.jobPayload("job.failed",
                        Instant.now(), "train-0000000" + i, "r" + i, "failed", "oom", "org-deliv", "prj-1"), null));
            }
            JsonNode first = call(deliveries, alice, "{\"limit\": 2, \"endpoint\": \"" + endpoint + "\"}");
            assertThat(first.get("count").asInt()).isEqualTo(2);
            JsonNode second = call(deliveries, alice, "{\"limit\": 2, \"cursor\": \"" + first.get("next_cursor").asString() + "\"}");
            assertThat(second.get("count").asInt()).isEqualTo(1);
            assertThat(second.has("next_cursor")).isFalse();
            assertThat(call(deliveries, alice, "{\"status\": \"pending\"}").get("count").asInt()).isEqualTo(3);
            JsonNode item = first.get("deliveries").get(0);
            assertThat(item.get("event_type").asString()).isEqualTo("job.failed");
            assertThat(item.get("status").asString()).isEqualTo("pending");
            assertThat(events).contains(item.get("event_id").asString());

            WebhookFixture.MutableClock clock = new WebhookFixture.MutableClock(Instant.now().plusSeconds(1));
            f.worker(clock).drain();
            JsonNode delivered = call(deliveries, alice, "{\"status\": \"delivered\"}");
            assertThat(delivered.get("count").asInt()).isEqualTo(2);
            assertThat(call(deliveries, alice, "{\"status\": \"pending\"}").get("deliveries").get(0)
                    .get("last_status_code").asInt()).isEqualTo(500);

            String deliveryId = delivered.get("deliveries").get(0).get("delivery_id").asString();
            String eventId = delivered.get("deliveries").get(0).get("event_id").asString();
            JsonNode replayed = call(replay, alice, "{\"delivery_id\": \"" + deliveryId + "\"}");
            assertThat(replayed.get("delivery_id").asString()).isNotEqualTo(deliveryId);
            assertThat(replayed.get("replay_of").asString()).isEqualTo(deliveryId);
            assertThat(replayed.get("event_id").asString()).isEqualTo(eventId);
            assertThat(replayed.get("status").asString()).isEqualTo("pending");
            int before = receiver.received.size();
            clock.advance(java.time.Duration.ofSeconds(5));
            f.worker(clock).drain();
            List<String> ids = receiver.received.subList(before, receiver.received.size()).stream()
                    .map(r -> r.header("webhook-id")).toList();
            assertThat(ids).contains(eventId);
        }
        // other orgs can neither see nor replay these
        TestToolContext mallory = TestToolContext.member("org-mallory", "prj-1");
        assertThat(call(deliveries, mallory, "{}").get("count").asInt()).isZero();
        String someDelivery = f.jdbc.queryForObject("SELECT id FROM webhook_deliveries WHERE org_id = 'org-deliv' LIMIT 1",
                String.class);
        assertThatThrownBy(() -> call(replay, mallory, "{\"delivery_id\": \"" + someDelivery + "\"}"))
                .satisfies(t -> assertThat(code(t)).isEqualTo(ErrorCode.NOT_FOUND));
        assertThatThrownBy(() -> call(deliveries, mallory, "{\"endpoint\": \"wh-00000000\"}"))
                .satisfies(t -> assertThat(code(t)).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void replayByEndpointAndSinceQueuesEachOriginalOnceUnderItsWebhookId() throws Exception {
        TestToolContext alice = TestToolContext.member("org-since", "prj-1");
        String endpoint = call(create, alice, "{\"url\": \"http://127.0.0.1:9/s\", \"events\": [\"job.*\"]}")
                .get("endpoint_id").asString();
        String old = f.outbox.publish(f.jdbc, "org-since", "job.failed", WebhookEvents.jobPayload("job.failed",
                Instant.now(), "train-00000001", "old", "failed", "oom", "org-since", "prj-1"), null);
        f.jdbc.update("UPDATE webhook_deliveries SET created_at = now() - interval '2 hours' WHERE event_id = ?", old);
        Instant since = Instant.now().minusSeconds(3600);
        Set<String> recent = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            recent.add(f.outbox.publish(f.jdbc, "org-since", "job.succeeded", WebhookEvents.jobPayload("job.succeeded",
                    Instant.now(), "train-0000001" + i, "new" + i, "succeeded", "done", "org-since", "prj-1"), null));
        }
        JsonNode batch = call(replay, alice, "{\"endpoint\": \"" + endpoint + "\", \"since\": \"" + since + "\"}");
        assertThat(batch.get("queued").asInt()).isEqualTo(3);
        assertThat(batch.get("truncated").asBoolean()).isFalse();
        List<String> replayedEvents = f.jdbc.queryForList("SELECT event_id FROM webhook_deliveries WHERE endpoint_id = ? "
                + "AND replay_of IS NOT NULL", String.class, endpoint);
        assertThat(replayedEvents).containsExactlyInAnyOrderElementsOf(recent).doesNotContain(old);
        // a second replay copies the originals again, never the replays
        assertThat(call(replay, alice, "{\"endpoint\": \"" + endpoint + "\", \"since\": \"" + since + "\"}")
                .get("queued").asInt()).isEqualTo(3);

        assertThatThrownBy(() -> call(replay, alice, "{\"endpoint\": \"" + endpoint + "\"}"))
                .satisfies(t -> assertThat(((ToolException) t).error().pointer()).isEqualTo("/since"));
        assertThatThrownBy(() -> call(replay, alice, "{}"))
                .satisfies(t -> assertThat(code(t)).isEqualTo(ErrorCode.INVALID_ARGUMENTS));
        assertThatThrownBy(() -> call(replay, TestToolContext.member("org-x", "prj-1"), "{\"endpoint\": \"" + endpoint
                + "\", \"since\": \"" + since + "\"}"))
                .satisfies(t -> assertThat(code(t)).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void rotationSignsWithBothSecretsDuringTheOverlapThenOnlyTheNewOne() throws Exception {
        TestToolContext alice = TestToolContext.member("org-rotate", "prj-1");
        try (WebhookFixture.Receiver receiver = new WebhookFixture.Receiver(n -> 204)) {
            JsonNode created = call(create, alice, "{\"url\": \"" + receiver.url("/r") + "\", \"events\": [\"job.*\"]}");
            String endpoint = created.get("endpoint_id").asString();
            String oldSecret = created.get("secret").asString();
            JsonNode rotated = call(rotate, alice, "{\"endpoint_id\": \"" + endpoint + "\", \"overlap_hours\": 1}");
            String newSecret = rotated.get("secret").asString();
            assertThat(newSecret).startsWith("whsec_").isNotEqualTo(oldSecret);
            assertThat(rotated.get("previous_secret_expires_at").asString()).isNotBlank();

            f.outbox.publish(f.jdbc, "org-rotate", "job.succeeded", WebhookEvents.jobPayload("job.succeeded",
                    Instant.now(), "train-00000021", "r", "succeeded", "done", "org-rotate", "prj-1"), null);
            WebhookFixture.MutableClock clock = new WebhookFixture.MutableClock(Instant.now().plusSeconds(1));
            f.worker(clock).drain();
            WebhookFixture.Received during = receiver.received.get(receiver.received.size() - 1);
            assertThat(during.header("webhook-signature").split(" ")).hasSize(2);
            verifies(during, newSecret);
            verifies(during, oldSecret);

            call(rotate, alice, "{\"endpoint_id\": \"" + endpoint + "\", \"overlap_hours\": 0}");
            String latest = f.store.findEndpoint("org-rotate", endpoint).orElseThrow().secret();
            f.outbox.publish(f.jdbc, "org-rotate", "job.failed", WebhookEvents.jobPayload("job.failed",
                    Instant.now(), "train-00000022", "r", "failed", "oom", "org-rotate", "prj-1"), null);
            clock.advance(java.time.Duration.ofSeconds(1));
            f.worker(clock).drain();
            WebhookFixture.Received after = receiver.received.get(receiver.received.size() - 1);
            assertThat(after.header("webhook-signature").split(" ")).hasSize(1);
            verifies(after, latest);
            assertThatThrownBy(() -> verifies(after, newSecret)).isInstanceOf(Exception.class);
        }
        assertThatThrownBy(() -> call(rotate, TestToolContext.member("org-x", "prj-1"), "{\"endpoint_id\": \"wh-00000000\"}"))
                .satisfies(t -> assertThat(code(t)).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void callbackDeliveriesAreSignedWithTheOrgsCallbackSecretIncludingDuringRotation() throws Exception {
        TestToolContext alice = TestToolContext.member("org-cb", "prj-1");
        try (WebhookFixture.Receiver receiver = new WebhookFixture.Receiver(n -> 204)) {
            String first = call(rotate, alice, "{\"endpoint_id\": \"callbacks\"}").get("secret").asString();
            String second = call(rotate, alice, "{\"endpoint_id\": \"callbacks\"}").get("secret").asString();
            f.outbox.publish(f.jdbc, "org-cb", "execution.succeeded", WebhookEvents.executionPayload("execution.succeeded",
                    Instant.now(), "exec-000000000001", "dataset_list", "succeeded", null, null, "org-cb", "prj-1",
                    java.util.Map.of()), receiver.url("/cb"), false);
            WebhookFixture.MutableClock clock = new WebhookFixture.MutableClock(Instant.now().plusSeconds(1));
            f.worker(clock).drain();
            WebhookFixture.Received got = receiver.received.get(0);
            verifies(got, second);
            verifies(got, first);
            // callback-only: no endpoint of the org got it
            assertThat(f.jdbc.queryForObject("SELECT count(*) FROM webhook_deliveries WHERE org_id = 'org-cb' "
                    + "AND endpoint_id IS NOT NULL", Integer.class)).isZero();
        }
    }

    static void verifies(WebhookFixture.Received received, String secret) throws Exception {
        java.util.Map<String, List<String>> headers = java.util.Map.of(
                "webhook-id", List.of(received.header("webhook-id")),
                "webhook-timestamp", List.of(received.header("webhook-timestamp")),
                "webhook-signature", List.of(received.header("webhook-signature")));
        new com.standardwebhooks.Webhook(secret).verify(received.body(), headers);
    }
}
