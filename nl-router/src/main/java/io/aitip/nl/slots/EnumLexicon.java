package io.aitip.nl.slots;

import java.util.List;
import java.util.Map;

/**
 * Words in English and Chinese that name an enum value of some tool's schema. The schema's own
 * values match too (with spaces, hyphens or underscores): this table adds the ways people say them.
 * Keys are enum values; the router only uses those the tool's schema lists.
 */
final class EnumLexicon {

    static final Map<String, List<String>> WORDS = Map.ofEntries(
            // simulation scenarios
            Map.entry("prompt_injection", List.of("prompt injection", "prompt-injection", "injection", "提示注入", "提示词注入", "注入攻击", "注入")),
            Map.entry("jailbreak", List.of("jailbreak", "jailbreaking", "jail break", "越狱")),
            Map.entry("pii_leak", List.of("pii leak", "pii leakage", "pii", "personal data leak", "privacy leak", "隐私泄露", "隐私泄漏", "个人信息泄露", "泄露隐私")),
            Map.entry("toxicity", List.of("toxicity", "toxic", "harmful content", "毒性", "有害内容", "有毒")),
            Map.entry("adversarial", List.of("adversarial", "对抗", "对抗性", "对抗样本")),
            // release strategies
            Map.entry("canary", List.of("canary", "金丝雀", "灰度")),
            Map.entry("blue-green", List.of("blue-green", "blue green", "bluegreen", "蓝绿")),
            Map.entry("rolling", List.of("rolling", "rolling update", "滚动", "滚动更新", "滚动发布")),
            // runtimes and distribution
            Map.entry("vllm", List.of("vllm")),
            Map.entry("triton", List.of("triton")),
            Map.entry("torchserve", List.of("torchserve", "torch serve")),
            Map.entry("ddp", List.of("ddp", "distributed data parallel", "数据并行")),
            Map.entry("deepspeed", List.of("deepspeed", "deep speed")),
            Map.entry("horovod", List.of("horovod")),
            Map.entry("ray", List.of("ray")),
            // job and object states
            Map.entry("running", List.of("running", "in progress", "运行中", "正在运行", "正在跑", "在跑")),
            Map.entry("failed", List.of("failed", "failing", "broken", "失败", "挂了", "出错")),
            Map.entry("succeeded", List.of("succeeded", "successful", "finished successfully", "completed", "成功", "已完成", "跑完")),
            Map.entry("queued", List.of("queued", "waiting in the queue", "排队", "排队中")),
            Map.entry("pending", List.of("pending", "待处理", "等待中", "待审批")),
            Map.entry("cancelled", List.of("cancelled", "canceled", "已取消", "被取消")),
            Map.entry("active", List.of("active", "活跃", "在用", "有效")),
            Map.entry("archived", List.of("archived", "已归档", "归档")),
            Map.entry("dead", List.of("dead", "dead-lettered", "gave up", "彻底失败", "放弃", "失败")),
            Map.entry("delivered", List.of("delivered", "已送达", "投递成功", "成功")),
            // decisions
            Map.entry("approve", List.of("approve", "approved", "accept", "批准", "通过", "同意")),
            Map.entry("reject", List.of("reject", "rejected", "decline", "deny", "驳回", "拒绝", "不同意")),
            Map.entry("deny", List.of("denied", "deny", "refused", "被拒绝", "拒绝")),
            Map.entry("allow", List.of("allowed", "allow", "允许", "放行")),
            // periods
            Map.entry("day", List.of("today", "daily", "per day", "今天", "今日", "每天")),
            Map.entry("week", List.of("this week", "weekly", "last week", "本周", "这周", "这一周", "上周", "每周")),
            Map.entry("month", List.of("this month", "monthly", "last month", "本月", "这个月", "上个月", "每月")));

    private EnumLexicon() {
    }
}
