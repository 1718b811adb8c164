package io.aitip.platform.training;

import io.aitip.platform.support.Limits;
import io.aitip.platform.support.Scope;
import io.aitip.tools.model.Param;
import io.aitip.tools.model.Tool;
import io.aitip.tools.model.ToolContext;
import io.aitip.tools.model.ToolException;
import io.aitip.tools.model.ToolSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** A job's output lines: the last N, or everything after a cursor, in bounded pages. */
@Component
public class TrainingLogsTool implements Tool<TrainingLogsTool.Input> {

    /** Most characters of log text in one answer. */
    static final int MAX_CHARS = 64_000;

    public record Input(
            @Param(value = "The job id, train-….", required = true, minLength = 1, maxLength = 100) String jobId,
            @Param(value = "Return only the last N lines.", min = 1, max = 200) Integer tail,
            @Param("Only lines written at or after this instant (ISO 8601, e.g. 2025-01-31T10:00:00Z).") Instant since,
            @Param("The next_cursor of an earlier answer: returns the lines written after it.") String cursor,
            @Param(value = "Most lines to return (default 50, at most 200).", min = 1, max = 200) Integer limit) {
    }

    public record Result(String jobId, String status, List<LogLine> lines, int count, boolean hasMore,
                         String nextCursor) {
    }

    private static final ToolSpec SPEC = ToolSpec.builder("training_logs")
            .toolset("training")
            .title("Read training logs")
            .description("Returns a training job's output lines (stdout and stderr), each with its seq. Without "
                    + "tail, since or cursor it returns the last `limit` lines. To follow a running job, pass the "
                    + "answer's next_cursor back as cursor: you get only newer lines. next_cursor is absent once the job "
                    + "has ended and every line was returned. For numbers use training_metrics.")
            .readOnly()
            .permission("training:read")
            .example("en", "Show the last 20 log lines of train-7f3a2c01", Map.of("job_id", "train-7f3a2c01", "tail", 20))
            .example("en", "Why did train-1a2b3c4d fail? Show its logs", Map.of("job_id", "train-1a2b3c4d"))
            .example("zh", "看一下 train-7f3a2c01 最后 50 行日志", Map.of("job_id", "train-7f3a2c01", "tail", 50))
            .example("zh", "训练任务 train-1a2b3c4d 的输出日志", Map.of("job_id", "train-1a2b3c4d"))
            .build();

    private final TrainingService training;
    private final JobLogStore logs;

    public TrainingLogsTool(TrainingService training, JobLogStore logs) {
        this.training = training;
        this.logs = logs;
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
        TrainingJob job = training.require(Scope.of(context), input.jobId());
        int limit = Limits.of(input.limit());
        long after = seq(input.cursor());
        List<LogLine> rows;
        boolean more = false;
        if (input.cursor() != null || (input.since() != null && input.tail() == null)) {
            rows = logs.after(job.id(), after, input.since(), limit + 1);
            more = rows.size() > limit;
            rows = more ? rows.subList(0, limit) : rows;
        } else {
            rows = logs.tail(job.id(), Math.min(input.tail() == null ? limit : input.tail(), limit));
            if (input.since() != null) {
                rows = rows.stream().filter(l -> !l.at().isBefore(input.since())).toList();
            }
        }
        List<LogLine> lines = new ArrayList<>();
        int chars = 0;
        for (LogLine line : rows) {
            chars += line.line().length() + 40;
            if (chars > MAX_CHARS && !lines.isEmpty()) {
                more = true;
                break;
            }
            lines.add(line);
        }
        long last = lines.isEmpty() ? after : lines.get(lines.size() - 1).seq();
        String next = more || !job.status().terminal() ? Long.toString(last) : null;
        return new Result(job.id(), job.status().wire(), lines, lines.size(), more, next);
    }

    private static long seq(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return 0;
        }
        try {
            long seq = Long.parseLong(cursor.trim());
            if (seq < 0) {
                throw new NumberFormatException();
            }
            return seq;
        } catch (NumberFormatException e) {
            throw ToolException.invalid("/cursor", "This cursor is not valid: pass the next_cursor of an earlier "
                    + "training_logs answer unchanged, or leave it out for the last lines.");
        }
    }
}
