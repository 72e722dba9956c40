package dev.foresight.producers.sim;

import dev.foresight.producers.CountingEventSink;
import dev.foresight.producers.EventCounters;
import dev.foresight.producers.EventSink;
import dev.foresight.producers.Pacer;
import dev.foresight.producers.Speedup;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/**
 * A simulated company on one clock: fleet telemetry, deployments, workflows, CI pipelines, health
 * checks and the inference requests and heartbeats of a local fleet, all driven by the same seed. The
 * same seed and start time always produce the same events.
 *
 * <pre>{@code
 * Simulation simulation = Simulation.builder().seed(7).services(4).hostsPerService(3)
 *         .speedup(Speedup.parse("60")).deploymentFailureRate(0.3).build();
 * simulation.run(sink, stopRequested::get);          // until stopped
 * simulation.runFor(Duration.ofHours(6), sink);      // or a fixed stretch of simulated time
 * }</pre>
 *
 * Runs continue where the previous one stopped. Not thread-safe, except {@link #counters()} and
 * {@link #groundTruth()}, which may be read while another thread runs the simulation.
 */
public final class Simulation {

    private static final long APPLY_OUTCOME_SALT = 0x5eed_a991_1ed0_0c0eL;

    private final SimulationSettings settings;
    private final EventScheduler scheduler;
    private final FleetLayout layout;
    private final DeploymentGroundTruth groundTruth = new DeploymentGroundTruth();
    private final EventCounters counters = new EventCounters();
    private final PipelineExecutorSimulator executor;

    private Simulation(SimulationSettings settings, OrchestratedServices orchestrated, ServiceFaults faults,
                       boolean pipelineSynthesis) {
        this.settings = settings;
        this.scheduler = new EventScheduler(settings.start().toEpochMilli());
        SimIds ids = new SimIds(settings.seed(), settings.start().toEpochMilli());
        // One independent stream per part, so changing one simulator does not reshuffle the others.
        SplittableRandom root = new SplittableRandom(settings.seed());
        this.layout = FleetLayout.generate(settings.services(), settings.hostsPerService(), new SimRandom(root.split()));
        FleetState fleet = new FleetState(layout, new SimRandom(root.split()));
        TelemetrySimulator telemetry = new TelemetrySimulator(scheduler, fleet, new SimRandom(root.split()), ids);
        telemetry.start();
        new DeploymentSimulator(scheduler, fleet, new SimRandom(root.split()), applyOutcomes(settings.seed()), ids,
                groundTruth, settings).start();
        new WorkflowSimulator(scheduler, new SimRandom(root.split()), ids, settings).start();
        new PipelineSimulator(scheduler, layout, new SimRandom(root.split()), ids).start();
        new HealthCheckSimulator(scheduler, fleet, new SimRandom(root.split()), ids).start();
        FleetHealth fleetHealth = new FleetHealth();
        new FleetHeartbeatSimulator(scheduler, fleetHealth, new SimRandom(root.split()), ids).start();
        new FleetRequestSimulator(scheduler, fleetHealth, new SimRandom(root.split()), ids).start();
        if (orchestrated != null) {
            new OrchestrationSimulator(scheduler, new SimRandom(root.split()), ids, orchestrated, faults).start();
        }
        this.executor = pipelineSynthesis ? pipelineSynthesis(root, ids, telemetry) : null;
    }

    /**
     * Ramps for the synthesizer to see coming and an executor that follows its commands; their random
     * streams are split last, so every other part draws as before.
     */
    private PipelineExecutorSimulator pipelineSynthesis(SplittableRandom root, SimIds ids, TelemetrySimulator telemetry) {
        TrafficRamps ramps = new TrafficRamps(scheduler, new SimRandom(root.split()));
        ramps.start(layout.services());
        telemetry.withRamps(ramps);
        PipelineExecutorSimulator pipelines = new PipelineExecutorSimulator(scheduler, new SimRandom(root.split()), ids);
        pipelines.start(layout.services());
        return pipelines;
    }

