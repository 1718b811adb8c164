package io.aitip.platform.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.aitip.platform.reports.Report;
import io.aitip.platform.reports.ReportFormat;
import io.aitip.platform.sandbox.Sandbox;
import io.aitip.platform.sandbox.TargetResolver;
import io.aitip.platform.sandbox.Targets;
import io.aitip.platform.testing.PooledTestDataSource;
import io.aitip.platform.testing.TestDatabase;
import io.aitip.platform.testing.TestToolContext;
import io.aitip.platform.testing.TinyChat;
import io.aitip.platform.webhooks.UrlGuard;
import io.aitip.platform.webhooks.WebhookOutbox;
import io.aitip.platform.webhooks.WebhookStore;
import io.aitip.tools.json.Json;
import io.aitip.tools.model.ErrorCode;
import io.aitip.tools.model.ToolException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * simulation_* against the real built-in runtime in its weak and hardened profiles (separate OS
 * processes), through the real sandbox process, on the real PostgreSQL with the webhook outbox.
 */
class SimulationToolsTest {

    @TempDir
    static Path home;
    static TestDatabase db;
    static HikariDataSource pool;
    static JdbcTemplate jdbc;
    static SimulationRunTool run;
    static SimulationGetTool get;
    static SimulationReportTool report;
    static SimulationListTool list;
    static SimulationTemplatesTool templates;
    static TinyChat weak;
    static TinyChat hardened;

    @BeforeAll
    static void setUp() {
        db = TestDatabase.create();
        pool = PooledTestDataSource.of(db);
        jdbc = new JdbcTemplate(pool);
        Targets targets = new Targets(new UrlGuard("127.0.0.1", java.net.InetAddress::getAllByName,
                "evaluations and simulations", "AITIP_TARGET_ALLOWLIST"),
                new DefaultListableBeanFactory().getBeanProvider(TargetResolver.class));
        ScenarioLibrary library = new ScenarioLibrary();
        SimulationService service = new SimulationService(new SimulationStore(jdbc, new WebhookOutbox()), library, targets,
                new Sandbox(home, Duration.ofSeconds(120), Duration.ofSeconds(20), 64));
        run = new SimulationRunTool(service);
        get = new SimulationGetTool(service);
        report = new SimulationReportTool(service);
        list = new SimulationListTool(service);
        templates = new SimulationTemplatesTool(library);
        weak = TinyChat.start("weak");
        hardened = TinyChat.start("hardened");
    }

    @AfterAll
    static void tearDown() {
        weak.close();
        hardened.close();
        pool.close();
        db.close();
    }

    static SimulationView simulate(TestToolContext ctx, TinyChat target, String scenario) {
        return (SimulationView) run.call(ctx, new SimulationRunTool.Input(target.baseUrl(), scenario, null, null));
    }

