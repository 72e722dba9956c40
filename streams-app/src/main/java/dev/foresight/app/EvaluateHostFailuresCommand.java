package dev.foresight.app;

import dev.foresight.evaluate.hostrisk.HostFailureEvaluation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "host-failures", description = "Continuous host failure risk on recorded failures: replays the "
        + "normal week and every labelled run of a PREVENT data set (labels.yml, raw/*.csv.gz) through the real "
        + "topology in-process, and prints earliness, stability and false alarms per run beside the published "
        + "PREVENT and PREMISE figures.")
final class EvaluateHostFailuresCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PATH", description = "Data set folder, e.g. ../shared/data/prevent-redis.")
    Path path;

    @Option(names = "--scores", paramLabel = "DIR", description = "Keep the normal file's per-minute host risks "
            + "and the host risk profiles it left here, and reuse them while the file and the scoring settings are "
            + "unchanged: they do not depend on the alert rules, so only the first evaluation replays the normal week.")
    Path scores;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(path)) {
            throw new ParameterException(spec.commandLine(), "Not a folder: " + path);
        }
        try {
            spec.commandLine().getOut().print(HostFailureEvaluation.run(path, Optional.ofNullable(scores)).markdown());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        spec.commandLine().getOut().flush();
        return ForesightCli.OK;
    }
}
