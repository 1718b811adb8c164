package io.aitip.nl.slots;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * How people say the value of a numeric parameter, by parameter name: the words before the number
 * ("batch size of 32", "学习率 2e-5") and after it ("3 epochs", "4 个副本"). Order matters: the
 * extractor fills the more specific parameters first so that a number is used once.
 */
final class NumericSlots {

    private static final String SET = "\\s*(?:=|:|：|of|to|at|is|为|是|设为|设成|设置为|改成|改为|调到|调成|调整为|调整到)?\\s*";

    record Cue(Pattern before, Pattern after) {
    }

    static final Map<String, Cue> CUES = new java.util.LinkedHashMap<>();

    static {
        cue("learning_rate", "(?:learning[\\s_-]*rate|lr|学习率)" + SET, null);
        cue("weight_decay", "(?:weight[\\s_-]*decay|权重衰减)" + SET, null);
        cue("warmup_steps", "(?:warm-?up(?:\\s+steps)?|预热步数|预热)" + SET, "\\s*(?:warm-?up\\s+steps|步预热|步\\s*warm-?up)");
        cue("max_steps", "(?:max[\\s_-]*steps|最大步数|最多)" + SET, "\\s*(?:steps|步)");
        cue("seed", "(?:seed|随机种子|种子)" + SET, null);
        cue("epochs", "(?:epochs?|训练轮数|轮数|epoch\\s*数)" + SET, "\\s*(?:more\\s+)?(?:epochs?|个\\s*epochs?|轮|遍|个轮次|个周期)");
        cue("batch_size", "(?:batch[\\s_-]*size|bs|批大小|批量大小|批次大小|批量|batch)" + SET, "\\s*(?:的)?\\s*(?:batch[\\s_-]*size|批大小)");
        cue("min_replicas", "(?:min(?:imum)?(?:\\s+replicas)?|at\\s+least|最少|最小|至少)" + SET, "\\s*(?:replicas?\\s+)?(?:minimum|at\\s+minimum)");
        cue("max_replicas", "(?:max(?:imum)?(?:\\s+replicas)?|at\\s+most|up\\s+to|最多|最大|至多)" + SET, "\\s*(?:replicas?\\s+)?(?:maximum|at\\s+most)");
        cue("replicas", "(?:scale(?:\\s+(?:it|this|that|them|up|down|out|in))?(?:\\s+\\S+)?\\s+to|replicas?" + SET
                        + "|扩容到|缩容到|扩到|缩到|扩容至|缩容至|调整到|调到|副本数?" + SET + "|改成|改为)\\s*",
                "\\s*(?:replicas?|instances?|copies|pods?|个副本|副本|个实例|实例)");
        cue("traffic_percent", "(?:百分之)", "\\s*(?:%|％|percent|per\\s*cent)");
        cue("samples", "(?:samples?|样本数?|样本量)" + SET,
                "\\s*(?:samples?|prompts?|attacks?|attempts?|test\\s+cases|examples|条样本|个样本|条提示|条攻击|条用例|个用例|个攻击|条)");
        cue("trials", "(?:trials?|试验次数)" + SET, "\\s*(?:trials?|次试验|组试验|组实验|次尝试|组超参数?|组)");
        cue("nodes", "(?:nodes?|节点数?)" + SET, "\\s*(?:nodes?|machines?|hosts?|个节点|节点|台机器|台服务器)");
        cue("priority", "(?:priority|优先级)" + SET, null);
        cue("tail", "(?:last|tail|final|最后|末尾|最近)\\s*", "\\s*(?:log\\s+)?(?:lines?|行)");
        cue("history_points", "(?:at\\s+most|up\\s+to|最多)\\s*", "\\s*(?:points?|个点|个数据点)");
        cue("cpu", "(?:cpus?|cpu\\s*cores?)" + SET, "\\s*(?:cpus?|cpu\\s*cores?|cores?|vcpus?|个?\\s*cpu|个?核心?)");
        cue("memory_gb", "(?:内存|memory|ram)" + SET, "\\s*(?:gb|gib|g)(?![a-z])(?:\\s*(?:of\\s+)?(?:memory|ram|内存))?");
        cue("limit", "(?:first|top|latest|last|newest|recent|most\\s+recent|最近的?|前|最新的?|显示)\\s*",
                "\\s*(?:newest|latest|most\\s+recent|recent|most\\s+recently)");
    }

    private static void cue(String name, String before, String after) {
        CUES.put(name, new Cue(before == null ? null : Pattern.compile("(?i)" + before + "(" + Numerals.ANY + ")"),
                after == null ? null : Pattern.compile("(?i)(?<![\\w.-])(" + Numerals.ANY + ")" + after)));
    }

    private NumericSlots() {
    }
}
