package io.aitip.nl;

import io.aitip.nl.dialogue.ConversationStore;
import io.aitip.nl.dialogue.FollowUps;
import io.aitip.nl.dialogue.Pending;
import io.aitip.nl.embed.Language;
import io.aitip.nl.intent.IntentClassifier;
import io.aitip.nl.intent.IntentClassifier.Classification;
import io.aitip.nl.intent.Scored;
import io.aitip.nl.learn.LearnedExamples;
import io.aitip.nl.llm.LlmInterpreter;
import io.aitip.nl.slots.Extraction;
import io.aitip.nl.slots.SlotExtractor;
import io.aitip.platform.support.Scope;
import io.aitip.tools.catalog.RegisteredTool;
import io.aitip.tools.json.Json;
import io.aitip.tools.model.ErrorCode;
import io.aitip.tools.model.ToolError;
import io.aitip.tools.model.ToolException;
import io.aitip.tools.pipeline.InvocationPipeline;
import io.aitip.tools.security.Principal;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import tools.jackson.databind.node.ObjectNode;

/**
 * The natural-language door: a sentence (or a follow-up in a conversation) becomes one call of one
 * tool, which then goes through the same pipeline as every other door (door NL). The router only
 * proposes: the pipeline authenticates nothing new, checks visibility, validates, decides policy,
 * and holds every call that changes something until the user confirms with the token it issued.
 */
public final class NlRouter {

    private final InvocationPipeline pipeline;
    private final Supplier<IntentClassifier> classifier;
    private final SlotExtractor slots = new SlotExtractor();
    private final CallPlanner planner;
    private final ConversationStore conversations;
    private final LearnedExamples learned;
    private final NlSettings settings;
    private final LlmReading llm;

    public NlRouter(InvocationPipeline pipeline, Supplier<IntentClassifier> classifier, CallPlanner planner,
                    ConversationStore conversations, LearnedExamples learned, NlSettings settings) {
        this(pipeline, classifier, planner, conversations, learned, settings, LlmInterpreter.off());
    }

    /** @param llm the optional LLM mode (decision 0021); {@link LlmInterpreter#off()} reads offline only */
    public NlRouter(InvocationPipeline pipeline, Supplier<IntentClassifier> classifier, CallPlanner planner,
                    ConversationStore conversations, LearnedExamples learned, NlSettings settings, LlmInterpreter llm) {
        this.llm = new LlmReading(llm, pipeline, planner);
        this.pipeline = pipeline;
        this.classifier = classifier;
        this.planner = planner;
        this.conversations = conversations;
        this.learned = learned;
        this.settings = settings;
    }

    public NlResponse handle(Principal principal, NlRequest request, String traceId) {
        boolean minted = request.conversationId() == null || request.conversationId().isBlank();
        String conversationId = minted ? ConversationStore.newId() : request.conversationId();
        if (conversationId.length() > 100) {
            throw ToolException.invalid("/conversation_id", "conversation_id is at most 100 characters; leave it out to start one.");
        }
        Optional<Pending> pending = minted ? Optional.empty() : conversations.load(principal, conversationId);
        Turn turn = new Turn(principal, conversationId, minted, request.dryRun(), traceId);
        if (request.confirm() != null && !request.confirm().isBlank()) {
            return confirm(turn, pending.orElse(null), request.confirm());
        }
        boolean words = InputGuard.check(request.message(), settings.maxMessageChars());
        String message = InputGuard.withoutOverrides(InputGuard.plain(request.message()));
        // LLM mode (decision 0021): the answer to the model's question is read together with the request it asked about
        if (pending.isPresent() && LlmReading.ASKED.equals(pending.get().stage())) {
            message = pending.get().text() + "\n" + message;
            pending = Optional.empty();
        }
        words = words && InputGuard.hasLetters(message);
        Language language = Language.detect(message.isEmpty() ? request.message() : message);
        if (!words) {
            return save(turn, Pending.none(language.wire()), NlResponse.of(NlStatus.OUT_OF_SCOPE, language.wire(), conversationId)
                    .question(Replies.outOfScope(language)).build());
        }
        Classification reading = classifier.get().classify(message, language, learned(principal), tool -> true);
        if (pending.isPresent() && pending.get().waiting()) {
            Optional<NlResponse> followUp = followUp(turn, pending.get(), message, language, reading);
            if (followUp.isPresent()) {
                return followUp.get();
            }
        }
        return fresh(turn, message, reading);
    }

