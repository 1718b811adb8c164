package io.aitip.platform.evaluation;

import io.aitip.tools.model.ToolException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The benchmarks evaluation_run knows. The LLM benchmarks ship small sample item sets (written in
 * the style of the public sets, not copies of them) under {@code evaluation/samples/} so they run
 * offline; the vision benchmarks are listed with their metrics but need image models and data this
 * server does not have. {@code custom} scores a registered dataset of JSONL items.
 */
@Component
public class BenchmarkRegistry {

    private static final String SAMPLES = "/evaluation/samples/";

    private final Map<String, Benchmark> benchmarks = new LinkedHashMap<>();
    private final Map<String, List<EvalItem>> samples = new LinkedHashMap<>();

    public BenchmarkRegistry() {
        Benchmark.Metric accuracy = new Benchmark.Metric("accuracy", "Fraction of items whose chosen option letter "
                + "equals the correct one.", 0, 1, true);
        llm("mmlu", "MMLU (Massive Multitask Language Understanding)", "multiple_choice", accuracy, "choice",
                "Hendrycks et al. 2021, https://github.com/hendrycks/test");
        llm("gsm8k", "GSM8K (grade-school math word problems)", "math_word_problems",
                new Benchmark.Metric("exact_match", "Fraction of items whose final number in the answer equals the "
                        + "reference answer (within 1e-6 relative).", 0, 1, true), "number",
                "Cobbe et al. 2021, https://github.com/openai/grade-school-math");
        llm("hellaswag", "HellaSwag (commonsense sentence completion)", "sentence_completion", accuracy, "choice",
                "Zellers et al. 2019, https://rowanzellers.com/hellaswag");
        add(new Benchmark("humaneval", "HumanEval (Python code generation)", "code", "code_generation",
                new Benchmark.Metric("pass@1", "Fraction of problems whose first generated solution passes all of the "
                        + "problem's unit tests.", 0, 1, true), "none", false,
                "pass@1 executes model-written Python against unit tests, which needs a code-execution sandbox this "
                        + "server does not provide yet.", 0, "Chen et al. 2021, https://github.com/openai/human-eval"));
        add(new Benchmark("imagenet", "ImageNet-1k (image classification)", "image", "image_classification",
                new Benchmark.Metric("top1_accuracy", "Fraction of images whose highest-scoring predicted class is the "
                        + "labelled class (top-5: among the five highest).", 0, 1, true), "none", false,
                "Needs an image-classification endpoint and the ImageNet validation images, which are not on this "
                        + "server.", 0, "Deng et al. 2009, https://image-net.org"));
        add(new Benchmark("coco", "COCO 2017 (object detection)", "image", "object_detection",
                new Benchmark.Metric("mAP", "Mean average precision over the 80 classes and IoU thresholds 0.50:0.05:0.95 "
                        + "(COCO-style box mAP).", 0, 1, true), "none", false,
                "Needs an object-detection endpoint and the COCO val2017 images, which are not on this server.", 0,
                "Lin et al. 2014, https://cocodataset.org"));
        add(new Benchmark("custom", "Custom benchmark from a registered dataset", "text", "custom",
                new Benchmark.Metric("accuracy", "Fraction of items answered correctly: the option letter for items with "
                        + "choices, else the final number for numeric answers, else the normalized text.", 0, 1, true),
                "by_item", true, null, 0, "Pass dataset: a registered dataset whose URI is a local JSONL file "
                        + "(one {\"question\", \"answer\", \"choices\"?, \"id\"?, \"category\"?} per line)."));
    }

    private void llm(String name, String title, String task, Benchmark.Metric metric, String scoring, String reference) {
        List<EvalItem> items = load(name);
        samples.put(name, items);
        add(new Benchmark(name, title, "text", task, metric, scoring, true, null, items.size(), reference));
    }

    private void add(Benchmark benchmark) {
        benchmarks.put(benchmark.name(), benchmark);
    }

    public List<Benchmark> all() {
        return List.copyOf(benchmarks.values());
    }

    /** The benchmark by name (case-insensitive); INVALID_ARGUMENTS at /benchmark otherwise. */
    public Benchmark require(String name) {
        Benchmark benchmark = benchmarks.get(name == null ? "" : name.trim().toLowerCase(Locale.ROOT));
        if (benchmark == null) {
            throw ToolException.invalid("/benchmark", "Unknown benchmark '" + name + "'. Choose one of "
                    + String.join(", ", benchmarks.keySet()) + " (see evaluation_benchmarks), or 'custom' with a dataset.");
        }
        return benchmark;
    }

    /** The shipped sample items of a runnable LLM benchmark; empty for the others. */
    public List<EvalItem> samples(Benchmark benchmark) {
        return samples.getOrDefault(benchmark.name(), List.of());
    }

    private static List<EvalItem> load(String name) {
        try (InputStream in = BenchmarkRegistry.class.getResourceAsStream(SAMPLES + name + ".jsonl")) {
            if (in == null) {
                throw new IllegalStateException("missing sample items " + SAMPLES + name + ".jsonl");
            }
            return EvalItems.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
