package io.aitip.nl;

import io.aitip.nl.NlRouter.Saver;
import io.aitip.nl.NlRouter.Turn;
import io.aitip.nl.dialogue.Pending;
import io.aitip.nl.embed.Embedder;
import io.aitip.nl.embed.Language;
import io.aitip.nl.learn.LearnedExamples;
import io.aitip.nl.resolve.EntityResolver;
import io.aitip.nl.slots.EntityPhrase;
import io.aitip.nl.slots.Extraction;
import io.aitip.nl.slots.SlotPath;
import io.aitip.platform.support.Scope;
import io.aitip.tools.catalog.RegisteredTool;
import io.aitip.tools.json.Json;
import io.aitip.tools.model.ToolError;
import io.aitip.tools.pipeline.ExecutionResult;
import io.aitip.tools.pipeline.Invocation;
import io.aitip.tools.pipeline.InvocationPipeline;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a read call into an answer: resolves described objects, asks for what is missing or does
 * not validate, then hands the call to the pipeline (door NL) and maps its result. Runs that the
 * user confirmed or corrected become learned examples of the tenant.
 */
public final class CallPlanner {

    private final InvocationPipeline pipeline;
    private final EntityResolver resolver;
    private final LearnedExamples learned;
    private final Embedder embedder;

    public CallPlanner(InvocationPipeline pipeline, EntityResolver resolver, LearnedExamples learned, Embedder embedder) {
        this.pipeline = pipeline;
        this.resolver = resolver;
        this.learned = learned;
        this.embedder = embedder;
    }

    NlResponse plan(Turn turn, RegisteredTool tool, ObjectNode params, List<EntityPhrase> phrases, Language language,
                    String text, boolean corrected, double confidence, Saver saver) {
        String lang = language.wire();
        if (!pipeline.visible(turn.principal(), tool.spec())) {
            // no questions about a tool the caller may not use: the pipeline says why
            return map(turn, tool, params, language, text, corrected, confidence, invoke(turn, tool, params, null), saver);
        }
        Scope scope = Scope.of(turn.principal());
        for (EntityPhrase phrase : phrases) {
            EntityResolver.Outcome outcome = resolver.resolve(scope.orgId(), scope.projectId(), phrase.kind(), language, phrase.phrase());
            if (outcome instanceof EntityResolver.Resolved resolved) {
                put(params, phrase.slot().path(), Json.tree(resolved.match().id()));
                continue;
            }
            String question = outcome instanceof EntityResolver.Ambiguous ambiguous
                    ? Questions.whichObject(phrase.kind(), ambiguous.candidates().stream().map(m -> m.name() + " (" + m.id() + ")").toList(), language)
                    : Questions.unknownObject(phrase.kind(), phrase.phrase(), language);
            Pending waiting = new Pending("clarify", tool.name(), params, lang, text, List.of(phrase.slot().dotted()), List.of(), corrected);
            return saver.save(turn, waiting, NlResponse.of(NlStatus.NEEDS_CLARIFICATION, lang, turn.conversationId())
                    .call(tool.name(), params, confidence).missing(List.of(phrase.slot().dotted())).question(question).build());
        }
        List<String> missing = missing(tool, params);
        if (!missing.isEmpty()) {
            Pending waiting = new Pending("clarify", tool.name(), params, lang, text, missing, List.of(), corrected);
            return saver.save(turn, waiting, NlResponse.of(NlStatus.NEEDS_CLARIFICATION, lang, turn.conversationId())
                    .call(tool.name(), params, confidence).missing(missing).question(Questions.missing(missing.get(0), language)).build());
        }
        ToolError invalid = tool.validate(tool.normalize(params));
        if (invalid != null) {
            String pointer = invalid.details() != null && !invalid.details().isEmpty() && invalid.details().get(0).pointer() != null
                    ? invalid.details().get(0).pointer() : invalid.pointer();
            String param = pointer == null || pointer.isBlank() ? "" : pointer.substring(1).replace('/', '.');
            if (!param.isEmpty()) {
                remove(params, param);
            }
            List<String> wrong = param.isEmpty() ? List.of() : List.of(param);
            Pending waiting = new Pending("clarify", tool.name(), params, lang, text, wrong, List.of(), corrected);
            return saver.save(turn, waiting, NlResponse.of(NlStatus.NEEDS_CLARIFICATION, lang, turn.conversationId())
                    .call(tool.name(), params, confidence).missing(wrong).error(invalid)
                    .question(Questions.invalid(invalid.details() != null && !invalid.details().isEmpty()
                            ? invalid.details().get(0).message() : invalid.message(), language)).build());
        }
        return map(turn, tool, params, language, text, corrected, confidence, invoke(turn, tool, params, null), saver);
    }

    /** The confirmed run of a pending call. */
    NlResponse run(Turn turn, RegisteredTool tool, Pending pending, String token, Saver saver) {
        ExecutionResult result = invoke(turn, tool, pending.params(), token);
        Language language = Language.parse(pending.language());
        NlResponse response = map(turn, tool, pending.params(), language, pending.text(), pending.corrected(), 1, result, saver);
        if (response.status() == NlStatus.EXECUTED) {
            learn(turn, tool, pending.params(), language, pending.text(), pending.corrected() ? "corrected" : "confirmed");
        }
        return response;
    }

