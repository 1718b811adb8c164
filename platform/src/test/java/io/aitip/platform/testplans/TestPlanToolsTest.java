package io.aitip.platform.testplans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.aitip.platform.testing.TestDatabase;
import io.aitip.platform.testing.TestToolContext;
import io.aitip.platform.webhooks.UrlGuard;
import io.aitip.tools.model.ErrorCode;
import io.aitip.tools.model.ToolException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The tests toolset against a real loopback HTTP server (the JDK's) and the real PostgreSQL. The
 * SSRF guard allows 127.0.0.1 here, as an operator would with AITIP_WEBHOOK_ALLOWLIST.
 */
class TestPlanToolsTest {

    static TestDatabase db;
    static HttpServer server;
    static String base;
    static final AtomicReference<String> seenAuthorization = new AtomicReference<>();
    static final TestToolContext ctx = TestToolContext.member("org-tests", "prj");
    static TestPlanService service;
    static TestPlanCreateTool create;
    static TestPlanListTool list;
    static TestExecuteTool execute;
    static TestResultsTool results;

    @BeforeAll
    static void setUp() throws IOException {
        db = TestDatabase.create();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/health", ex -> reply(ex, 200, "{\"status\":\"ok\",\"version\":3,\"tags\":[\"a\",\"b\"]}"));
        server.createContext("/echo", ex -> {
            seenAuthorization.set(ex.getRequestHeaders().getFirst("Authorization"));
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            reply(ex, 201, "{\"method\":\"" + ex.getRequestMethod() + "\",\"received\":" + body + "}");
        });
        server.createContext("/slow", ex -> {
            try {
                Thread.sleep(400);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            reply(ex, 200, "{}");
        });
        server.createContext("/chunked", ex -> {
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                out.write("{\"items\":[".getBytes(StandardCharsets.UTF_8));
                out.flush();
                out.write("1,2,3]}".getBytes(StandardCharsets.UTF_8));
            }
        });
        server.createContext("/text", ex -> reply(ex, 200, "plain words"));
        server.createContext("/", ex -> reply(ex, 404, "{\"error\":\"no such route\"}"));
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        service = new TestPlanService(new TestPlanStore(new JdbcTemplate(db.dataSource())), new UrlGuard("127.0.0.1", java.net.InetAddress::getAllByName));
        create = new TestPlanCreateTool(service);
        list = new TestPlanListTool(service);
        execute = new TestExecuteTool(service);
        results = new TestResultsTool(service);
    }

    @AfterAll
    static void tearDown() {
        server.stop(0);
        db.close();
    }

    static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    static TestCase get(String name, String path, Integer status, TestCase.Assertion... assertions) {
        return new TestCase(name, null, path, null, null, status, List.of(assertions), null, null);
    }

    static TestCase.Assertion at(String pointer, TestCase.Op op, String value) {
        return new TestCase.Assertion(pointer, op, value);
    }

    @Test
    void aPlanRunsOverHttpAndRecordsPassFailAndSkip() {
        TestCase post = new TestCase("echo", TestCase.Method.POST, "/echo",
                List.of(new TestCase.Header("Authorization", "Bearer svc-secret")), "{\"n\":42,\"word\":\"hello\"}", 201,
                List.of(at("/received/n", TestCase.Op.EQUALS, "42"), at("/received/word", TestCase.Op.CONTAINS, "ell"),
                        at("/method", TestCase.Op.EQUALS, "POST"), at("/received/missing", TestCase.Op.NOT_EXISTS, null)),
                null, null);
        List<TestCase> cases = List.of(
                get("health", "/health", 200, at("/status", TestCase.Op.EQUALS, "ok"), at("/version", TestCase.Op.EQUALS, "3"),
                        at("/tags", TestCase.Op.CONTAINS, "b")),
                post,
                get("chunked", "/chunked", null, at("/items/2", TestCase.Op.EQUALS, "3")),
                new TestCase("too slow", null, "/slow", null, null, null, null, 50, null),
                get("wrong status and field", "/nowhere", 200, at("/status", TestCase.Op.EXISTS, null)),
                get("not json", "/text", 200, at("", TestCase.Op.EXISTS, null)),
                new TestCase("later", null, "/health", null, null, null, null, null, true));
        TestPlanView plan = (TestPlanView) create.call(ctx, new TestPlanCreateTool.Input("smoke", null, "checks",
                base, cases));
        assertThat(plan.planId()).matches("plan-[0-9a-f]{8}");
        assertThat(plan.type()).isEqualTo("api");
        assertThat(plan.cases().get(1).headers().get(0).value()).as("credentials are masked").isEqualTo("***");

        TestReport report = (TestReport) execute.call(ctx, new TestExecuteTool.Input("smoke", null, null));
        assertThat(report.executionId()).startsWith("testrun-");
        assertThat(report.status()).isEqualTo("failed");
        assertThat(report.total()).isEqualTo(7);
        assertThat(report.passed()).isEqualTo(3);
        assertThat(report.failed()).isEqualTo(3);
        assertThat(report.skipped()).isEqualTo(1);
        assertThat(report.passRate()).isEqualTo(50.0);
        assertThat(report.cases()).extracting(CaseResult::status).containsExactly("passed", "passed", "passed", "failed",
                "failed", "failed", "skipped");
        assertThat(seenAuthorization.get()).as("the real header was sent").isEqualTo("Bearer svc-secret");
        assertThat(report.cases().get(1).httpStatus()).isEqualTo(201);
        assertThat(report.cases().get(3).failures()).singleElement().asString().contains("more than max_latency_ms 50");
        assertThat(report.cases().get(4).failures()).containsExactly("status 404, expected 200", "nothing at /status");
        assertThat(report.cases().get(5).failures()).singleElement().asString().contains("not JSON");
        assertThat(ctx.progressReports()).isNotEmpty();

        TestReport again = (TestReport) results.call(ctx, new TestResultsTool.Input(report.executionId(), true));
        assertThat(again.cases()).extracting(CaseResult::name).containsExactly("too slow", "wrong status and field", "not json");
        assertThat(again.summary()).startsWith("failed: 3 passed, 3 failed, 1 skipped of 7");

        TestPlanListTool.Page page = (TestPlanListTool.Page) list.call(ctx, new TestPlanListTool.Input(null, null));
        assertThat(page.plans()).extracting(TestPlanListTool.Item::name).contains("smoke");
        TestPlanListTool.Item item = page.plans().stream().filter(i -> i.name().equals("smoke")).findFirst().orElseThrow();
        assertThat(item.lastStatus()).isEqualTo("failed");
        assertThat(item.lastExecutionId()).isEqualTo(report.executionId());
    }

    @Test
    void failFastSkipsTheRestAndAnUnreachableTargetFailsEveryCase() throws IOException {
        create.call(ctx, new TestPlanCreateTool.Input("ff", TestPlan.Type.SMOKE, null, base, List.of(
                get("first fails", "/nowhere", 200), get("second", "/health", 200), get("third", "/health", 200))));
        TestReport report = (TestReport) execute.call(ctx, new TestExecuteTool.Input("ff", null, true));
        assertThat(report.cases()).extracting(CaseResult::status).containsExactly("failed", "skipped", "skipped");

        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        TestReport down = (TestReport) execute.call(ctx, new TestExecuteTool.Input("ff", "http://127.0.0.1:" + closed, null));
        assertThat(down.baseUrl()).endsWith(":" + closed);
        assertThat(down.failed()).isEqualTo(3);
        assertThat(down.cases()).allSatisfy(c -> assertThat(c.failures().get(0)).startsWith("no answer"));
    }

    @Test
    void theSsrfGuardAndBadInputChangeNothing() {
        TestPlanService strict = new TestPlanService(service.store(), new UrlGuard("", java.net.InetAddress::getAllByName));
        TestPlanCreateTool strictCreate = new TestPlanCreateTool(strict);
        for (String url : List.of(base, "http://169.254.169.254/latest", "file:///etc/passwd")) {
            assertThatThrownBy(() -> strictCreate.call(ctx, new TestPlanCreateTool.Input("ssrf", null, null, url,
                    List.of(get("x", "/", null)))))
                    .isInstanceOfSatisfying(ToolException.class, e -> {
                        assertThat(e.error().code()).isEqualTo(ErrorCode.INVALID_ARGUMENTS);
                        assertThat(e.error().pointer()).isEqualTo("/base_url");
                    });
        }
        assertThat(service.store().find(io.aitip.platform.support.Scope.of(ctx), "ssrf")).isEmpty();

        create.call(ctx, new TestPlanCreateTool.Input("taken", null, null, base, List.of(get("x", "/health", null))));
        assertThatThrownBy(() -> create.call(ctx, new TestPlanCreateTool.Input("taken", null, null, base,
                List.of(get("x", "/health", null)))))
                .isInstanceOfSatisfying(ToolException.class, e -> assertThat(e.error().code()).isEqualTo(ErrorCode.CONFLICT));
        assertThatThrownBy(() -> create.call(ctx, new TestPlanCreateTool.Input("dupes", null, null, base,
                List.of(get("x", "/a", null), get("x", "/b", null)))))
                .isInstanceOfSatisfying(ToolException.class, e -> assertThat(e.error().pointer()).isEqualTo("/cases/1/name"));
        assertThatThrownBy(() -> create.call(ctx, new TestPlanCreateTool.Input("novalue", null, null, base,
                List.of(get("x", "/a", null, at("/a", TestCase.Op.EQUALS, null))))))
                .isInstanceOfSatisfying(ToolException.class, e ->
                        assertThat(e.error().pointer()).isEqualTo("/cases/0/assertions/0/value"));

        assertThatThrownBy(() -> execute.call(ctx, new TestExecuteTool.Input("taken", "http://10.0.0.1", null)))
                .isInstanceOfSatisfying(ToolException.class, e -> assertThat(e.error().pointer()).isEqualTo("/base_url"));
        TestToolContext other = TestToolContext.member("org-other", "prj");
        assertThatThrownBy(() -> execute.call(other, new TestExecuteTool.Input("taken", null, null)))
                .isInstanceOfSatisfying(ToolException.class, e -> assertThat(e.error().code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThatThrownBy(() -> results.call(ctx, new TestResultsTool.Input("testrun-00000000", null)))
                .isInstanceOfSatisfying(ToolException.class, e -> assertThat(e.error().code()).isEqualTo(ErrorCode.NOT_FOUND));
    }
}