    /**
     * Seeded apart from the root, not split from it: a split would shift every stream split after it, and
     * the measured evaluations would no longer replay the same deployments.
     */
    private static SimRandom applyOutcomes(long seed) {
        return new SimRandom(new SplittableRandom(seed ^ APPLY_OUTCOME_SALT));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Runs until {@code stop} returns true (checked before every event and while pacing). */
    public void run(EventSink sink, BooleanSupplier stop) {
        runUntil(Long.MAX_VALUE, sink, stop);
    }

    /**
     * Runs the next {@code simulated} stretch of simulated time.
     *
     * @return false if {@code stop} ended the run early
     */
    public boolean runFor(Duration simulated, EventSink sink, BooleanSupplier stop) {
        return runUntil(scheduler.now() + simulated.toMillis(), sink, stop);
    }

    public boolean runFor(Duration simulated, EventSink sink) {
        return runFor(simulated, sink, () -> false);
    }

    private boolean runUntil(long endMs, EventSink sink, BooleanSupplier stop) {
        boolean completed = scheduler.runUntil(endMs, new CountingEventSink(sink, counters),
                Pacer.system(settings.speedup()), stop);
        sink.flush();
        return completed;
    }

    /** The simulated clock. */
    public Instant now() {
        return Instant.ofEpochMilli(scheduler.now());
    }

    /** Events sent so far, per topic. */
    public EventCounters counters() {
        return counters;
    }

    /** Which deployments failed, where, and when their warning signs began. */
    public DeploymentGroundTruth groundTruth() {
        return groundTruth;
    }

    /** The simulated pipeline executor, when the simulation was built with {@link Builder#pipelineSynthesis}. */
    public Optional<PipelineExecutorSimulator> pipelineExecutor() {
        return Optional.ofNullable(executor);
    }

    /** Services, hosts, dependencies and slow hosts. */
    public FleetLayout fleet() {
        return layout;
    }

    /** Settings with defaults sized for a laptop: 4 services × 3 hosts, 20% of deployments fail. */
    public static final class Builder {

        private long seed = 1;
        private Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        private int services = 4;
        private int hostsPerService = 3;
        private Speedup speedup = Speedup.MAX;
        private double deploymentFailureRate = 0.2;
        private double silentFailureFraction = 0.25;
        private Duration meanDeploymentInterval = Duration.ofMinutes(30);
        private Duration meanWorkflowInterval = Duration.ofMinutes(3);
        private OrchestratedServices orchestrated;
        private ServiceFaults faults = ServiceFaults.defaults();
        private boolean pipelineSynthesis;

        private Builder() {
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Simulated time of the first event; defaults to now, so set it for reproducible runs. */
        public Builder start(Instant start) {
            this.start = start;
            return this;
        }

        public Builder services(int services) {
            this.services = services;
            return this;
        }

        public Builder hostsPerService(int hostsPerService) {
            this.hostsPerService = hostsPerService;
            return this;
        }

        public Builder speedup(Speedup speedup) {
            this.speedup = speedup;
            return this;
        }

        /** Fraction of deployments that fail, in [0, 1]. */
        public Builder deploymentFailureRate(double deploymentFailureRate) {
            this.deploymentFailureRate = deploymentFailureRate;
            return this;
        }

        /** Fraction of failing deployments that fail without warning signs, in [0, 1]. */
        public Builder silentFailureFraction(double silentFailureFraction) {
            this.silentFailureFraction = silentFailureFraction;
            return this;
        }

        public Builder meanDeploymentInterval(Duration meanDeploymentInterval) {
            this.meanDeploymentInterval = meanDeploymentInterval;
            return this;
        }

        public Builder meanWorkflowInterval(Duration meanWorkflowInterval) {
            this.meanWorkflowInterval = meanWorkflowInterval;
            return this;
        }

        /** Also simulate these orchestrated services with the faults of {@link ServiceFaults#defaults()}. */
        public Builder orchestrated(OrchestratedServices services) {
            this.orchestrated = services;
            return this;
        }

        public Builder serviceFaults(ServiceFaults serviceFaults) {
            this.faults = serviceFaults;
            return this;
        }

        /** Also simulate traffic ramps and a pipeline executor that follows the synthesizer's commands. */
        public Builder pipelineSynthesis(boolean enabled) {
            this.pipelineSynthesis = enabled;
            return this;
        }

        public Simulation build() {
            return new Simulation(new SimulationSettings(seed, start, services, hostsPerService, speedup,
                    deploymentFailureRate, silentFailureFraction, meanDeploymentInterval, meanWorkflowInterval),
                    orchestrated, faults, pipelineSynthesis);
        }
    }
}
