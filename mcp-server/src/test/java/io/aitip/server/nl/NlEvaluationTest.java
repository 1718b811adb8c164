package io.aitip.server.nl;

import static org.assertj.core.api.Assertions.assertThat;

import io.aitip.nl.NlRequest;
import io.aitip.nl.NlRouter;
import io.aitip.nl.embed.CachingEmbedder;
import io.aitip.nl.embed.Embedder;
import io.aitip.nl.embed.Language;
import io.aitip.nl.intent.Masker;
import io.aitip.policy.auth.Authenticator;
import io.aitip.server.testing.TestServer;
import io.aitip.tools.security.Principal;
import io.aitip.tools.catalog.ToolCatalog;
import io.aitip.tools.json.Json;
import io.aitip.tools.pipeline.CanonicalJson;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The evaluation harness of the natural-language door: sends every utterance of the labelled set
 * ({@code nl-router/eval/labelled-set.jsonl}, never loaded by the router) over HTTP to a real server,
 * without dry_run, and prints intent accuracy, slot F1, full-call exact match, clarification
 * precision, out-of-scope precision/recall and latency per language and split. Run it with
 * {@code scripts/nl-eval.sh}. It asserts only the gate: no call that changes something ran.
 */
@EnabledIfSystemProperty(named = "nl.eval", matches = "true")
class NlEvaluationTest {

    private static final Path SET = Path.of("..", "nl-router", "eval", "labelled-set.jsonl");

    record Outcome(JsonNode item, JsonNode answer, double millis) {
    }

    @Test
    void evaluate() throws IOException {
        // the embedded default (embedded PostgreSQL, in-process entity index) unless asked for the machine's PostgreSQL + pgvector
        boolean machineDb = Boolean.getBoolean("nl.machine-db");
        Map<String, String> settings = new HashMap<>();
        if (!machineDb) {
            settings.put("aitip.db.url", "");
        }
        // test servers read offline; the harness measures a real model when one is named (docs/how-to/natural-language.md)
        String provider = System.getenv("AITIP_NL_LLM_PROVIDER");
        if (provider != null && !provider.isBlank()) {
            settings.put("aitip.nl.llm.provider", provider);
        }
        try (TestServer server = TestServer.start(settings)) {
            String admin = TestServer.ADMIN_TOKEN;
            Map<String, String> refs = seed(server, admin);
            ToolCatalog catalog = server.bean(ToolCatalog.class);
            List<JsonNode> items = new ArrayList<>();
            for (String line : Files.readAllLines(SET)) {
                if (!line.isBlank()) {
                    items.add(Json.MAPPER.readTree(line));
                }
            }
            int jobsBefore = jobs(server, admin);
            warmUp(server, admin);
            List<Outcome> outcomes = new ArrayList<>();
            for (JsonNode item : items) {
                long started = System.nanoTime();
                JsonNode answer = server.post("/api/v1/agent/natural-language", admin, Map.of("message", item.path("text").asString()));
                outcomes.add(new Outcome(item, answer, (System.nanoTime() - started) / 1e6));
            }
            int ungated = 0;
            for (Outcome o : outcomes) {
                String tool = o.answer().path("tool").asString("");
                boolean mutating = catalog.find(tool).map(t -> !t.spec().readOnly()).orElse(false);
                if (mutating && o.answer().path("status").asString().equals("executed")) {
                    ungated++;
                }
            }
            StringBuilder report = new StringBuilder();
            report.append("NL evaluation: ").append(items.size()).append(" utterances, set ").append(SET)
                    .append(machineDb ? ", store: the machine's PostgreSQL with pgvector" : ", store: the embedded default (embedded PostgreSQL, in-process entity index)")
                    .append('\n');
            Set<String> unregistered = new TreeSet<>();
            for (String split : List.of("heldout", "train")) {
                for (String lang : List.of("en", "zh")) {
                    report.append(Metrics.of(outcomes, split, lang, catalog, refs, unregistered).format(split, lang));
                }
            }
            long unregisteredCount = outcomes.stream().filter(o -> !o.item().path("tool").isNull()
                    && catalog.find(o.item().path("tool").asString()).isEmpty()).count();
            report.append(String.format("utterances for tools not registered on this server (reported apart, not scored): %d over %d tools%n  %s%n",
                    unregisteredCount, unregistered.size(), unregistered));
            report.append(String.format("mutating executions without a confirmation token: %d (training jobs before %d, after %d)%n",
                    ungated, jobsBefore, jobs(server, admin)));
            report.append(inProcess(server, items));
            // the schemas the set's params must follow, for checking the set and the store against them
            Map<String, Object> schemas = new java.util.TreeMap<>();
            catalog.all().forEach(t -> schemas.put(t.name(), t.inputSchema()));
            Files.writeString(Path.of("target", "nl-catalog-schemas.json"), Json.write(schemas));
            writeTrainMisses(outcomes, refs);
            if (Boolean.getBoolean("nl.sweep")) {
                Set<String> registered = new TreeSet<>();
                catalog.all().forEach(t -> registered.add(t.name()));
                report.append(ThresholdSweep.run(server.bean(NlRouter.class).classifier(), items, registered));
                report.append(StoreCrossValidation.run(server.bean(NlRouter.class).classifier()));
                Files.writeString(Path.of("target", "nl-store-cv-misses.txt"),
                        StoreCrossValidation.missesAtDefaults(server.bean(NlRouter.class).classifier()));
            }
            System.gc();
            var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
            report.append(String.format("server JVM with both models loaded: heap used %d MiB (after GC), resident set %s%n",
                    heap.getUsed() >> 20, residentSet()));
            System.out.println(report);
            Files.writeString(Path.of("target", "nl-eval-report.txt"), report.toString());
            assertThat(ungated).isZero();
        }
    }