    /** The answer to "which X?": the message itself, as the missing parameter's value. */
    void putAnswer(ObjectNode params, RegisteredTool tool, String param, String message, Extraction extraction) {
        String value = message.strip().replaceAll("[。.!！?？]+$", "");
        SlotPath slot = SlotPath.flatten(tool.inputSchema()).stream().filter(s -> s.dotted().equals(param)).findFirst().orElse(null);
        if (slot == null) {
            return;
        }
        JsonNode typed = switch (slot.type()) {
            case "integer", "number" -> {
                Double number = io.aitip.nl.slots.Numerals.parse(value.replaceAll("[^0-9.eE+-]", "").isEmpty() ? value
                        : value.replaceAll("[^0-9.eE+-]", ""));
                yield number == null ? null : "integer".equals(slot.type()) ? Json.tree(number.longValue()) : Json.tree(number);
            }
            case "array" -> Json.tree(List.of(value.split("\\s*[,，、]\\s*|\\s+and\\s+|\\s*和\\s*")));
            default -> Json.tree(value);
        };
        if (typed != null) {
            put(params, slot.path(), typed);
        }
    }

    private ExecutionResult invoke(Turn turn, RegisteredTool tool, ObjectNode params, String token) {
        return pipeline.invoke(new Invocation(turn.principal(), io.aitip.tools.model.Door.NL, tool.name(), params, null,
                turn.dryRun() && token == null, false, token, null, null, null, turn.traceId()));
    }

    private NlResponse map(Turn turn, RegisteredTool tool, ObjectNode params, Language language, String text, boolean corrected,
                           double confidence, ExecutionResult result, Saver saver) {
        String lang = language.wire();
        NlStatus status = switch (result.status()) {
            case READY -> switch (result.result().path("decision").asString()) {
                case "needs_confirmation" -> NlStatus.NEEDS_CONFIRMATION;
                case "needs_approval" -> NlStatus.PENDING_APPROVAL;
                default -> NlStatus.READY;
            };
            case NEEDS_CONFIRMATION -> NlStatus.NEEDS_CONFIRMATION;
            case PENDING_APPROVAL -> NlStatus.PENDING_APPROVAL;
            case DENIED -> NlStatus.DENIED;
            case SUCCEEDED, QUEUED, RUNNING -> NlStatus.EXECUTED;
            default -> NlStatus.FAILED;
        };
        NlResponse.Builder answer = NlResponse.of(status, lang, turn.conversationId()).call(tool.name(), params, confidence)
                .error(result.error());
        Pending next = Pending.none(lang);
        if (result.confirmation() != null) {
            Map<String, Object> confirmation = new LinkedHashMap<>();
            confirmation.put("token", result.confirmation().token());
            confirmation.put("summary", result.confirmation().summary());
            confirmation.put("expires_at", result.confirmation().expiresAt().toString());
            answer.confirmation(confirmation).question(Replies.confirm(language, describe(tool, params)));
            next = new Pending("confirm", tool.name(), params, lang, text, List.of(), List.of(), corrected);
        }
        if (status == NlStatus.EXECUTED) {
            answer.executed(result.executionId(), result.result());
            if (corrected && tool.spec().readOnly()) {
                learn(turn, tool, params, language, text, "corrected");
            }
        }
        return saver.save(turn, next, answer.build());
    }

    private void learn(Turn turn, RegisteredTool tool, JsonNode params, Language language, String text, String origin) {
        Scope scope = Scope.of(turn.principal());
        learned.learn(scope.orgId(), scope.projectId(), turn.principal().userId(), tool.name(), language, text, params, origin,
                embedder.embed(language, io.aitip.nl.intent.Masker.mask(text)));
    }

    private static String describe(RegisteredTool tool, JsonNode params) {
        return tool.name() + " " + Json.write(params);
    }

    static List<String> missing(RegisteredTool tool, JsonNode params) {
        List<String> missing = new ArrayList<>();
        for (SlotPath slot : SlotPath.flatten(tool.inputSchema())) {
            if (slot.required() && at(params, slot.path()) == null) {
                missing.add(slot.dotted());
            }
        }
        return missing;
    }

    private static JsonNode at(JsonNode node, List<String> path) {
        for (String key : path) {
            node = node == null ? null : node.get(key);
        }
        return node == null || node.isNull() ? null : node;
    }

    static void put(ObjectNode params, List<String> path, JsonNode value) {
        ObjectNode node = params;
        for (int i = 0; i < path.size() - 1; i++) {
            JsonNode child = node.get(path.get(i));
            if (!(child instanceof ObjectNode)) {
                child = node.putObject(path.get(i));
            }
            node = (ObjectNode) child;
        }
        node.set(path.get(path.size() - 1), value);
    }

    private static void remove(ObjectNode params, String dotted) {
        String[] path = dotted.split("\\.");
        JsonNode node = params;
        for (int i = 0; i < path.length - 1; i++) {
            node = node.path(path[i]);
        }
        if (node instanceof ObjectNode object) {
            object.remove(path[path.length - 1]);
        }
    }
}
