package io.aitip.nl;

import io.aitip.nl.embed.Language;

/** Fixed replies in the user's language. */
final class Replies {

    private Replies() {
    }

    static String outOfScope(Language language) {
        return language == Language.ZH
                ? "这超出了我能做的范围。我可以管理数据集、实验、训练任务、模型、评测、推理服务、仿真、发布和 GPU 资源。"
                : "That is outside what I can do. I can manage datasets, experiments, training jobs, models, evaluations, "
                + "inference services, simulations, releases and GPU resources.";
    }

    static String cancelled(Language language) {
        return language == Language.ZH ? "好的，已取消，什么都没有执行。" : "Cancelled; nothing was run.";
    }

    static String confirm(Language language, String summary) {
        return language == Language.ZH ? "请确认后再执行：" + summary : "Please confirm before it runs: " + summary;
    }
}
