package io.aitip.nl;

import io.aitip.nl.NlRouter.Saver;
import io.aitip.nl.NlRouter.Turn;
import io.aitip.nl.dialogue.Pending;
import io.aitip.nl.embed.Language;
import io.aitip.nl.intent.IntentClassifier.Classification;
import io.aitip.nl.intent.Scored;
import io.aitip.nl.llm.LlmInterpreter;
import io.aitip.nl.llm.LlmOutcome;
import io.aitip.tools.catalog.RegisteredTool;
import io.aitip.tools.pipeline.InvocationPipeline;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * LLM mode (decision 0021): the model proposes the call, and the answer is built exactly as for an
 * offline reading: a proposed call goes to the same planner (validation, one question per missing
 * parameter, entity resolution) and the same pipeline (policy, confirmation gate, dry run). Empty
 * when the model gave no usable answer: the offline reading answers then.
 */
final class LlmReading {

    /** The conversation waits for the answer to the model's question; it is read together with the request. */
    static final String ASKED = "asked";

    private final LlmInterpreter llm;
    private final InvocationPipeline pipeline;
    private final CallPlanner planner;

    LlmReading(LlmInterpreter llm, InvocationPipeline pipeline, CallPlanner planner) {
        this.llm = llm;
        this.pipeline = pipeline;
        this.planner = planner;
    }

    boolean enabled() {
        return llm.enabled();
    }

    Optional<NlResponse> answer(Turn turn, String message, Classification reading, Saver saver) {
        Language language = reading.language();
        String lang = language.wire();
        List<String> ranked = reading.ranked().stream().map(Scored::tool).filter(Objects::nonNull).distinct().toList();
        List<RegisteredTool> offered = llm.offer(pipeline.catalog().all(), tool -> pipeline.visible(turn.principal(), tool.spec()), ranked);
        LlmOutcome outcome = llm.propose(message, language, offered);
        if (outcome instanceof LlmOutcome.Unavailable) {
            return Optional.empty();
        }
        if (outcome instanceof LlmOutcome.Call call) {
            double confidence = reading.ranked().stream().filter(s -> call.tool().name().equals(s.tool()))
                    .mapToDouble(Scored::score).findFirst().orElse(0);
            return Optional.of(planner.plan(turn, call.tool(), call.arguments(), call.phrases(), language, message, false,
                    confidence, saver));
        }
        if (outcome instanceof LlmOutcome.Asks asks) {
            Pending waiting = new Pending(ASKED, null, null, lang, message, List.of(), List.of(), false);
            return Optional.of(saver.save(turn, waiting, NlResponse.of(NlStatus.NEEDS_CLARIFICATION, lang, turn.conversationId())
                    .call(null, null, 0).question(asks.question()).build()));
        }
        // words only, or a tool that was not offered: out of scope, naming no tool
        return Optional.of(saver.save(turn, Pending.none(lang), NlResponse.of(NlStatus.OUT_OF_SCOPE, lang, turn.conversationId())
                .call(null, null, 0).question(Replies.outOfScope(language)).build()));
    }
}