    /**
     * Brings the server to the state of one that has served traffic (models loaded, every tool's
     * path run and compiled once) with sentences outside the set: every fourth line of the router's
     * shipped example store, over HTTP without dry_run like the measured requests. Nothing is
     * learned (only corrected readings are) and nothing that changes something runs (the gate).
     */
    private static void warmUp(TestServer server, String admin) throws IOException {
        List<String> shipped;
        try (var in = NlEvaluationTest.class.getResourceAsStream("/nl/examples.jsonl")) {
            shipped = new String(java.util.Objects.requireNonNull(in, "nl/examples.jsonl on the classpath").readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8).lines().filter(line -> line.startsWith("{")).toList(); // skips the store's // comments
        }
        for (int i = 0; i < shipped.size(); i += 4) {
            String text = Json.MAPPER.readTree(shipped.get(i)).path("text").asString();
            server.post("/api/v1/agent/natural-language", admin, Map.of("message", text));
        }
    }

    /**
     * The router's own latency per request, in process (no HTTP client, no socket): {@code NlRouter.handle}
     * (dry run) over every utterance of the set, one round after a warm-up round, with the
     * sentence-vector cache emptied before each request so every request embeds (the figure a new
     * sentence gets); then the same with the cache kept (a repeated sentence); and the embedding alone.
     */
    private static String inProcess(TestServer server, List<JsonNode> items) {
        NlRouter router = server.bean(NlRouter.class);
        Embedder embedder = server.bean(Embedder.class);
        CachingEmbedder cache = embedder instanceof CachingEmbedder c ? c : null;
        Principal admin = server.bean(Authenticator.class).authenticateToken(TestServer.ADMIN_TOKEN);
        List<Double> uncached = new ArrayList<>();
        List<Double> cached = new ArrayList<>();
        List<Double> embedding = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            for (JsonNode item : items) {
                String text = item.path("text").asString();
                if (cache != null) {
                    cache.clear();
                }
                long started = System.nanoTime();
                router.handle(admin, new NlRequest(text, null, true, null, null), "nl-eval");
                double cold = (System.nanoTime() - started) / 1e6;
                started = System.nanoTime();
                router.handle(admin, new NlRequest(text, null, true, null, null), "nl-eval");
                double warm = (System.nanoTime() - started) / 1e6;
                if (cache != null) {
                    cache.clear();
                }
                String masked = Masker.mask(text.strip());
                started = System.nanoTime();
                embedder.embed(Language.detect(text), masked);
                double embed = (System.nanoTime() - started) / 1e6;
                if (round > 0) {
                    uncached.add(cold);
                    cached.add(warm);
                    embedding.add(embed);
                }
            }
        }
        uncached.sort(Double::compare);
        cached.sort(Double::compare);
        embedding.sort(Double::compare);
        return String.format("in process, NlRouter.handle (dry run, %d requests): new sentence p50 %.1f ms p99 %.1f ms; "
                        + "repeated sentence p50 %.1f ms p99 %.1f ms; one embedding alone p50 %.1f ms p99 %.1f ms%n",
                uncached.size(), Metrics.percentile(uncached, 0.5), Metrics.percentile(uncached, 0.99),
                Metrics.percentile(cached, 0.5), Metrics.percentile(cached, 0.99),
                Metrics.percentile(embedding, 0.5), Metrics.percentile(embedding, 0.99));
    }

    /**
     * What the router got wrong on the TRAIN half only (the held-out half stays unseen while tuning): the wrong
     * intents and answers first, then the calls with the right tool but other arguments ("slots").
     */
    private static void writeTrainMisses(List<Outcome> outcomes, Map<String, String> refs) throws IOException {
        StringBuilder slots = new StringBuilder();
        StringBuilder misses = new StringBuilder();
        for (Outcome o : outcomes) {
            if (!o.item().path("split").asString().equals("train")) {
                continue;
            }
            String expectedTool = o.item().path("tool").isNull() ? null : o.item().path("tool").asString();
            String status = o.answer().path("status").asString();
            String tool = o.answer().path("tool").isString() ? o.answer().path("tool").asString() : null;
            String expect = o.item().path("expect").asString();
            boolean right = switch (expect) {
                case "oos" -> status.equals("out_of_scope");
                case "clarify" -> status.equals("needs_clarification") && java.util.Objects.equals(expectedTool, tool);
                default -> java.util.Objects.equals(expectedTool, tool) && !status.equals("needs_clarification")
                        && !status.equals("out_of_scope");
            };
            if (right && expect.equals("call") && !leaves(resolve(o.item().path("params"), refs)).equals(leaves(o.answer().path("params")))) {
                slots.append(o.item().path("id").asString()).append(" slots ").append(expectedTool).append(" | ")
                        .append(o.item().path("text").asString()).append(" | expected ").append(o.item().path("params"))
                        .append(" got ").append(o.answer().path("params")).append('\n');
            }
            if (!right) {
                misses.append(o.item().path("id").asString()).append(' ').append(expect).append(' ').append(expectedTool)
                        .append(" <- ").append(status).append(' ').append(tool).append(" conf ")
                        .append(o.answer().path("confidence").asString("")).append(" | ").append(o.item().path("text").asString())
                        .append(" | expected ").append(o.item().path("params")).append(" got ").append(o.answer().path("params"))
                        .append(o.answer().has("question") ? " | q: " + o.answer().path("question").asString() : "")
                        .append(o.answer().has("alternatives") ? " | alt: " + o.answer().path("alternatives") : "").append('\n');
            }
        }
        Files.writeString(Path.of("target", "nl-eval-train-misses.txt"), misses.append(slots).toString());
    }

    private static int jobs(TestServer server, String admin) {
        return server.post("/api/v1/agent/execute", admin, Map.of("tool", "training_list", "params", Map.of("limit", 100)))
                .path("result").path("jobs").size();
    }

    /** The tenant's objects the set refers to by description ("@ds:customer-support" is that dataset's id). */
    private static Map<String, String> seed(TestServer server, String admin) {
        Map<String, String> refs = new HashMap<>();
        Object[][] datasets = {{"customer-support", "Customer service chat logs / 客服对话记录"}, {"news-corpus", "News articles / 新闻语料"},
                {"faq-pairs", "Question and answer pairs / 常见问题问答对"}};
        for (Object[] d : datasets) {
            JsonNode r = server.post("/api/v1/agent/execute", admin, Map.of("tool", "dataset_register", "params",
                    Map.of("name", d[0], "uri", "s3://eval/" + d[0], "description", d[1])));
            String id = r.path("result").path("id").asString("");
            if (id.isEmpty()) {
                throw new IllegalStateException("dataset_register gave no id: " + r);
            }
            refs.put("@ds:" + d[0], id);
        }
        Object[][] models = {{"sentiment-bert", "Sentiment analysis classifier / 情感分析模型"}, {"news-classifier", "News topic classifier / 新闻分类模型"}};
        for (Object[] m : models) {
            JsonNode r = server.post("/api/v1/agent/execute", admin, Map.of("tool", "model_register", "params",
                    Map.of("name", m[0], "uri", "s3://eval/" + m[0] + ".pt", "description", m[1])));
            // model_register answers {model: {model_id, …}, version: {…}}
            String id = r.path("result").path("model").path("model_id").asString("");
            if (id.isEmpty()) {
                throw new IllegalStateException("model_register gave no model id: " + r);
            }
            refs.put("@mdl:" + m[0], id);
        }
        return refs;
    }

    private static String residentSet() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return line.substring(6).trim();
                }
            }
        } catch (IOException ignored) {
            // not Linux: no resident set figure
        }
        return "n/a";
    }

    /** The figures of one split and language. */
    record Metrics(int scored, int intentRight, double slotTp, double slotFp, double slotFn, int calls, int exact,
                   int clarifyAsked, int clarifyRight, int oosPredicted, int oosRight, int oosExpected, List<Double> latencies) {

        static Metrics of(List<Outcome> outcomes, String split, String lang, ToolCatalog catalog, Map<String, String> refs,
                          Set<String> unregistered) {
            int scored = 0, intentRight = 0, calls = 0, exact = 0, clarifyAsked = 0, clarifyRight = 0;
            int oosPredicted = 0, oosRight = 0, oosExpected = 0;
            double tp = 0, fp = 0, fn = 0;
            List<Double> latencies = new ArrayList<>();
            for (Outcome o : outcomes) {
                JsonNode item = o.item();
                if (!item.path("split").asString().equals(split) || !item.path("lang").asString().equals(lang)) {
                    continue;
                }
                latencies.add(o.millis());
                String expectedTool = item.path("tool").isNull() ? null : item.path("tool").asString();
                if (expectedTool != null && catalog.find(expectedTool).isEmpty()) {
                    unregistered.add(expectedTool);
                    continue;
                }
                scored++;
                String status = o.answer().path("status").asString();
                String tool = o.answer().path("tool").isString() ? o.answer().path("tool").asString() : null;
                boolean predictedOos = status.equals("out_of_scope");
                if (predictedOos) {
                    oosPredicted++;
                }
                if (expectedTool == null) {
                    oosExpected++;
                    if (predictedOos) {
                        oosRight++;
                        intentRight++;
                    }
                    continue;
                }
                if (expectedTool.equals(tool)) {
                    intentRight++;
                }
                if (status.equals("needs_clarification")) {
                    clarifyAsked++;
                    if (item.path("expect").asString().equals("clarify")) {
                        clarifyRight++;
                    }
                }
                Map<String, String> expected = leaves(resolve(item.path("params"), refs));
                Map<String, String> got = expectedTool.equals(tool) ? leaves(o.answer().path("params")) : Map.of();
                for (var e : expected.entrySet()) {
                    if (e.getValue().equals(got.get(e.getKey()))) {
                        tp++;
                    } else {
                        fn++;
                    }
                }
                for (var g : got.entrySet()) {
                    if (!g.getValue().equals(expected.get(g.getKey()))) {
                        fp++;
                    }
                }
                if (item.path("expect").asString().equals("call")) {
                    calls++;
                    if (expectedTool.equals(tool) && expected.equals(got) && !status.equals("needs_clarification")) {
                        exact++;
                    }
                }
            }
            return new Metrics(scored, intentRight, tp, fp, fn, calls, exact, clarifyAsked, clarifyRight, oosPredicted, oosRight,
                    oosExpected, latencies);
        }

        String format(String split, String lang) {
            List<Double> sorted = new ArrayList<>(latencies);
            sorted.sort(Double::compare);
            double precision = slotTp + slotFp == 0 ? 1 : slotTp / (slotTp + slotFp);
            double recall = slotTp + slotFn == 0 ? 1 : slotTp / (slotTp + slotFn);
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            return String.format("%-7s %s: n=%d  intent %.3f  slot F1 %.3f  exact %.3f (%d/%d)  clarification precision %.3f (%d asked)  "
                            + "out-of-scope P %.3f R %.3f  latency p50 %.1f ms p99 %.1f ms%n",
                    split, lang, scored, ratio(intentRight, scored), f1, ratio(exact, calls), exact, calls,
                    ratio(clarifyRight, clarifyAsked), clarifyAsked, ratio(oosRight, oosPredicted), ratio(oosRight, oosExpected),
                    percentile(sorted, 0.50), percentile(sorted, 0.99));
        }

        private static double ratio(int a, int b) {
            return b == 0 ? 1 : (double) a / b;
        }

        static double percentile(List<Double> sorted, double q) {
            return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
        }
    }

    private static JsonNode resolve(JsonNode params, Map<String, String> refs) {
        ObjectNode copy = (ObjectNode) params.deepCopy();
        for (var field : copy.properties()) {
            if (field.getValue().isString() && refs.containsKey(field.getValue().asString())) {
                field.setValue(Json.tree(refs.get(field.getValue().asString())));
            }
        }
        return copy;
    }

    /** Leaf path → canonical value; numbers compare by value (2e-5 equals 0.00002). */
    private static Map<String, String> leaves(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        walk("", node, out);
        return out;
    }

    private static void walk(String prefix, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            for (var field : node.properties()) {
                walk(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), out);
            }
        } else if (node.isNumber()) {
            out.put(prefix, String.valueOf(node.asDouble()));
        } else if (node.isString()) {
            out.put(prefix, node.asString());
        } else {
            out.put(prefix, CanonicalJson.sorted(node).toString());
        }
    }
}