    /** Loads the models and builds the intent index now rather than on the first request. */
    public void warmUp() {
        classifier.get();
    }

    /** The intent classifier (loads the models on first use); the evaluation harness sweeps its thresholds. */
    public IntentClassifier classifier() {
        return classifier.get();
    }

    public LearnedExamples learnedExamples() {
        return learned;
    }

    /** A new request: out of scope, "A or B?", or a call to plan. */
    private NlResponse fresh(Turn turn, String message, Classification reading) {
        // LLM mode (decision 0021): the model proposes; empty when it gave no usable answer (offline reading below)
        if (llm.enabled()) {
            Optional<NlResponse> proposed = llm.answer(turn, message, reading, this::save);
            if (proposed.isPresent()) {
                return proposed.get();
            }
        }
        String language = reading.language().wire();
        if (reading.outOfScope()) {
            return save(turn, Pending.none(language), NlResponse.of(NlStatus.OUT_OF_SCOPE, language, turn.conversationId())
                    .call(null, null, reading.top().score()).question(Replies.outOfScope(reading.language())).build());
        }
        Scored top = reading.top();
        if (reading.ambiguous()) {
            List<Scored> options = reading.ranked().stream().filter(s -> s.tool() != null).limit(2).toList();
            List<String> tools = options.stream().map(Scored::tool).toList();
            Pending waiting = new Pending("choose", null, null, language, message, List.of(), tools, false);
            return save(turn, waiting, NlResponse.of(NlStatus.NEEDS_CLARIFICATION, language, turn.conversationId())
                    .call(null, null, top.score())
                    .alternatives(options.stream().map(s -> new NlResponse.Alternative(s.tool(), round(s.score()))).toList())
                    .question(Questions.either(tools, reading.language())).build());
        }
        RegisteredTool tool = pipeline.catalog().find(top.tool()).orElseThrow();
        Extraction extraction = slots.extract(message, tool.inputSchema(), tool.spec().toolset());
        return planner.plan(turn, tool, extraction.arguments(), extraction.phrases(), reading.language(), message, false,
                top.score(), this::save);
    }

    /** A message in a conversation that waits: cancel, pick, answer or amend; empty when it is a new request. */
    private Optional<NlResponse> followUp(Turn turn, Pending pending, String message, Language language, Classification reading) {
        Language conversationLanguage = Language.parse(pending.language());
        if (FollowUps.cancels(message)) {
            return Optional.of(save(turn, Pending.none(pending.language()), NlResponse.of(NlStatus.CANCELLED, language.wire(),
                    turn.conversationId()).call(pending.tool(), pending.params(), 1).question(Replies.cancelled(language)).build()));
        }
        if (pending.stage().equals("choose")) {
            int pick = FollowUps.pick(message);
            String chosen = pick >= 0 && pick < pending.alternatives().size() ? pending.alternatives().get(pick)
                    : pending.alternatives().stream().filter(t -> message.contains(t) || message.contains(dotted(t))).findFirst()
                    .orElse(reading.outOfScope() ? null : pending.alternatives().contains(reading.top().tool()) ? reading.top().tool() : null);
            if (chosen == null) {
                return Optional.empty();
            }
            RegisteredTool tool = pipeline.catalog().find(chosen).orElseThrow();
            Extraction extraction = slots.extract(pending.text(), tool.inputSchema(), tool.spec().toolset());
            return Optional.of(planner.plan(turn, tool, extraction.arguments(), extraction.phrases(), conversationLanguage,
                    pending.text(), true, 1, this::save));
        }
        RegisteredTool tool = pipeline.catalog().find(pending.tool()).orElse(null);
        if (tool == null) {
            return Optional.empty();
        }
        Extraction extraction = slots.extract(message, tool.inputSchema(), tool.spec().toolset());
        boolean addsSomething = !extraction.arguments().isEmpty() || !extraction.phrases().isEmpty();
        boolean otherIntent = !reading.outOfScope() && !pending.tool().equals(reading.top().tool())
                && reading.top().similarity() >= classifier.get().tuning(language).minScore() + 0.15;
        boolean answer = pending.stage().equals("clarify") && !pending.missing().isEmpty() && message.length() <= 80;
        boolean fillsMissing = pending.missing().stream().anyMatch(param -> has(extraction.arguments(), param))
                || (!extraction.phrases().isEmpty() && pending.stage().equals("clarify"));
        if (otherIntent && !fillsMissing && !FollowUps.amends(message) && !(answer && !addsSomething && looksLikeValue(message))) {
            return Optional.empty();
        }
        ObjectNode merged = pending.params() == null ? Json.object() : pending.params().deepCopy();
        merge(merged, extraction.arguments());
        if (!addsSomething && answer) {
            String first = pending.missing().get(0);
            planner.putAnswer(merged, tool, first, message, extraction);
        } else if (!addsSomething && !pending.stage().equals("clarify")) {
            return Optional.empty();
        }
        return Optional.of(planner.plan(turn, tool, merged, extraction.phrases(), conversationLanguage, pending.text(), true,
                1, this::save));
    }

