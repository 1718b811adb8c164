package io.aitip.policy.cedar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aitip.policy.PolicyProperties;
import io.aitip.tools.json.Json;
import io.aitip.tools.model.Door;
import io.aitip.tools.pipeline.Decision.Outcome;
import io.aitip.tools.security.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Operator policy files: added, replacing shipped ones, hot-reloaded, and refused when broken. */
class CedarPolicyStoreTest {

    static final String NIGHT_FREEZE = """
            @id("ops.no-gpu-on-sundays")
            @reason("No GPU work on Sundays (maintenance window).")
            forbid (principal, action == Aitip::Action::"call", resource)
            when { context.estimate.gpus > 0 && context.time.weekday >= 1 };
            """;

    @TempDir
    Path dir;
    CedarPolicyStore store;
    CedarPolicy policy;

    @BeforeEach
    void setUp() {
        // reloads are triggered by hand here, except in the watching test
        start(Duration.ofHours(1));
    }

    void start(Duration reloadInterval) {
        if (store != null) {
            store.destroy();
        }
        PolicyProperties properties = new PolicyProperties(dir, reloadInterval, null, null);
        store = new CedarPolicyStore(properties);
        policy = new CedarPolicy(store, properties, List.of());
    }

    @AfterEach
    void tearDown() {
        store.destroy();
    }

    Outcome submitWithGpu() {
        return policy.decide(CedarPolicyTest.user(Role.MEMBER), CedarPolicyTest.SUBMIT,
                Json.MAPPER.readTree("{\"resources\": {\"gpu_count\": 1}}"), Door.MCP).outcome();
    }

    @Test
    void anOperatorFileAddsAForbidThatNamesItself() throws IOException {
        String shipped = store.current().version();
        Files.writeString(dir.resolve("ops.cedar"), NIGHT_FREEZE);
        store.reloadIfChanged();
        assertThat(store.current().version()).isNotEqualTo(shipped);
        var decision = policy.decide(CedarPolicyTest.user(Role.OWNER), CedarPolicyTest.SUBMIT,
                Json.MAPPER.readTree("{\"resources\": {\"gpu_count\": 1}}"), Door.MCP);
        assertThat(decision.rule()).isEqualTo("ops.no-gpu-on-sundays");
        assertThat(decision.reason()).isEqualTo("No GPU work on Sundays (maintenance window).");
    }

    @Test
    void aFileNamedLikeAShippedOneReplacesIt() throws IOException {
        assertThat(policy.decide(CedarPolicyTest.user(Role.MEMBER), CedarPolicyTest.SUBMIT,
                Json.MAPPER.readTree("{\"resources\": {\"gpu_count\": 12}}"), Door.MCP).outcome()).isEqualTo(Outcome.NEEDS_APPROVAL);
        Files.writeString(dir.resolve("approvals.cedar"), """
                @id("approval.gpu-count")
                @outcome("approval")
                @reason("More than 16 GPUs.")
                permit (principal, action == Aitip::Action::"call", resource) when { context.estimate.gpus > 16 };
                """);
        assertThat(store.reload()).isTrue();
        assertThat(policy.decide(CedarPolicyTest.user(Role.MEMBER), CedarPolicyTest.SUBMIT,
                Json.MAPPER.readTree("{\"resources\": {\"gpu_count\": 12}}"), Door.MCP).outcome()).isEqualTo(Outcome.ALLOW);
    }

    @Test
    void brokenFilesAreRefusedWithAClearErrorAndTheOldSetStays() throws IOException {
        Files.writeString(dir.resolve("ops.cedar"), NIGHT_FREEZE);
        assertThat(store.reload()).isTrue();
        String good = store.current().version();
        record Case(String text, String expected) {
        }
        List<Case> broken = List.of(
                new Case("permit (principal, action, resource) when { ", "is not valid Cedar"),
                new Case("permit (principal, action, resource);", "needs @id"),
                new Case("@id(\"rbac.viewer-reads\") permit (principal, action, resource);", "already used"),
                new Case("@id(\"x.bad-outcome\") @outcome(\"maybe\") permit (principal, action, resource);", "use confirm or approval"),
                new Case("@id(\"x.typo\") permit (principal, action, resource) when { resource.permision == \"a\" };",
                        "do not match the schema"),
                new Case("@id(\"x.types\") permit (principal, action, resource) when { context.estimate.gpus == \"8\" };",
                        "do not match the schema"));
        for (Case c : broken) {
            Files.writeString(dir.resolve("ops.cedar"), NIGHT_FREEZE + "\n" + c.text());
            assertThat(store.reload()).as(c.text()).isFalse();
            assertThat(store.status().lastError()).as(c.text()).contains(c.expected()).contains("ops.cedar");
            assertThat(store.current().version()).as("the old set stays").isEqualTo(good);
            assertThat(submitWithGpu()).isEqualTo(Outcome.DENY);
        }
    }

    @Test
    void theDirectoryIsWatchedAndChangesApplyWithoutARestart() throws Exception {
        start(Duration.ofMillis(50));
        assertThat(submitWithGpu()).isEqualTo(Outcome.ALLOW);
        Files.writeString(dir.resolve("ops.cedar"), NIGHT_FREEZE);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (submitWithGpu() != Outcome.DENY && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(submitWithGpu()).isEqualTo(Outcome.DENY);
        Files.delete(dir.resolve("ops.cedar"));
        while (submitWithGpu() != Outcome.ALLOW && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(submitWithGpu()).isEqualTo(Outcome.ALLOW);
    }

    @Test
    void aBrokenSetAtStartFailsTheStart() throws IOException {
        Files.writeString(dir.resolve("ops.cedar"), "permit (");
        assertThatThrownBy(() -> new CedarPolicyStore(new PolicyProperties(dir, null, null, null)))
                .isInstanceOf(PolicyLoadException.class).hasMessageContaining("ops.cedar");
    }
}
