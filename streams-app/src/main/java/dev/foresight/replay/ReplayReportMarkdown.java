package dev.foresight.replay;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** A replay's report for a person: the span, a table of the counts per command topic, then the differences. */
public final class ReplayReportMarkdown {

    private static final String NL = System.lineSeparator();

    public String of(ReplayReport report) {
        StringBuilder out = new StringBuilder();
        out.append("# Replay ").append(report.replayId()).append(NL).append(NL)
                .append("From ").append(report.from()).append(" to ").append(report.until()).append(", ")
                .append(String.format(Locale.ROOT, "%,d", total(report.inputRecords()))).append(" input record(s); ")
                .append(report.identical() ? "the same commands as the live run." : "commands differ.").append(NL)
                .append(report.kept() ? "Its topics and state were kept (--keep)." : "Its topics and state were deleted.")
                .append(NL).append(NL)
                .append("| topic | matched | changed | only original | only replay |").append(NL)
                .append("|---|---:|---:|---:|---:|").append(NL);
        report.topics().forEach(t -> out.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d |%n",
                t.topic(), t.matched(), t.changed(), t.onlyOriginal(), t.onlyReplay())));
        report.topics().stream().filter(t -> !t.differences().isEmpty()).forEach(t -> differences(t, out));
        return out.toString();
    }

    private static void differences(TopicDiff topic, StringBuilder out) {
        out.append(NL).append("## ").append(topic.topic()).append(NL).append(NL)
                .append("| difference | key | type | original | replay | fields |").append(NL)
                .append("|---|---|---|---|---|---|").append(NL);
        for (Difference d : topic.differences()) {
            out.append("| ").append(d.kind()).append(" | ").append(d.key()).append(" | ").append(d.type())
                    .append(" | ").append(Objects.toString(d.originalId(), "")).append(" | ")
                    .append(Objects.toString(d.replayId(), "")).append(" | ").append(String.join(", ", d.fields()))
                    .append(" |").append(NL);
        }
    }

    private static long total(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
