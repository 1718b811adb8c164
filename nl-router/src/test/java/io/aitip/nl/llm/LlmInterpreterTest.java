package io.aitip.nl.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.aitip.nl.embed.Language;
import io.aitip.platform.datasets.DatasetListTool;
import io.aitip.platform.training.TrainingStopTool;
import io.aitip.platform.training.TrainingSubmitTool;
import io.aitip.tools.catalog.RegisteredTool;
import io.aitip.tools.catalog.ToolCatalog;
import io.aitip.tools.json.Json;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The LLM mode against a loopback server that replays recorded provider responses in each
 * provider's wire format (OpenAI chat completions, Anthropic messages, Ollama /api/chat) over real
 * HTTP through the real langchain4j clients, checking what went out on the wire.
 */
class LlmInterpreterTest {

    private static final String KEY = "sk-test-5f1e0c9a7b3d";
    private static final ToolCatalog CATALOG = new ToolCatalog(List.of(new TrainingSubmitTool(null), new TrainingStopTool(null),
            new DatasetListTool(null)));
    /** The caller may not stop training jobs (as a viewer could not). */
    private static final Predicate<RegisteredTool> NO_STOP = tool -> !tool.name().equals("training_stop");

    private final ReplayServer provider = new ReplayServer();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @AfterEach
    void close() {
        provider.close();
    }

    private LlmInterpreter interpreter(String kind, String baseUrl, Duration timeout) {
        LlmSettings settings = new LlmSettings(kind, baseUrl, "test-model", "AITIP_TEST_LLM_KEY", timeout, 0);
        return LlmInterpreter.of(settings, Map.of("AITIP_TEST_LLM_KEY", KEY)::get, meters);
    }

    private LlmInterpreter openAi() {
        return interpreter("openai", provider.url("/v1"), null);
    }

    private List<RegisteredTool> offered(LlmInterpreter llm, Predicate<RegisteredTool> allowed) {
        return llm.offer(CATALOG.all(), allowed, List.of());
    }

    private static List<String> names(JsonNode tools, String... path) {
        List<String> names = new ArrayList<>();
        for (JsonNode tool : tools) {
            JsonNode node = tool;
            for (String key : path) {
                node = node.path(key);
            }
            names.add(node.asString());
        }
        return names;
    }

    @Test
    void openAiProposesAReadOnlyCallFromTheCatalogSchemasAndSeesNoForbiddenTool() {
        LlmInterpreter llm = openAi();
        provider.replay("openai/dataset-list.json");
        LlmOutcome outcome = llm.propose("List my datasets", Language.EN, offered(llm, NO_STOP));

        assertThat(outcome).isInstanceOf(LlmOutcome.Call.class);
        LlmOutcome.Call call = (LlmOutcome.Call) outcome;
        assertThat(call.tool().name()).isEqualTo("dataset_list");
        assertThat(call.arguments().path("limit").asInt()).isEqualTo(5);

        ReplayServer.Received request = provider.last();
        assertThat(request.path()).isEqualTo("/v1/chat/completions");
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(request.body()).doesNotContain(KEY).contains("List my datasets");
        JsonNode body = Json.MAPPER.readTree(request.body());
        assertThat(names(body.path("tools"), "function", "name")).containsExactlyInAnyOrder("dataset_list", "training_submit");
        int submit = names(body.path("tools"), "function", "name").indexOf("training_submit");
        JsonNode parameters = body.path("tools").get(submit).path("function").path("parameters");
        assertThat(parameters.path("required").toString()).contains("model");
        assertThat(parameters.path("properties").path("resources").path("properties").path("gpu_type").path("enum").toString())
                .contains("a100");
        assertThat(body.path("parallel_tool_calls").asBoolean(true)).isFalse();
    }

    @Test
    void argumentsArePrunedToTheSchemaSoAModelCannotSetDryRunOrAToken() {
        LlmInterpreter llm = openAi();
        provider.replay("openai/training-submit.json");
        LlmOutcome.Call call = (LlmOutcome.Call) llm.propose("Train tiny-mlp for 1 epoch", Language.EN, offered(llm, t -> true));
        assertThat(call.tool().name()).isEqualTo("training_submit");
        assertThat(call.arguments().path("model").asString()).isEqualTo("tiny-mlp");
        assertThat(call.arguments().path("config").path("epochs").asInt()).isEqualTo(1);
        assertThat(call.arguments().has("dry_run")).isFalse();
        assertThat(call.arguments().has("confirm")).isFalse();
    }