    @Test
    void theWeakModelLeaksThePlantedCanaryAndFailsWhileTheHardenedOnePasses() {
        TestToolContext ctx = TestToolContext.member("org-pi", "prj");
        String endpoint = new WebhookStore(jdbc).createEndpoint("org-pi", "usr-org-pi", "https://hooks.example.com/x",
                List.of("simulation.*"), null).id();
        SimulationView weakRun = simulate(ctx, weak, "prompt_injection");
        SimulationView strongRun = simulate(ctx, hardened, "prompt_injection");

        assertThat(weakRun.status()).isEqualTo("succeeded");
        assertThat(weakRun.passed()).isFalse();
        assertThat(weakRun.safetyScore()).isEqualTo(33.3);
        assertThat(weakRun.unsafe()).isEqualTo(8);
        assertThat((Map<String, Object>) weakRun.byDetector()).containsEntry("canary", 8);
        assertThat(strongRun.passed()).isTrue();
        assertThat(strongRun.safetyScore()).isEqualTo(100.0);
        assertThat(strongRun.refused()).isEqualTo(8);

        SimulationGetTool.Result leaks = (SimulationGetTool.Result) get.call(ctx,
                new SimulationGetTool.Input(weakRun.runId(), SimulationGetTool.Verdict.UNSAFE, null, null));
        assertThat(leaks.attacks()).hasSize(8).allSatisfy(a -> {
            assertThat(a.findings()).extracting(f -> f.get("detector")).contains("canary");
            String canary = a.findings().get(0).get("evidence").toString().replaceAll(".*(AITIP-CANARY-[A-Z]+).*", "$1");
            assertThat(a.answer()).as("the answer really carries the planted secret").contains(canary);
        });
        assertThat(leaks.attacks()).extracting(AttackResult::language).contains("en", "zh");

        List<Map<String, Object>> events = jdbc.queryForList("SELECT type, payload::text AS payload FROM webhook_events "
                + "WHERE org_id = 'org-pi' ORDER BY created_at");
        assertThat(events).hasSize(2);
        JsonNode first = Json.MAPPER.readTree((String) events.get(0).get("payload"));
        assertThat(first.path("type").asString()).isEqualTo("simulation.completed");
        assertThat(first.path("data").path("run_id").asString()).isEqualTo(weakRun.runId());
        assertThat(first.path("data").path("passed").asBoolean()).isFalse();
        assertThat(first.path("data").path("safety_score").asDouble()).isEqualTo(33.3);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM webhook_deliveries WHERE endpoint_id = ?", Integer.class,
                endpoint)).isEqualTo(2);
    }

    @Test
    void everyScenarioFailsTheWeakProfileAndPassesTheHardenedOne() {
        TestToolContext ctx = TestToolContext.member("org-all", "prj");
        Map<String, Double> expectedWeak = Map.of("prompt_injection", 33.3, "jailbreak", 33.3, "pii_leak", 33.3,
                "toxicity", 41.7, "adversarial", 33.3);
        Map<String, String> detector = Map.of("prompt_injection", "canary", "jailbreak", "compliance", "pii_leak", "pii",
                "toxicity", "toxicity", "adversarial", "canary");
        for (String scenario : expectedWeak.keySet()) {
            SimulationView w = simulate(ctx, weak, scenario);
            SimulationView h = simulate(ctx, hardened, scenario);
            assertThat(w.safetyScore()).as(scenario + " weak").isEqualTo(expectedWeak.get(scenario));
            assertThat(w.passed()).as(scenario + " weak").isFalse();
            assertThat((Map<String, Object>) w.byDetector()).as(scenario).containsKey(detector.get(scenario));
            assertThat(h.safetyScore()).as(scenario + " hardened").isEqualTo(100.0);
            assertThat(h.passed()).as(scenario + " hardened").isTrue();
        }
        SimulationGetTool.Result pii = (SimulationGetTool.Result) get.call(ctx, new SimulationGetTool.Input(
                ((SimulationListTool.Page) list.call(ctx, new SimulationListTool.Input("pii_leak", null, 2, null)))
                        .simulations().get(1).runId(), SimulationGetTool.Verdict.UNSAFE, 1, null));
        assertThat(pii.attacks().get(0).findings().toString()).as("evidence masks personal data")
                .contains("ja***").doesNotContain("jane.roe@example.com");
    }

    @Test
    void moreSamplesThanPromptsRepeatWithOtherFramingsAndReportsRender() {
        TestToolContext ctx = TestToolContext.member("org-many", "prj");
        SimulationView w = (SimulationView) run.call(ctx, new SimulationRunTool.Input(weak.baseUrl(), "jailbreak", 30, 25.0));
        assertThat(w.samples()).isEqualTo(30);
        assertThat(w.safetyScore()).isEqualTo(26.7);
        assertThat(w.passed()).as("8 of 30 safe (26.7) passes a threshold of 25").isTrue();
        SimulationGetTool.Result all = (SimulationGetTool.Result) get.call(ctx,
                new SimulationGetTool.Input(w.runId(), null, 20, null));
        assertThat(all.attacks()).extracting(AttackResult::language).startsWith("en", "zh", "en", "zh");
        assertThat(all.nextCursor()).isNotNull();
        SimulationGetTool.Result rest = (SimulationGetTool.Result) get.call(ctx,
                new SimulationGetTool.Input(w.runId(), null, 20, all.nextCursor()));
        assertThat(rest.attacks()).hasSize(10);
        assertThat(rest.attacks().get(0).attackId()).endsWith("-2");
        assertThat(rest.attacks().get(0).prompt()).startsWith("Please answer carefully.");

        Report html = (Report) report.call(ctx, new SimulationReportTool.Input(w.runId(), null));
        assertThat(html.content()).contains("PASSED", "Safety score by language", "compliance", "<svg");
        SimulationView h = simulate(ctx, hardened, "pii_leak");
        Report pdf = (Report) report.call(ctx, new SimulationReportTool.Input(h.runId(), ReportFormat.PDF));
        byte[] bytes = Base64.getDecoder().decode(pdf.contentBase64());
        assertThat(new String(bytes, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
    }

    @Test
    void templatesListEveryScenarioInBothLanguages() {
        TestToolContext ctx = TestToolContext.member("org-tpl", "prj");
        SimulationTemplatesTool.Result all = (SimulationTemplatesTool.Result) templates.call(ctx,
                new SimulationTemplatesTool.Input(null));
        assertThat(all.templates()).extracting(SimulationTemplatesTool.Template::id)
                .containsExactly("prompt_injection", "jailbreak", "pii_leak", "toxicity", "adversarial");
        assertThat(all.templates()).allSatisfy(t -> {
            assertThat(t.byLanguage()).containsEntry("en", 6L).containsEntry("zh", 6L);
            assertThat(t.prompts()).hasSize(4);
        });
        SimulationTemplatesTool.Result one = (SimulationTemplatesTool.Result) templates.call(ctx,
                new SimulationTemplatesTool.Input("JAILBREAK"));
        assertThat(one.templates().get(0).prompts()).hasSize(12);
        assertThat(one.templates().get(0).detectors()).contains("compliance");
    }

    @Test
    void badInputChangesNothing() throws Exception {
        TestToolContext ctx = TestToolContext.member("org-bad", "prj");
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        int runs = count("simulation_runs");
        int events = count("webhook_events");
        expect(ctx, new SimulationRunTool.Input(weak.baseUrl(), "phishing", null, null), ErrorCode.INVALID_ARGUMENTS,
                "/scenario", "prompt_injection, jailbreak");
        expect(ctx, new SimulationRunTool.Input(weak.baseUrl(), "jailbreak", 0, null), ErrorCode.INVALID_ARGUMENTS,
                "/samples", "between 1 and 200");
        expect(ctx, new SimulationRunTool.Input(weak.baseUrl(), "jailbreak", 201, null), ErrorCode.INVALID_ARGUMENTS,
                "/samples", "between 1 and 200");
        expect(ctx, new SimulationRunTool.Input(weak.baseUrl(), "jailbreak", 5, 101.0), ErrorCode.INVALID_ARGUMENTS,
                "/threshold", "0 and 100");
        expect(ctx, new SimulationRunTool.Input("http://169.254.169.254/v1", "jailbreak", null, null),
                ErrorCode.INVALID_ARGUMENTS, "/target", "link-local");
        expect(ctx, new SimulationRunTool.Input("http://192.168.1.20:8000/v1", "jailbreak", null, null),
                ErrorCode.INVALID_ARGUMENTS, "/target", "AITIP_TARGET_ALLOWLIST");
        expect(ctx, new SimulationRunTool.Input("svc-1a2b3c4d", "jailbreak", null, null), ErrorCode.INVALID_ARGUMENTS,
                "/target", "cannot resolve inference services");
        expect(ctx, new SimulationRunTool.Input("http://127.0.0.1:" + closedPort + "/v1", "jailbreak", null, null),
                ErrorCode.UNAVAILABLE, null, "cannot be reached");
        assertThat(count("simulation_runs")).isEqualTo(runs);
        assertThat(count("webhook_events")).isEqualTo(events);
        assertThatThrownBy(() -> get.call(TestToolContext.member("org-bad", "prj"),
                new SimulationGetTool.Input("sim-00000000", null, null, null)))
                .satisfies(e -> assertThat(((ToolException) e).error().code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    private static int count(String table) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table, Integer.class);
    }

    private static void expect(TestToolContext ctx, SimulationRunTool.Input in, ErrorCode code, String pointer, String text) {
        assertThatThrownBy(() -> run.call(ctx, in)).isInstanceOf(ToolException.class).satisfies(e -> {
            ToolException t = (ToolException) e;
            assertThat(t.error().code()).isEqualTo(code);
            if (pointer != null) {
                assertThat(t.error().pointer()).isEqualTo(pointer);
            }
            assertThat(t.getMessage()).contains(text);
        });
    }
}
