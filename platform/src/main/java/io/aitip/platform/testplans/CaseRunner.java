package io.aitip.platform.testplans;

import io.aitip.platform.support.Limits;
import io.aitip.platform.webhooks.UrlGuard;
import io.aitip.tools.json.Json;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Runs one case against a checked target and judges the answer. */
public class CaseRunner {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    static final int EXCERPT_CHARS = 500;

    private final PinnedHttpClient http;

    public CaseRunner(PinnedHttpClient http) {
        this.http = http;
    }

    public CaseResult run(UrlGuard.Target target, TestCase c) {
        String method = c.methodOrDefault().wire();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("User-Agent", "AITIP-Tests/1");
        headers.put("Accept", "application/json, */*");
        byte[] body = c.body() == null ? null : c.body().getBytes(StandardCharsets.UTF_8);
        if (body != null) {
            headers.put("Content-Type", "application/json");
        }
        if (c.headers() != null) {
            c.headers().forEach(h -> {
                headers.keySet().removeIf(k -> k.equalsIgnoreCase(h.name()));
                headers.put(h.name(), h.value());
            });
        }
        Duration timeout = c.maxLatencyMs() == null ? DEFAULT_TIMEOUT
                : Duration.ofMillis(Math.min(DEFAULT_TIMEOUT.toMillis(), c.maxLatencyMs() + 5_000L));
        long started = System.nanoTime();
        PinnedHttpClient.Response response;
        try {
            response = http.send(target, method, c.path(), headers, body, timeout);
        } catch (IOException | RuntimeException e) {
            long ms = (System.nanoTime() - started) / 1_000_000;
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new CaseResult(c.name(), CaseResult.FAILED, method, c.path(), null, ms,
                    List.of("no answer: " + Limits.clip(why, 300)), null);
        }
        long latency = (System.nanoTime() - started) / 1_000_000;
        List<String> failures = new ArrayList<>();
        if (c.expectedStatus() != null ? response.status() != c.expectedStatus() : response.status() / 100 != 2) {
            failures.add("status " + response.status() + ", expected " + (c.expectedStatus() != null
                    ? c.expectedStatus() : "2xx"));
        }
        if (c.maxLatencyMs() != null && latency > c.maxLatencyMs()) {
            failures.add("took " + latency + " ms, more than max_latency_ms " + c.maxLatencyMs());
        }
        if (c.assertions() != null && !c.assertions().isEmpty()) {
            JsonNode json = parse(response);
            if (json == null) {
                failures.add("the answer is not JSON" + (response.truncated() ? " (or longer than "
                        + PinnedHttpClient.MAX_BODY_BYTES + " bytes)" : "") + ", so its assertions cannot hold");
            } else {
                for (TestCase.Assertion a : c.assertions()) {
                    String failure = Assertions.check(json, a);
                    if (failure != null) {
                        failures.add(failure);
                    }
                }
            }
        }
        return new CaseResult(c.name(), failures.isEmpty() ? CaseResult.PASSED : CaseResult.FAILED, method, c.path(),
                response.status(), latency, failures, Limits.clip(response.text(), EXCERPT_CHARS));
    }

    private static JsonNode parse(PinnedHttpClient.Response response) {
        if (response.truncated() || response.body().length == 0) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(response.body());
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** JSON Pointer assertions; each check returns null when it holds, else why not. */
    static final class Assertions {

        private Assertions() {
        }

        static String check(JsonNode json, TestCase.Assertion a) {
            TestCase.Op op = a.op() == null ? TestCase.Op.EXISTS : a.op();
            String pointer = a.pointer() == null ? "" : a.pointer();
            JsonNode node;
            try {
                node = json.at(pointer);
            } catch (RuntimeException e) {
                return "'" + pointer + "' is not a JSON Pointer";
            }
            boolean present = node != null && !node.isMissingNode();
            String where = pointer.isEmpty() ? "the answer" : pointer;
            return switch (op) {
                case EXISTS -> present ? null : "nothing at " + where;
                case NOT_EXISTS -> present ? where + " is present: " + excerpt(node) : null;
                case EQUALS -> !present ? "nothing at " + where + ", expected " + a.value()
                        : equalsValue(node, a.value()) ? null : where + " is " + excerpt(node) + ", expected " + a.value();
                case CONTAINS -> !present ? "nothing at " + where + ", expected it to contain " + a.value()
                        : contains(node, a.value()) ? null : where + " (" + excerpt(node) + ") does not contain " + a.value();
            };
        }

        static boolean equalsValue(JsonNode node, String expected) {
            if (expected == null) {
                return node.isNull();
            }
            if (node.isString()) {
                return node.asString().equals(expected);
            }
            if (node.isNumber()) {
                try {
                    return node.decimalValue().compareTo(new BigDecimal(expected.trim())) == 0;
                } catch (NumberFormatException e) {
                    return false;
                }
            }
            try {
                return node.equals(Json.MAPPER.readTree(expected));
            } catch (RuntimeException e) {
                return node.toString().equals(expected);
            }
        }

        static boolean contains(JsonNode node, String expected) {
            if (expected == null) {
                return false;
            }
            if (node.isString()) {
                return node.asString().contains(expected);
            }
            if (node.isArray()) {
                for (JsonNode element : node) {
                    if (equalsValue(element, expected)) {
                        return true;
                    }
                }
            }
            return node.toString().contains(expected);
        }

        private static String excerpt(JsonNode node) {
            return Limits.clip(node.toString(), 200);
        }
    }
}