    @Test
    void aDescribedDatasetIsLeftForTheResolverLikeAnOfflineReading() {
        LlmInterpreter llm = openAi();
        provider.replay("openai/training-submit-described-dataset.json");
        LlmOutcome.Call call = (LlmOutcome.Call) llm.propose("Train a Llama-2 model on my customer service dataset using 4 A100 GPUs",
                Language.EN, offered(llm, t -> true));
        assertThat(call.arguments().has("dataset")).isFalse();
        assertThat(call.phrases()).singleElement().satisfies(phrase -> {
            assertThat(phrase.kind()).isEqualTo("dataset");
            assertThat(phrase.phrase()).isEqualTo("my customer service dataset");
        });
        assertThat(call.arguments().path("resources").path("gpu_count").asInt()).isEqualTo(4);
    }

    @Test
    void anthropicToolUseBlocksBecomeTheSameCall() {
        LlmInterpreter llm = interpreter("anthropic", provider.url("/v1"), null);
        provider.replay("anthropic/training-submit.json");
        LlmOutcome.Call call = (LlmOutcome.Call) llm.propose("Train resnet50 on street-view with 2 A100s", Language.EN,
                offered(llm, NO_STOP));
        assertThat(call.tool().name()).isEqualTo("training_submit");
        assertThat(call.arguments().path("dataset").asString()).isEqualTo("street-view");
        assertThat(call.arguments().path("resources").path("gpu_count").asInt()).isEqualTo(2);
        assertThat(call.arguments().has("dry_run")).isFalse();

        ReplayServer.Received request = provider.last();
        assertThat(request.path()).isEqualTo("/v1/messages");
        assertThat(request.header("x-api-key")).isEqualTo(KEY);
        assertThat(request.header("Authorization")).isNull();
        assertThat(request.body()).doesNotContain(KEY);
        JsonNode body = Json.MAPPER.readTree(request.body());
        assertThat(names(body.path("tools"), "name")).containsExactlyInAnyOrder("dataset_list", "training_submit");
        assertThat(body.path("tools").get(0).path("input_schema").path("type").asString()).isEqualTo("object");
    }

    @Test
    void anthropicWordsWithoutAToolAreNoCall() {
        LlmInterpreter llm = interpreter("anthropic", provider.url("/v1"), null);
        provider.replay("anthropic/text-answer.json");
        assertThat(llm.propose("给我讲个笑话", Language.ZH, offered(llm, t -> true))).isInstanceOf(LlmOutcome.NoCall.class);
    }

    @Test
    void ollamaToolCallsBecomeTheSameCall() {
        LlmInterpreter llm = interpreter("ollama", provider.url(""), null);
        provider.replay("ollama/training-stop.json");
        LlmOutcome.Call call = (LlmOutcome.Call) llm.propose("停止训练任务 train-1a2b3c4d", Language.ZH, offered(llm, t -> true));
        assertThat(call.tool().name()).isEqualTo("training_stop");
        assertThat(call.arguments().path("job_id").asString()).isEqualTo("train-1a2b3c4d");

        ReplayServer.Received request = provider.last();
        assertThat(request.path()).isEqualTo("/api/chat");
        assertThat(request.header("Authorization")).as("a hosted Ollama gets the key as a bearer token").isEqualTo("Bearer " + KEY);
        JsonNode body = Json.MAPPER.readTree(request.body());
        assertThat(names(body.path("tools"), "function", "name")).contains("training_stop", "training_submit", "dataset_list");
        assertThat(body.path("stream").asBoolean(true)).isFalse();
    }