    /** A confirmation: the pending call runs with the token; the pipeline redeems it. */
    private NlResponse confirm(Turn turn, Pending pending, String token) {
        if (pending == null || !pending.stage().equals("confirm")) {
            throw new ToolException(ToolError.at(ErrorCode.INVALID_ARGUMENTS, "No call waits for confirmation in this "
                    + "conversation. Send the conversation_id of the needs_confirmation answer with its token.", "/confirm"));
        }
        RegisteredTool tool = pipeline.catalog().find(pending.tool()).orElseThrow();
        return planner.run(turn, tool, pending, token, this::save);
    }

    private List<io.aitip.nl.intent.Example> learned(Principal principal) {
        Scope scope = Scope.of(principal);
        return learned.examples(scope.orgId(), scope.projectId());
    }

    private NlResponse save(Turn turn, Pending state, NlResponse response) {
        if (turn.minted() && !state.waiting()) {
            // a conversation this turn started that waits for nothing: a row would be read back exactly as
            // no row is (a fresh reading), so the common one-shot request skips the database write
            return response;
        }
        if (!conversations.save(turn.principal(), turn.conversationId(), state)) {
            throw ToolException.invalid("/conversation_id", "That conversation_id is taken; leave it out to start a new conversation.");
        }
        return response;
    }

    private static void merge(ObjectNode into, ObjectNode from) {
        for (var field : from.properties()) {
            if (field.getValue().isObject() && into.path(field.getKey()).isObject()) {
                merge((ObjectNode) into.get(field.getKey()), (ObjectNode) field.getValue());
            } else {
                into.set(field.getKey(), field.getValue());
            }
        }
    }

    private static boolean has(ObjectNode arguments, String dotted) {
        tools.jackson.databind.JsonNode node = arguments;
        for (String key : dotted.split("\\.")) {
            node = node.path(key);
        }
        return !node.isMissingNode() && !node.isNull();
    }

    private static boolean looksLikeValue(String message) {
        return !message.contains(" ") || message.split("\\s+").length <= 3;
    }

    private static String dotted(String tool) {
        int underscore = tool.indexOf('_');
        return underscore < 0 ? tool : tool.substring(0, underscore) + "." + tool.substring(underscore + 1);
    }

    private static double round(double score) {
        return Math.round(score * 1000) / 1000.0;
    }

    /**
     * Who asks, in which conversation (minted: the server gave it its id in this turn), and whether
     * only to look (dry run).
     */
    record Turn(Principal principal, String conversationId, boolean minted, boolean dryRun, String traceId) {
    }

    /** Stores a conversation's state and returns the answer. */
    @FunctionalInterface
    interface Saver {
        NlResponse save(Turn turn, Pending state, NlResponse response);
    }
}
