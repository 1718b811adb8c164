package io.aitip.platform.datasets;

import io.aitip.platform.support.Limits;
import io.aitip.platform.support.Scope;
import io.aitip.tools.model.Param;
import io.aitip.tools.model.Tool;
import io.aitip.tools.model.ToolContext;
import io.aitip.tools.model.ToolException;
import io.aitip.tools.model.ToolSpec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Finds datasets by what they are about, in English or Chinese. */
@Component
public class DatasetSearchTool implements Tool<DatasetSearchTool.Input> {

    public record Input(
            @Param(value = "What the data is about, in English or Chinese, e.g. 'medical question answering' or '图像分类'.",
                    required = true, minLength = 1, maxLength = 500) String query,
            @Param(value = "Results per page (default 50, at most 200).", min = 1, max = 200) Integer limit,
            @Param("The next_cursor of the previous page; leave out for the best matches.") String cursor) {
    }

    /** A dataset and how well it matched (0..1, 1 = every term hit its name). */
    public record Hit(Dataset dataset, double score) {
    }

    public record Result(List<Hit> results, int count, List<String> terms, String nextCursor) {
    }

    private static final ToolSpec SPEC = ToolSpec.builder("dataset_search")
            .toolset("datasets")
            .title("Search datasets")
            .description("Finds datasets of the current project whose name, tags or description match the query "
                    + "(English or Chinese), best first. Today this is a ranked text match (name hits weigh most, then "
                    + "tags, then description); semantic vector search will replace it without changing the parameters. "
                    + "Use a result's id as `dataset` in training_submit, or call dataset_get for details.")
            .readOnly()
            .permission("datasets:read")
            .example("en", "Find datasets about medical question answering", Map.of("query", "medical question answering"))
            .example("en", "Do we have any image classification data?", Map.of("query", "image classification", "limit", 5))
            .example("zh", "搜索和图像分类有关的数据集", Map.of("query", "图像分类"))
            .example("zh", "找一下医疗问答数据", Map.of("query", "医疗问答"))
            .build();

    private final DatasetStore store;

    public DatasetSearchTool(DatasetStore store) {
        this.store = store;
    }

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public Class<Input> inputType() {
        return Input.class;
    }

    @Override
    public Object call(ToolContext context, Input input) {
        List<String> terms = SearchTerms.of(input.query());
        int limit = Limits.of(input.limit());
        int offset = offset(input.cursor());
        List<DatasetStore.Scored> rows = store.search(Scope.of(context), input.query(), terms, offset + limit + 1);
        double best = Math.max(1, 10 + 3.0 * terms.size());
        List<Hit> hits = rows.stream().skip(offset).limit(limit)
                .map(s -> new Hit(s.dataset(), Math.round(Math.min(1.0, s.score() / best) * 1000) / 1000.0)).toList();
        String next = rows.size() > offset + limit ? encode(offset + limit) : null;
        return new Result(hits, hits.size(), terms, next);
    }

    private static String encode(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("o" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int offset(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return 0;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int offset = Integer.parseInt(text.substring(1));
            if (!text.startsWith("o") || offset < 0 || offset > 10_000) {
                throw new IllegalArgumentException();
            }
            return offset;
        } catch (RuntimeException e) {
            throw ToolException.invalid("/cursor", "This cursor is not valid. Pass the next_cursor of the previous "
                    + "result unchanged, or leave it out.");
        }
    }
}
