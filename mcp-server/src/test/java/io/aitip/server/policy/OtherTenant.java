package io.aitip.server.policy;

import io.aitip.server.testing.TestServer;
import io.aitip.tools.json.Json;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Another tenant with one object of each kind the catalog names by id (dataset, experiment, training
 * job, model, webhook endpoint, approval, execution, webhook event, inference service, release, evaluation,
 * simulation, hyperparameter search, test plan and test run), every name carrying a marker. Whatever the
 * other tenant's calls return must never contain these ids or names, except where the caller sent
 * them itself.
 */
final class OtherTenant {

    final String key;
    final String marker = "xt" + UUID.randomUUID().toString().substring(0, 8);
    /** By id prefix: {@code ds}, {@code exp}, {@code train}, {@code mdl}, {@code wh}, {@code apr}, {@code exec}. */
    final Map<String, String> ids = new LinkedHashMap<>();
    final Set<String> secrets = new HashSet<>();

    OtherTenant(TestServer server) {
        key = server.keyForNewTenant(marker + "-owner");
        execute(server, "dataset_register", Map.of("name", marker + "-data", "uri", "s3://" + marker + "/data"));
        execute(server, "experiment_create", Map.of("name", marker + "-exp"));
        String jobId = execute(server, "training_submit", Map.of("name", marker + "-job", "model", marker + "-mlp",
                "config", Map.of("epochs", 1))).path("result").path("job_id").asString();
        execute(server, "training_wait", Map.of("job_id", jobId, "timeout_seconds", 300));
        execute(server, "model_register", Map.of("name", marker + "-model", "job_id", jobId));
        execute(server, "webhook_endpoint_create", Map.of("url", "https://hooks.example.com/" + marker,
                "events", java.util.List.of("job.*")));
        execute(server, "training_submit", Map.of("name", marker + "-big", "model", marker + "-llm",
                "resources", Map.of("gpu_count", 16)));
        servingObjects(server);
        secrets.add(marker);
    }

    /**
     * A ready inference service with a draft release, an evaluation and a safety simulation of it, a
     * hyperparameter search and a test plan with one run. Each ends before the walk starts, so the
     * only thing that could change these rows during the walk is another tenant's call.
     */
    private void servingObjects(TestServer server) {
        String model = marker + "-chat";
        execute(server, "model_register", Map.of("name", model, "uri", "builtin://tiny-chat"));
        execute(server, "model_register", Map.of("name", model, "uri", "builtin://tiny-chat?profile=hardened"));
        String service = execute(server, "inference_deploy", Map.of("name", marker + "-svc", "model", model,
                "model_version", "v1", "runtime", "builtin")).path("result").path("service_id").asString();
        until(server, "inference_get", Map.of("service", service), r -> java.util.Set.of("ready", "failed")
                .contains(r.path("status").asString()));
        execute(server, "release_create", Map.of("name", marker + "-release", "model", model, "model_version", "v2",
                "service", service));
        execute(server, "evaluation_run", Map.of("model", model, "model_version", "v1", "benchmark", "gsm8k",
                "target", service));
        execute(server, "simulation_run", Map.of("target", service, "scenario", "prompt_injection"));
        String tune = execute(server, "training_tune", Map.of("name", marker + "-tune", "base_job",
                Map.of("model", marker + "-mlp", "config", Map.of("epochs", 1)), "search_space",
                java.util.List.of(Map.of("name", "learning_rate", "values", java.util.List.of(0.1))))).path("result")
                .path("tune_id").asString();
        until(server, "training_tune_get", Map.of("tune_id", tune), r -> java.util.Set.of("succeeded", "failed",
                "stopped", "completed", "cancelled").contains(r.path("status").asString()));
        execute(server, "test_plan_create", Map.of("name", marker + "-plan", "base_url", server.baseUrl(), "type", "smoke",
                "cases", java.util.List.of(Map.of("name", "health", "path", "/actuator/health"))));
        execute(server, "test_execute", Map.of("plan", marker + "-plan"));
    }

    /** Calls a read tool until its result satisfies {@code done} (at most five minutes). */
    private void until(TestServer server, String tool, Map<String, Object> params,
                       java.util.function.Predicate<JsonNode> done) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            JsonNode result = execute(server, tool, params).path("result");
            if (done.test(result)) {
                return;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException(tool + " " + params + " did not finish in five minutes");
    }

    /** Runs a call as this tenant and remembers every object id in the answer. */
    private JsonNode execute(TestServer server, String tool, Map<String, Object> params) {
        JsonNode answer = server.post("/api/v1/agent/execute", key, Map.of("tool", tool, "params", params));
        harvest(answer);
        return answer;
    }

    private void harvest(JsonNode node) {
        if (node.isContainer()) {
            node.forEach(this::harvest);
        } else if (node.isString() && node.asString().matches("[a-z]+-[0-9a-f]{4,}")) {
            String id = node.asString();
            ids.putIfAbsent(id.substring(0, id.indexOf('-')), id);
            secrets.add(id);
        }
    }

    /** The call's arguments aimed at this tenant's objects: ids by their prefix, names by parameter. */
    JsonNode aimAt(JsonNode arguments) {
        return aim(null, arguments.deepCopy());
    }

    boolean aimed(JsonNode original, JsonNode aimed) {
        return !Json.write(original).equals(Json.write(aimed));
    }

    private JsonNode aim(String field, JsonNode node) {
        if (node.isObject()) {
            var object = (tools.jackson.databind.node.ObjectNode) node;
            for (String name : new java.util.ArrayList<>(object.propertyNames())) {
                object.set(name, aim(name, object.get(name)));
            }
            return object;
        }
        if (node.isArray()) {
            var array = (tools.jackson.databind.node.ArrayNode) node;
            for (int i = 0; i < array.size(); i++) {
                array.set(i, aim(field, array.get(i)));
            }
            return array;
        }
        if (node.isString()) {
            String value = node.asString();
            int dash = value.indexOf('-');
            String prefix = dash > 0 ? value.substring(0, dash) : null;
            if (prefix != null && ids.containsKey(prefix) && value.matches("[a-z]+-[0-9a-f]{4,}")) {
                return Json.MAPPER.getNodeFactory().stringNode(ids.get(prefix));
            }
            String byName = field == null ? null : switch (field) {
                case "dataset" -> ids.get("ds");
                case "model" -> ids.get("mdl");
                case "experiment" -> ids.get("exp");
                case "service", "target" -> ids.get("svc");
                case "plan" -> ids.get("plan");
                default -> null;
            };
            if (byName != null) {
                return Json.MAPPER.getNodeFactory().stringNode(byName);
            }
        }
        return node;
    }
}
