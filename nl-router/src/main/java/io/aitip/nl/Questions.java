package io.aitip.nl;

import io.aitip.nl.embed.Language;
import java.util.List;
import java.util.Map;

/** The clarifying questions, in the user's language: one per missing parameter, and "A or B?". */
final class Questions {

    private static final Map<String, String[]> BY_PARAM = Map.ofEntries(
            Map.entry("model", new String[] {"Which model should I use?", "要用哪个模型？"}),
            Map.entry("dataset", new String[] {"Which dataset do you mean?", "是哪个数据集？"}),
            Map.entry("service", new String[] {"Which inference service do you mean?", "是哪个推理服务？"}),
            Map.entry("job_id", new String[] {"Which training job? Give its id (train-…).", "是哪个训练任务？请给出任务 id（train-…）。"}),
            Map.entry("name", new String[] {"What name should it have?", "要起什么名字？"}),
            Map.entry("uri", new String[] {"Where is it stored? Give its URI (s3://…, gs://…, hf://…).", "它存放在哪里？请给出 URI（s3://…、gs://…、hf://…）。"}),
            Map.entry("url", new String[] {"Which URL should receive it?", "要发送到哪个 URL？"}),
            Map.entry("replicas", new String[] {"How many replicas?", "要多少个副本？"}),
            Map.entry("traffic_percent", new String[] {"What share of traffic (percent) should the new version get?", "新版本要分多少流量（百分比）？"}),
            Map.entry("model_version", new String[] {"Which model version?", "哪个模型版本？"}),
            Map.entry("benchmark", new String[] {"Which benchmark?", "用哪个评测基准？"}),
            Map.entry("scenario", new String[] {"Which scenario: prompt_injection, jailbreak, pii_leak, toxicity or adversarial?",
                    "哪种场景：提示注入、越狱、隐私泄露、毒性还是对抗？"}),
            Map.entry("target", new String[] {"Which service or endpoint should be tested?", "要测试哪个服务或端点？"}),
            Map.entry("release_id", new String[] {"Which release? Give its id (rel-…).", "是哪个发布？请给出 id（rel-…）。"}),
            Map.entry("approval_id", new String[] {"Which approval request? Give its id (apr-…).", "是哪个审批请求？请给出 id（apr-…）。"}),
            Map.entry("decision", new String[] {"Approve or reject?", "批准还是驳回？"}),
            Map.entry("query", new String[] {"What should I search for?", "要搜索什么？"}),
            Map.entry("runs", new String[] {"Which runs should I compare? Give their ids.", "要比较哪些运行？请给出它们的 id。"}),
            Map.entry("execution_id", new String[] {"Which execution? Give its id (exec-…).", "是哪次执行？请给出 id（exec-…）。"}),
            Map.entry("eval_id", new String[] {"Which evaluation? Give its id (eval-…).", "是哪次评测？请给出 id（eval-…）。"}),
            Map.entry("run_id", new String[] {"Which simulation run? Give its id (sim-…).", "是哪次仿真？请给出 id（sim-…）。"}),
            Map.entry("plan", new String[] {"Which test plan?", "是哪个测试计划？"}),
            Map.entry("tool", new String[] {"Which tool do you mean?", "是哪个工具？"}),
            Map.entry("delivery_id", new String[] {"Which delivery? Give its id (whd-…).", "是哪次投递？请给出 id（whd-…）。"}),
            Map.entry("experiment", new String[] {"Which experiment?", "是哪个实验？"}));

    private Questions() {
    }

    static String missing(String param, Language language) {
        String leaf = param.contains(".") ? param.substring(param.lastIndexOf('.') + 1) : param;
        String[] question = BY_PARAM.get(leaf);
        if (question != null) {
            return question[language == Language.ZH ? 1 : 0];
        }
        return language == Language.ZH ? "请提供参数 " + param + " 的值。" : "What should " + param + " be?";
    }

    static String either(List<String> tools, Language language) {
        String options = String.join(language == Language.ZH ? "，还是 " : " or ", tools.stream().map(t -> "`" + t + "`").toList());
        return language == Language.ZH ? "你是想用 " + options + "？" : "Do you mean " + options + "?";
    }

    static String whichObject(String kind, List<String> names, Language language) {
        String options = String.join(language == Language.ZH ? "、" : ", ", names);
        return language == Language.ZH ? "有多个匹配的对象：" + options + "。是哪一个？" : "Several " + kind + "s match: " + options + ". Which one?";
    }

    static String unknownObject(String kind, String phrase, Language language) {
        return language == Language.ZH ? "没有找到与“" + phrase + "”匹配的" + zhKind(kind) + "。请给出它的名称或 id。"
                : "I found no " + kind + " matching \"" + phrase + "\". Give its name or id.";
    }

    static String invalid(String message, Language language) {
        return language == Language.ZH ? "这个参数不合适：" + message : "That does not fit: " + message;
    }

    private static String zhKind(String kind) {
        return switch (kind) {
            case "dataset" -> "数据集";
            case "model" -> "模型";
            default -> "服务";
        };
    }
}
