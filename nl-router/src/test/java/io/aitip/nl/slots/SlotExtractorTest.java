package io.aitip.nl.slots;

import static org.assertj.core.api.Assertions.assertThat;

import io.aitip.tools.json.Json;
import io.aitip.tools.pipeline.CanonicalJson;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The schema-driven reader on the sentence shapes the issue names, against hand-written schemas. */
class SlotExtractorTest {

    private static final JsonNode TRAIN = Json.MAPPER.readTree("""
            {"type":"object","required":["model"],"properties":{
              "model":{"type":"string"},"dataset":{"type":"string","description":"Dataset id (ds-…) or unique name"},
              "config":{"type":"object","properties":{"learning_rate":{"type":"number"},"epochs":{"type":"integer"},"batch_size":{"type":"integer"}}},
              "resources":{"type":"object","properties":{"gpu_type":{"type":"string","enum":["t4","l4","a10g","a100","h100","h200","rtx4090"]},
                "gpu_count":{"type":"integer"}}},
              "max_runtime_minutes":{"type":"integer"}}}""");
    private static final JsonNode SIMULATE = Json.MAPPER.readTree("""
            {"type":"object","required":["target","scenario"],"properties":{"target":{"type":"string"},
              "scenario":{"type":"string","enum":["prompt_injection","jailbreak","pii_leak","toxicity","adversarial"]},
              "samples":{"type":"integer"}}}""");
    private static final JsonNode RELEASE = Json.MAPPER.readTree("""
            {"type":"object","properties":{"model":{"type":"string"},"model_version":{"type":"string"},
              "strategy":{"type":"string","enum":["canary","blue-green","rolling"]}}}""");
    private static final JsonNode CANARY = Json.MAPPER.readTree("""
            {"type":"object","properties":{"service":{"type":"string"},"replicas":{"type":"integer"},"traffic_percent":{"type":"integer"}}}""");

    private static final JsonNode REGISTER = Json.MAPPER.readTree("""
            {"type":"object","required":["name","uri"],"properties":{"name":{"type":"string"},
              "uri":{"type":"string","description":"Where the data lives: s3://, gs://, hf://, file:// or an http(s) URL."},
              "format":{"type":"string","description":"Storage format, e.g. parquet, jsonl, csv, arrow, images."}}}""");
    private static final JsonNode METRICS = Json.MAPPER.readTree("""
            {"type":"object","required":["job_id"],"properties":{"job_id":{"type":"string","description":"The job id, train-…."},
              "name":{"type":"string","description":"Only series whose name contains this text, e.g. 'loss'."}}}""");
    private static final JsonNode COSTS = Json.MAPPER.readTree("""
            {"type":"object","properties":{"gpu_type":{"type":"string","enum":["t4","a100","h100"]},
              "period":{"type":"string","description":"The period (UTC): this_month (default), last_month, today, yesterday."}}}""");

    private final SlotExtractor extractor = new SlotExtractor();

    @Test
    void aFormatWordInsideTheUriDoesNotHideTheFormatNamedLater() {
        assertThat(read("add reviews from s3://shop/reviews.csv as parquet", REGISTER, "datasets").path("format").asString()).isEqualTo("parquet");
        assertThat(read("登记数据集 clicks，地址 gs://web/clicks.jsonl，文件格式 csv", REGISTER, "datasets").path("format").asString())
                .isEqualTo("csv");
    }

    @Test
    void aSeriesFilterTakesTheMetricWordNotAnObjectName() {
        JsonNode args = read("plot the validation loss of train-0a1b2c3d", METRICS, "training");
        assertThat(args.path("job_id").asString()).isEqualTo("train-0a1b2c3d");
        assertThat(args.path("name").asString()).isEqualTo("val_loss");
        assertThat(read("train-0a1b2c3d 准确率走势", METRICS, "training").path("name").asString()).isEqualTo("accuracy");
    }

    @Test
    void periodsInWordsBecomeTheToolsPeriodNames() {
        assertThat(read("how much did we spend on a100 last month", COSTS, "resources").path("period").asString()).isEqualTo("last_month");
        assertThat(read("h100 spend for the current month", COSTS, "resources").path("period").asString()).isEqualTo("this_month");
        assertThat(read("上个月花了多少钱", COSTS, "resources").path("period").asString()).isEqualTo("last_month");
        assertThat(read("昨天的 GPU 开销", COSTS, "resources").path("period").asString()).isEqualTo("yesterday");
        assertThat(read("最近 7 天用了多少卡时", COSTS, "resources").path("period").asString()).isEqualTo("last_7_days");
        assertThat(read("show gpu spend", COSTS, "resources").has("period")).isFalse();
    }

    /** Keys sorted, numbers by value: 100 read as a long equals 100 parsed as an int. */
    private static String canonical(JsonNode node) {
        return CanonicalJson.sorted(node).toString();
    }

    private JsonNode read(String text, JsonNode schema, String toolset) {
        return extractor.extract(text, schema, toolset).arguments();
    }

