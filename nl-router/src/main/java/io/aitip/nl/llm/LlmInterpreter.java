package io.aitip.nl.llm;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import io.aitip.nl.embed.Language;
import io.aitip.tools.catalog.RegisteredTool;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpTimeoutException;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the configured chat model to propose one tool call from the same schemas the other doors
 * publish (native tool calling). It only proposes: the router hands a {@link LlmOutcome.Call} to the
 * same planner, validation and confirmation gate as an offline reading. Failures are logged without
 * the user's text, the provider's answer or the key, counted as {@code aitip_nl_interpretations_total}.
 */
public final class LlmInterpreter {

    private static final Logger LOG = LoggerFactory.getLogger(LlmInterpreter.class);
    private static final int MAX_QUESTION = 300;

    private final ChatModel model;
    private final LlmSettings settings;
    private final MeterRegistry meters;

    LlmInterpreter(ChatModel model, LlmSettings settings, MeterRegistry meters) {
        this.model = model;
        this.settings = settings;
        this.meters = meters;
    }

    /** The interpreter of these settings; {@code null} model when the mode is off. */
    public static LlmInterpreter of(LlmSettings settings, UnaryOperator<String> env, MeterRegistry meters) {
        ChatModel model = settings.providerKind() == LlmProvider.NONE ? null : ChatModels.build(settings, env);
        return new LlmInterpreter(model, settings, meters == null ? new SimpleMeterRegistry() : meters);
    }

    public static LlmInterpreter off() {
        return new LlmInterpreter(null, LlmSettings.off(), new SimpleMeterRegistry());
    }

    public boolean enabled() {
        return model != null;
    }

    /** The tools to offer this caller: those it may use, the offline ranking's best first, at most {@code max-tools}. */
    public List<RegisteredTool> offer(List<RegisteredTool> catalog, Predicate<RegisteredTool> allowed, List<String> ranked) {
        return ToolOffer.choose(catalog, allowed, ranked, settings.maxTools());
    }

    public LlmOutcome propose(String message, Language language, List<RegisteredTool> offered) {
        if (!enabled() || offered.isEmpty()) {
            return count(new LlmOutcome.Unavailable(enabled() ? "no_tools" : "off"));
        }
        List<ToolSpecification> tools = offered.stream().map(ToolSchemas::of).toList();
        AiMessage answer;
        try {
            answer = model.chat(ChatRequest.builder().messages(SystemMessage.from(Prompt.system(language)), UserMessage.from(message))
                    .toolSpecifications(tools).build()).aiMessage();
        } catch (RuntimeException e) {
            return count(failed(e));
        }
        if (answer == null) {
            return count(unavailable("empty", null));
        }
        if (answer.hasToolExecutionRequests()) {
            ToolExecutionRequest call = answer.toolExecutionRequests().get(0);
            Optional<RegisteredTool> tool = offered.stream().filter(t -> t.name().equals(call.name())).findFirst();
            if (tool.isEmpty()) {
                return count(new LlmOutcome.Refused());
            }
            try {
                ProposedArguments.Read read = ProposedArguments.read(call.arguments(), tool.get().inputSchema());
                return count(new LlmOutcome.Call(tool.get(), read.arguments(), read.phrases()));
            } catch (IllegalArgumentException e) {
                return count(unavailable("malformed_arguments", null));
            }
        }
        String text = answer.text() == null ? "" : answer.text().replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ").strip();
        if (text.endsWith("?") || text.endsWith("？")) {
            return count(new LlmOutcome.Asks(text.length() > MAX_QUESTION ? text.substring(0, MAX_QUESTION - 1) + "…?" : text));
        }
        return count(new LlmOutcome.NoCall());
    }

    private LlmOutcome.Unavailable failed(RuntimeException e) {
        if (timedOut(e)) {
            return unavailable("timeout", e);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpException http) {
                return unavailable("http_" + http.statusCode(), e);
            }
        }
        return unavailable("error", e);
    }

    private LlmOutcome.Unavailable unavailable(String reason, RuntimeException e) {
        // the exception's message may quote the provider's answer or the request: log its kind only
        LOG.warn("natural-language LLM mode ({}): no usable answer ({}{}); the offline router answers instead",
                settings.provider(), reason, e == null ? "" : ", " + e.getClass().getSimpleName());
        return new LlmOutcome.Unavailable(reason);
    }

    private static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof dev.langchain4j.exception.TimeoutException || t instanceof HttpTimeoutException
                    || t instanceof java.net.SocketTimeoutException || t instanceof java.util.concurrent.TimeoutException) {
                return true;
            }
        }
        return false;
    }

    private LlmOutcome count(LlmOutcome outcome) {
        String kind = outcome instanceof LlmOutcome.Call ? "call" : outcome instanceof LlmOutcome.Asks ? "question"
                : outcome instanceof LlmOutcome.NoCall ? "no_call" : outcome instanceof LlmOutcome.Refused ? "refused" : "fallback";
        String reason = outcome instanceof LlmOutcome.Unavailable u ? u.reason() : "none";
        if (!"off".equals(reason)) {
            meters.counter("aitip.nl.interpretations", "interpreter", kind.equals("fallback") ? "offline" : "llm",
                    "outcome", kind, "reason", reason.startsWith("http_") ? "http" : reason).increment();
        }
        return outcome;
    }
}
