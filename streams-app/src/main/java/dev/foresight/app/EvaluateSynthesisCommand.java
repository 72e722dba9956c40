package dev.foresight.app;

import dev.foresight.domain.synthesis.SynthesisSettings;
import dev.foresight.evaluate.synthesis.SynthesisEvaluation;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.LongStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "synthesis", description = "Pipeline synthesis in simulated worlds with a known answer (traffic "
        + "ramps with decoy bumps, release trains, vulnerability bursts; 30 % of synthesized stages harmful): lead "
        + "of scaling stages before need and peak, rollback precision and recall, the scaling bandit's regret "
        + "against the best fixed threshold in hindsight and against the one chosen on the other seeds.")
final class EvaluateSynthesisCommand implements Callable<Integer> {

    @Option(names = "--seeds", defaultValue = "5", description = "worlds, seeded from --first-seed on (default ${DEFAULT-VALUE})")
    int seeds;

    @Option(names = "--first-seed", defaultValue = "1", description = "the first world's seed (default ${DEFAULT-VALUE});"
            + " the reported seeds are 1..5, fresh ones any others")
    long firstSeed;

    @Option(names = "--days", defaultValue = "60", description = "simulated days per world (default ${DEFAULT-VALUE})")
    int days;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (seeds < 2 || seeds > 100 || days < 8 || days > 3650 || firstSeed < 1) {
            throw new ParameterException(spec.commandLine(),
                    "--seeds must be in 2..100, --days in 8..3650 and --first-seed at least 1");
        }
        SynthesisEvaluation evaluation = new SynthesisEvaluation(SynthesisSettings.defaults());
        List<Long> all = LongStream.range(firstSeed, firstSeed + seeds).boxed().toList();
        spec.commandLine().getOut().print(evaluation.markdown(evaluation.run(all, days), days));
        spec.commandLine().getOut().flush();
        return ForesightCli.OK;
    }
}