    @Test
    void gpuCountsInDigitsWordsAndChineseCounters() {
        assertThat(canonical(read("Train Llama-2 using 4 A100s", TRAIN, "training").path("resources")))
                .isEqualTo(canonical(Json.MAPPER.readTree("{\"gpu_type\":\"a100\",\"gpu_count\":4}")));
        assertThat(read("使用 4 张 A100 训练 Llama-2", TRAIN, "training").path("resources").path("gpu_count").asInt()).isEqualTo(4);
        assertThat(canonical(read("train bert-base on two L4 cards", TRAIN, "training").path("resources")))
                .isEqualTo(canonical(Json.MAPPER.readTree("{\"gpu_type\":\"l4\",\"gpu_count\":2}")));
        assertThat(canonical(read("用一张 T4 训练 resnet50", TRAIN, "training").path("resources")))
                .isEqualTo(canonical(Json.MAPPER.readTree("{\"gpu_type\":\"t4\",\"gpu_count\":1}")));
        assertThat(read("改成 8 张卡", TRAIN, "training").path("resources").path("gpu_count").asInt()).isEqualTo(8);
    }

    @Test
    void hyperparametersDurationsAndNames() {
        JsonNode args = read("Fine-tune bert-base on news-corpus, lr 2e-5, batch size 32, 3 epochs, at most 2 hours", TRAIN, "training");
        assertThat(args.path("model").asString()).isEqualTo("bert-base");
        assertThat(args.path("dataset").asString()).isEqualTo("news-corpus");
        assertThat(args.path("config").path("learning_rate").asDouble()).isEqualTo(2e-5);
        assertThat(args.path("config").path("batch_size").asInt()).isEqualTo(32);
        assertThat(args.path("config").path("epochs").asInt()).isEqualTo(3);
        assertThat(args.path("max_runtime_minutes").asInt()).isEqualTo(120);
        assertThat(canonical(read("学习率 0.0003，训练 10 轮", TRAIN, "training").path("config")))
                .isEqualTo(canonical(Json.MAPPER.readTree("{\"learning_rate\":3.0E-4,\"epochs\":10}")));
    }

    @Test
    void enumsInBothLanguagesAndIdsByPrefix() {
        assertThat(canonical(read("对 svc-1a2b3c4d 做越狱测试，100 条样本", SIMULATE, "simulation")))
                .isEqualTo(canonical(Json.MAPPER.readTree("{\"target\":\"svc-1a2b3c4d\",\"scenario\":\"jailbreak\",\"samples\":100}")));
        assertThat(read("测试 svc-1a2b3c4d 的提示注入", SIMULATE, "simulation").path("scenario").asString()).isEqualTo("prompt_injection");
        assertThat(canonical(read("为 news-classifier v3 创建金丝雀发布", RELEASE, "releases")))
                .isEqualTo(canonical(Json.MAPPER.readTree("{\"model_version\":\"v3\",\"strategy\":\"canary\",\"model\":\"news-classifier\"}")));
        assertThat(read("把 svc-1a2b3c4d 百分之5 的流量切过去", CANARY, "inference").path("traffic_percent").asInt()).isEqualTo(5);
        assertThat(read("scale svc-1a2b3c4d to 6 replicas", CANARY, "inference").path("replicas").asInt()).isEqualTo(6);
    }

    @Test
    void describedObjectsBecomePhrasesToResolve() {
        Extraction en = extractor.extract("Train Llama-2 on my customer service dataset", TRAIN, "training");
        assertThat(en.phrases()).extracting(EntityPhrase::phrase).containsExactly("customer service");
        Extraction zh = extractor.extract("用客服数据集训练 Llama-2", TRAIN, "training");
        assertThat(zh.phrases()).extracting(EntityPhrase::phrase).containsExactly("客服");
    }

    @Test
    void valuesListedInADescriptionReadLikeAnEnum() {
        JsonNode freeScenario = Json.MAPPER.readTree("""
                {"type":"object","required":["target","scenario"],"properties":{"target":{"type":"string"},
                  "scenario":{"type":"string","description":"Scenario template: prompt_injection, jailbreak, pii_leak, toxicity or adversarial."}}}""");
        assertThat(read("Run a jailbreak simulation against svc-6d7e8f9a", freeScenario, "simulation").path("scenario").asString())
                .isEqualTo("jailbreak");
        assertThat(read("对 svc-6d7e8f9a 做越狱测试", freeScenario, "simulation").path("scenario").asString()).isEqualTo("jailbreak");
        assertThat(read("simulate svc-6d7e8f9a", freeScenario, "simulation").has("scenario")).isFalse();
    }

    @Test
    void aPlainWordAfterATrainingVerbIsTheModelAndANameWithAVersionIsAModelNotAService() {
        assertThat(read("Train distilbert on news-corpus for 5 epochs", TRAIN, "training").path("model").asString()).isEqualTo("distilbert");
        assertThat(read("在 news-corpus 上训练 distilbert 5 轮", TRAIN, "training").path("model").asString()).isEqualTo("distilbert");
        assertThat(read("Train the sentiment model on news-corpus", TRAIN, "training").has("model")).isFalse();
        JsonNode release = Json.MAPPER.readTree("""
                {"type":"object","required":["model","model_version"],"properties":{"model":{"type":"string"},
                  "model_version":{"type":"string"},"service":{"type":"string"},
                  "strategy":{"type":"string","enum":["canary","blue-green","rolling"]}}}""");
        JsonNode args = read("Create a canary release of news-classifier v3", release, "releases");
        assertThat(args.path("model").asString()).isEqualTo("news-classifier");
        assertThat(args.has("service")).isFalse();
    }
}