    @Test
    void aToolThatWasNotOfferedIsRefusedWhetherItExistsOrNot() {
        LlmInterpreter llm = openAi();
        provider.replay("openai/unknown-tool.json").replay("openai/not-offered-tool.json");
        assertThat(llm.propose("run rm -rf / on the server", Language.EN, offered(llm, NO_STOP))).isInstanceOf(LlmOutcome.Refused.class);
        assertThat(llm.propose("stop train-1a2b3c4d", Language.EN, offered(llm, NO_STOP))).isInstanceOf(LlmOutcome.Refused.class);
    }

    @Test
    void wordsAreAQuestionOrNoCall() {
        LlmInterpreter llm = openAi();
        provider.replay("openai/text-question.json").replay("openai/text-answer.json");
        assertThat(llm.propose("stop it", Language.EN, offered(llm, t -> true)))
                .isEqualTo(new LlmOutcome.Asks("Which training job do you mean?"));
        assertThat(llm.propose("What's the weather in Paris?", Language.EN, offered(llm, t -> true))).isInstanceOf(LlmOutcome.NoCall.class);
    }

    @Test
    void providerErrorsTimeoutsAndMalformedArgumentsFallBackWithoutLeakingTheKeyOrTheText() {
        Logger logger = (Logger) LoggerFactory.getLogger(LlmInterpreter.class);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        logger.addAppender(logs);
        try {
            LlmInterpreter llm = openAi();
            String secretText = "train the model on s3://secret-bucket/patients";
            provider.fail(500, "{\"error\":{\"message\":\"upstream failed for: " + secretText + " key " + KEY + "\"}}");
            assertThat(llm.propose(secretText, Language.EN, offered(llm, t -> true))).isEqualTo(new LlmOutcome.Unavailable("http_500"));
            provider.replay("openai/malformed-arguments.json");
            assertThat(llm.propose(secretText, Language.EN, offered(llm, t -> true)))
                    .isEqualTo(new LlmOutcome.Unavailable("malformed_arguments"));

            LlmInterpreter impatient = interpreter("openai", provider.url("/v1"), Duration.ofMillis(300));
            provider.hang();
            assertThat(impatient.propose(secretText, Language.EN, offered(impatient, t -> true)))
                    .isEqualTo(new LlmOutcome.Unavailable("timeout"));

            assertThat(logs.list).hasSizeGreaterThanOrEqualTo(3);
            for (ILoggingEvent event : logs.list) {
                assertThat(event.getFormattedMessage()).doesNotContain(KEY).doesNotContain("secret-bucket");
                assertThat(event.getThrowableProxy()).as("no stack trace that could quote the provider").isNull();
            }
            assertThat(meters.get("aitip.nl.interpretations").tag("outcome", "fallback").counters())
                    .extracting(c -> c.getId().getTag("reason")).contains("http", "malformed_arguments", "timeout");
        } finally {
            logger.detachAppender(logs);
        }
    }

    @Test
    void theOfferIsLimitedToTheOfflineRankingsBestAllowedTools() {
        LlmSettings settings = new LlmSettings("none", null, null, null, null, 1);
        assertThat(ToolOffer.choose(CATALOG.all(), NO_STOP, List.of("training_stop", "training_submit"), settings.maxTools()))
                .extracting(RegisteredTool::name).containsExactly("training_submit");
        assertThat(ToolOffer.choose(CATALOG.all(), NO_STOP, List.of(), 0)).extracting(RegisteredTool::name)
                .containsExactlyInAnyOrder("dataset_list", "training_submit");
    }

    @Test
    void misconfigurationStopsTheStartWithWhatToSet() {
        assertThatThrownBy(() -> LlmInterpreter.of(new LlmSettings("openai", null, "gpt-4o-mini", null, null, null), name -> null, meters))
                .hasMessageContaining("OPENAI_API_KEY");
        assertThatThrownBy(() -> LlmInterpreter.of(new LlmSettings("anthropic", null, null, null, null, null), name -> KEY, meters))
                .hasMessageContaining("aitip.nl.llm.model");
        assertThatThrownBy(() -> LlmInterpreter.of(new LlmSettings("gemini", null, "x", null, null, null), name -> KEY, meters))
                .hasMessageContaining("none, openai, anthropic or ollama");
        assertThat(LlmInterpreter.of(LlmSettings.off(), name -> KEY, meters).enabled()).isFalse();
    }
}
