package io.aitip.platform.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.aitip.platform.reports.Report;
import io.aitip.platform.sandbox.TargetResolver;
import io.aitip.platform.testing.TestToolContext;
import io.aitip.platform.testing.TinyChat;
import io.aitip.tools.json.Json;
import io.aitip.tools.model.ErrorCode;
import io.aitip.tools.model.ToolException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** evaluation_* against the real built-in runtime (a separate OS process) through the real sandbox process. */
class EvaluationToolsTest {

    @TempDir
    static Path home;
    static EvaluationFixture f;
    static TinyChat weak;

    @BeforeAll
    static void setUp() {
        f = new EvaluationFixture(home, Duration.ofSeconds(120));
        weak = TinyChat.start("weak");
    }

    @AfterAll
    static void tearDown() {
        weak.close();
        f.close();
    }

    static EvaluationRunTool.Input input(String model, String benchmark, String target) {
        return new EvaluationRunTool.Input(model, null, benchmark, null, target, null, null);
    }

    @Test
    @SuppressWarnings("unchecked")
    void sampleBenchmarksScoreTheTinyModelBetweenNothingAndEverything() {
        TestToolContext ctx = TestToolContext.member("org-eval", "prj");
        f.model(ctx, "tiny-chat");
        EvaluationView mmlu = (EvaluationView) f.run.call(ctx, input("tiny-chat", "mmlu", weak.baseUrl()));
        EvaluationView gsm = (EvaluationView) f.run.call(ctx, input("tiny-chat", "GSM8K", weak.baseUrl()));
        EvaluationView hella = (EvaluationView) f.run.call(ctx, input("tiny-chat", "hellaswag", weak.baseUrl()));

        // the tiny model picks the option sharing most words with the question, and computes the first
        // arithmetic expression it sees: right on some items, wrong on others
        assertThat(mmlu.status()).isEqualTo("succeeded");
        assertThat(mmlu.metric()).isEqualTo("accuracy");
        assertThat(mmlu.score()).isEqualTo(0.45);
        assertThat(gsm.metric()).isEqualTo("exact_match");
        assertThat(gsm.score()).isEqualTo(0.6667);
        assertThat(hella.score()).isEqualTo(0.6875);
        assertThat(mmlu.modelVersion()).isEqualTo("v1");
        assertThat(mmlu.target()).isEqualTo(weak.baseUrl());
        assertThat(ctx.progressReports()).isNotEmpty();
        assertThat(ctx.progressReports().get(ctx.progressReports().size() - 1).total()).isEqualTo(16.0);

        EvaluationGetTool.Result got = (EvaluationGetTool.Result) f.get.call(ctx,
                new EvaluationGetTool.Input(gsm.evalId(), 10, null));
        assertThat(got.items()).hasSize(10);
        assertThat(got.nextCursor()).isNotNull();
        ItemResult first = got.items().get(0);
        assertThat(first.itemId()).isEqualTo("gsm-01");
        assertThat(first.answer()).isEqualTo("48");
        assertThat(first.correct()).isTrue();
        EvaluationGetTool.Result rest = (EvaluationGetTool.Result) f.get.call(ctx,
                new EvaluationGetTool.Input(gsm.evalId(), 10, got.nextCursor()));
        assertThat(rest.items()).hasSize(5);
        assertThat(rest.nextCursor()).isNull();
        ItemResult wordy = rest.items().stream().filter(i -> i.itemId().equals("gsm-13")).findFirst().orElseThrow();
        assertThat(wordy.correct()).as("a word-only problem gets an echo, not 19").isFalse();
        assertThat(got.series()).extracting(s -> s.get("name"))
                .containsExactly("exact_match_by_category", "running_exact_match", "latency_ms");
        Map<String, Object> byCategory = got.series().get(0);
        assertThat((List<Object>) byCategory.get("x")).containsExactly("one_step", "two_step", "word_only");
        assertThat((List<Object>) byCategory.get("y")).containsExactly(1.0, 1.0, 0.0);
        assertThat((List<?>) got.series().get(1).get("y")).hasSize(15);

        EvaluationListTool.Page page = (EvaluationListTool.Page) f.list.call(ctx,
                new EvaluationListTool.Input("tiny-chat", EvaluationListTool.Status.SUCCEEDED, 2, null));
        assertThat(page.evaluations()).extracting(EvaluationView::benchmark).containsExactly("hellaswag", "gsm8k");
        assertThat(page.nextCursor()).isNotNull();
        TestToolContext other = TestToolContext.member("org-other", "prj");
        assertThatThrownBy(() -> f.get.call(other, new EvaluationGetTool.Input(gsm.evalId(), null, null)))
                .satisfies(e -> assertThat(((ToolException) e).error().code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void reportsRenderAsHtmlAndPdf() {
        TestToolContext ctx = TestToolContext.member("org-report", "prj");
        f.model(ctx, "tiny-chat");
        EvaluationView mmlu = (EvaluationView) f.run.call(ctx, input("tiny-chat", "mmlu", weak.baseUrl()));
        Report html = (Report) f.report.call(ctx, new EvaluationReportTool.Input(mmlu.evalId(), null));
        assertThat(html.format()).isEqualTo("html");
        assertThat(html.content()).contains("accuracy = 45.0%", "<svg", "geography (", "mmlu-geo-01", "tiny-chat");
        Report pdf = (Report) f.report.call(ctx, new EvaluationReportTool.Input(mmlu.evalId(),
                io.aitip.platform.reports.ReportFormat.PDF));
        byte[] bytes = Base64.getDecoder().decode(pdf.contentBase64());
        assertThat(new String(bytes, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        assertThat(pdf.bytes()).isEqualTo(bytes.length);
        assertThat(pdf.mediaType()).isEqualTo("application/pdf");
    }

    @Test
    void customBenchmarksScoreARegisteredJsonlDataset(@TempDir Path dir) throws Exception {
        TestToolContext ctx = TestToolContext.member("org-custom", "prj");
        f.model(ctx, "tiny-chat");
        Path file = dir.resolve("items.jsonl");
        Files.writeString(file, String.join("\n",
                Json.write(Map.of("id", "sum", "question", "What is 7 * 6?", "answer", "42")),
                Json.write(Map.of("id", "capital", "category", "geo", "question", "Capital of France?",
                        "choices", List.of("Berlin", "Paris, the capital of France", "Rome"), "answer", "Paris, the capital of France")),
                Json.write(Map.of("id", "greeting", "question", "Say hello", "answer", "hello")),
                ""));
        f.datasets.register(io.aitip.platform.support.Scope.of(ctx), "qa-set", null, file.toUri().toString(), "jsonl", null);
        EvaluationView custom = (EvaluationView) f.run.call(ctx,
                new EvaluationRunTool.Input("tiny-chat", "v1", "custom", "qa-set", weak.baseUrl(),
                        new EvaluationRunTool.Resources(io.aitip.platform.training.GpuType.A100, 1), null));
        assertThat(custom.datasetVersion()).isEqualTo("v1");
        assertThat(custom.resources()).containsEntry("gpu_type", "a100");
        EvaluationGetTool.Result got = (EvaluationGetTool.Result) f.get.call(ctx,
                new EvaluationGetTool.Input(custom.evalId(), null, null));
        assertThat(got.items()).extracting(ItemResult::itemId, ItemResult::expected, ItemResult::correct).containsExactly(
                org.assertj.core.groups.Tuple.tuple("sum", "42", true),
                org.assertj.core.groups.Tuple.tuple("capital", "B", true),
                org.assertj.core.groups.Tuple.tuple("greeting", "hello", false));
        assertThat(custom.score()).isEqualTo(0.6667);

        Files.writeString(file, "{\"question\": \"no answer here\"}\n");
        f.datasets.addVersion(io.aitip.platform.support.Scope.of(ctx), "qa-set", file.toUri().toString(), "broken");
        int before = f.runs();
        assertThatThrownBy(() -> f.run.call(ctx, new EvaluationRunTool.Input("tiny-chat", null, "custom", "qa-set",
                weak.baseUrl(), null, null))).satisfies(e -> {
                    ToolException t = (ToolException) e;
                    assertThat(t.error().code()).isEqualTo(ErrorCode.INVALID_ARGUMENTS);
                    assertThat(t.error().pointer()).isEqualTo("/dataset");
                    assertThat(t.getMessage()).contains("Line 1");
                });
        assertThat(f.runs()).isEqualTo(before);
    }

    @Test
    void badInputChangesNothing() throws Exception {
        TestToolContext ctx = TestToolContext.member("org-bad", "prj");
        f.model(ctx, "tiny-chat");
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        int before = f.runs();
        expect(ctx, input("tiny-chat", "superglue", weak.baseUrl()), ErrorCode.INVALID_ARGUMENTS, "/benchmark", "mmlu, gsm8k");
        expect(ctx, input("tiny-chat", "imagenet", weak.baseUrl()), ErrorCode.INVALID_ARGUMENTS, "/benchmark", "image");
        expect(ctx, input("no-such-model", "mmlu", weak.baseUrl()), ErrorCode.NOT_FOUND, null, "model_list");
        expect(ctx, new EvaluationRunTool.Input("tiny-chat", "v9", "mmlu", null, weak.baseUrl(), null, null),
                ErrorCode.NOT_FOUND, "/model_version", "v1 to v1");
        expect(ctx, input("tiny-chat", "custom", weak.baseUrl()), ErrorCode.INVALID_ARGUMENTS, "/dataset", "JSONL");
        expect(ctx, input("tiny-chat", "mmlu", null), ErrorCode.INVALID_ARGUMENTS, "/target", "OpenAI-compatible");
        expect(ctx, input("tiny-chat", "mmlu", "http://169.254.169.254/latest"), ErrorCode.INVALID_ARGUMENTS, "/target",
                "link-local");
        expect(ctx, input("tiny-chat", "mmlu", "http://10.1.2.3:8000/v1"), ErrorCode.INVALID_ARGUMENTS, "/target",
                "AITIP_TARGET_ALLOWLIST");
        expect(ctx, input("tiny-chat", "mmlu", "ftp://127.0.0.1/v1"), ErrorCode.INVALID_ARGUMENTS, "/target", "http");
        expect(ctx, input("tiny-chat", "mmlu", "svc-1a2b3c4d"), ErrorCode.INVALID_ARGUMENTS, "/target", "cannot resolve");
        expect(ctx, input("tiny-chat", "mmlu", "http://127.0.0.1:" + closedPort + "/v1"), ErrorCode.UNAVAILABLE, null,
                "cannot be reached");
        assertThat(f.runs()).as("nothing was stored for any of them").isEqualTo(before);
        assertThat(Files.list(home.resolve("sandbox/runs")).toList()).as("sandbox folders are cleaned up").isEmpty();
    }

    @Test
    void servicesResolveThroughThePluggableResolver() {
        TestToolContext ctx = TestToolContext.member("org-svc", "prj");
        f.model(ctx, "tiny-chat");
        f.beans.registerSingleton("inferenceTargets", (TargetResolver) (scope, target) ->
                target.equals("svc-0000aaaa") ? Optional.of(URI.create(weak.baseUrl())) : Optional.empty());
        try {
            EvaluationView run = (EvaluationView) f.run.call(ctx,
                    new EvaluationRunTool.Input("tiny-chat", null, "gsm8k", null, "svc-0000aaaa", null, 3));
            assertThat(run.target()).isEqualTo("svc-0000aaaa");
            assertThat(run.itemCount()).isEqualTo(3);
            assertThat(run.score()).isEqualTo(1.0);
            expect(ctx, input("tiny-chat", "mmlu", "svc-ffffffff"), ErrorCode.NOT_FOUND, "/target", "inference_list");
        } finally {
            f.beans.destroySingleton("inferenceTargets");
        }
    }

    @Test
    void aTargetThatRedirectsElsewhereIsNotFollowed() throws Exception {
        TestToolContext ctx = TestToolContext.member("org-redirect", "prj");
        f.model(ctx, "tiny-chat");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/models", ex -> {
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        server.createContext("/v1/chat/completions", ex -> {
            ex.getRequestBody().readAllBytes();
            ex.getResponseHeaders().add("Location", weak.baseUrl() + "/chat/completions");
            ex.sendResponseHeaders(307, -1);
            ex.close();
        });
        server.start();
        try {
            EvaluationView run = (EvaluationView) f.run.call(ctx, new EvaluationRunTool.Input("tiny-chat", null, "gsm8k",
                    null, "http://127.0.0.1:" + server.getAddress().getPort() + "/v1", null, 2));
            assertThat(run.status()).isEqualTo("succeeded");
            assertThat(run.score()).isZero();
            assertThat(run.errors()).isEqualTo(2);
            EvaluationGetTool.Result got = (EvaluationGetTool.Result) f.get.call(ctx,
                    new EvaluationGetTool.Input(run.evalId(), null, null));
            assertThat(got.items().get(0).error()).contains("redirect", "does not follow");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aRunPastItsTimeLimitIsKilledAndRecordedAsFailed(@TempDir Path otherHome) {
        try (EvaluationFixture strict = new EvaluationFixture(otherHome, Duration.ofSeconds(1));
             TinyChat slow = TinyChatSlow.start()) {
            TestToolContext ctx = TestToolContext.member("org-slow", "prj");
            strict.model(ctx, "tiny-chat");
            assertThatThrownBy(() -> strict.run.call(ctx, input("tiny-chat", "gsm8k", slow.baseUrl())))
                    .satisfies(e -> {
                        ToolException t = (ToolException) e;
                        assertThat(t.error().code()).isEqualTo(ErrorCode.UNAVAILABLE);
                        assertThat(t.getMessage()).contains("time limit", "recorded as failed");
                    });
            JsonNode row = Json.tree(strict.jdbc.queryForMap("SELECT status, status_message FROM evaluation_runs"));
            assertThat(row.path("status").asString()).isEqualTo("failed");
            assertThat(row.path("status_message").asString()).contains("time limit");
        }
    }

    private static void expect(TestToolContext ctx, EvaluationRunTool.Input in, ErrorCode code, String pointer, String text) {
        assertThatThrownBy(() -> f.run.call(ctx, in)).isInstanceOf(ToolException.class).satisfies(e -> {
            ToolException t = (ToolException) e;
            assertThat(t.error().code()).isEqualTo(code);
            if (pointer != null) {
                assertThat(t.error().pointer()).isEqualTo(pointer);
            }
            assertThat(t.getMessage()).contains(text);
        });
    }

    /** The tiny model answering each request after 1.5 s. */
    static final class TinyChatSlow {
        static TinyChat start() {
            return TinyChat.start("weak", "slow-chat", "v1", 1500);
        }
    }
}
