package dev.foresight.bench;

import dev.foresight.evaluate.workflow.WorkflowEvaluation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reruns the workflow memory evaluation until the CLI offers it: {@code <trace folder> <output folder>}.
 * {@code mvn -q -B -o -pl streams-app -Djavacpp.platform=linux-x86_64 test-compile exec:exec
 * -Dexec.executable=java -Dexec.classpathScope=test
 * -Dexec.args="-Xmx1g -cp %classpath dev.foresight.bench.WorkflowEvaluationMain ../shared/data/sizey target/workflow-eval"}
 */
public final class WorkflowEvaluationMain {

    private WorkflowEvaluationMain() {
    }

    public static void main(String[] args) throws IOException {
        List<Path> traces;
        try (Stream<Path> files = Files.list(Path.of(args[0]))) {
            traces = files.filter(file -> file.getFileName().toString().endsWith(".csv")).sorted().toList();
        }
        WorkflowEvaluation.run(traces, Path.of(args[1]));
        System.out.println(Files.readString(Path.of(args[1]).resolve(WorkflowEvaluation.MARKDOWN)));
    }
}
