package io.aitip.nl.intent;

import io.aitip.nl.embed.Language;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Whether a sentence names something only an ML platform has: an id, a URI, GPUs (the masker's
 * placeholders) or one of its own terms (dataset, checkpoint, canary, 数据集, 配额 …). A sentence
 * that names nothing of the platform must come very close to an example to stay in scope (the
 * language's {@code minScore}); one that does may stay in scope a little farther out
 * ({@code cueMinScore}): general requests ("write a haiku", "明天天气怎么样") do not use these terms,
 * while new phrasings of real requests nearly always do. Everyday words the platform also uses
 * (train, model, cost, job, release, delivery, policy, 版本, 服务, 费用) are left out on purpose:
 * "book a train ticket" or "what does a Model 3 cost" must keep the strict bar. The terms are the
 * catalog's, chosen by hand from the tools, not from any labelled sentence.
 */
public final class PlatformCues {

    /** Word starts, matched at a word boundary of the masked, lowercased reading. */
    private static final Pattern TERMS = Pattern.compile("\\b(" + String.join("|", List.of(
            // the masker's placeholders: ids, URIs, GPU mentions
            "uri\\b", "[a-z]+-id\\b", "n gpus?\\b", "gpu",
            // data, experiments and training
            "datasets?\\b", "checkpoints?\\b", "fine-?tun", "training\\b", "hyper-?param", "epochs?\\b", "learning rate",
            "lineage\\b", "experiments?\\b", "metrics?\\b", "hpo\\b", "cuda\\b",
            // resources
            "quotas?\\b",
            // evaluation and safety
            "evaluat", "evals?\\b", "benchmarks?\\b", "mmlu\\b", "gsm8k\\b", "hellaswag\\b", "humaneval\\b", "simulation",
            "red[- ]?team", "jailbreak", "prompt injection", "toxicity\\b", "pii\\b",
            // serving and releases
            "deploy", "undeploy", "inference\\b", "endpoints?\\b", "replicas?\\b", "canary\\b", "rollback\\b",
            // callbacks and governance
            "webhooks?\\b", "callbacks?\\b", "audit log", "test plans?\\b")) + ")");

    /** Substrings of a Chinese reading (its Latin words go through {@link #TERMS} too). */
    private static final List<String> CHINESE = List.of(
            "数据集", "语料", "检查点", "模型", "训练", "微调", "学习率", "超参", "调参", "血缘", "显卡", "张卡", "块卡",
            "配额", "评测", "评估", "基准", "仿真", "红队", "越狱", "提示注入", "毒性",
            "部署", "推理", "副本", "扩容", "缩容", "金丝雀", "灰度", "回滚", "审批", "审计日志", "回调", "测试计划");

    private PlatformCues() {
    }

    /** @param reading the masked (and mended) reading of a sentence, as the intent index compares it */
    public static boolean named(String reading, Language language) {
        if (TERMS.matcher(reading).find()) {
            return true;
        }
        if (language == Language.ZH) {
            for (String cue : CHINESE) {
                if (reading.contains(cue)) {
                    return true;
                }
            }
        }
        return false;
    }
}
