package io.aitip.nl.slots;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * The words around a name that say which parameter it fills: the object's noun ("dataset
 * cats-vs-dogs", "medical-qa 数据集"), a verb that takes it ("train resnet50", "部署 llama"), or a
 * preposition ("on cats-vs-dogs", "用 …"). Also the id prefix each reference parameter accepts.
 */
final class RefCues {

    record Cue(String kind, Pattern nounBefore, Pattern nounAfter, Pattern verbBefore) {
    }

    static final Map<String, Cue> CUES = Map.of(
            "dataset", cue("dataset", "dataset|data\\s*set|data|数据集|数据", "on|using|with|from|over|用|使用|基于|拿|在"),
            "model", cue("model", "model|模型",
                    "train|training|fine-?tune|finetune|deploy|serve|evaluate|eval|benchmark|release|ship|roll\\s+out|test|训练|微调|部署|上线|评测|评估|测评|发布|测试"),
            "service", cue("service", "service|endpoint|deployment|svc|服务|推理服务",
                    "scale|stop|shut\\s+down|tear\\s+down|canary|on|for|of|扩容|缩容|停止|停掉|下线|给|把"),
            "target", cue("service", "service|endpoint|target|服务|目标", "against|attack|test|on|对|攻击|测试"),
            "experiment", cue("experiment", "experiment|实验", "under|in|into|归到|放到|放在"),
            "plan", cue("plan", "test\\s+plan|plan|测试计划|计划", "run|execute|运行|执行"),
            "name", cue("name", "called|named|name\\s+it|as|名为|名叫|叫做|叫|命名为|名字是|名称为|名称", ""));

    /** Object nouns a create/register tool's {@code name} may follow ("register the dataset X"). */
    static final Map<String, String> NAME_NOUNS = Map.of(
            "datasets", "dataset|data\\s*set|数据集",
            "experiments", "experiment|实验",
            "models", "model|模型",
            "tests", "test\\s+plan|plan|测试计划|计划",
            "inference", "service|endpoint|服务",
            "releases", "release|发布");

    /** Id prefixes of reference parameters whose description does not name them. */
    static final Map<String, String> ID_PREFIXES = Map.ofEntries(
            Map.entry("job_id", "train"), Map.entry("eval_id", "eval"), Map.entry("run_id", "sim"),
            Map.entry("release_id", "rel"), Map.entry("approval_id", "apr"), Map.entry("execution_id", "exec|texec"),
            Map.entry("delivery_id", "whd"), Map.entry("endpoint", "wh"), Map.entry("dataset", "ds"), Map.entry("model", "mdl"),
            Map.entry("service", "svc"), Map.entry("experiment", "exp"), Map.entry("plan", "tp"), Map.entry("target", "svc"),
            Map.entry("runs", "train|run"), Map.entry("base_job", "train"), Map.entry("job", "train"));

    private static Cue cue(String kind, String nouns, String verbs) {
        Pattern before = Pattern.compile("(?i)(?:" + nouns + ")\\s*(?:called|named|名为|叫做?)?\\s*(?:the\\s+|a\\s+|an\\s+|my\\s+)?$");
        Pattern after = Pattern.compile("(?i)^\\s*(?:的)?\\s*(?:" + nouns + ")(?![a-z])");
        Pattern verb = verbs.isEmpty() ? null
                : Pattern.compile("(?i)(?<![a-z])(?:" + verbs + ")\\s*(?:the\\s+|a\\s+|an\\s+|my\\s+|our\\s+)?(?:model\\s+|模型\\s*)?$");
        return new Cue(kind, before, after, verb);
    }

    private RefCues() {
    }
}
