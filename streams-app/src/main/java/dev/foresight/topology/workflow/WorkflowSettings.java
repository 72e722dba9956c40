package dev.foresight.topology.workflow;

import dev.foresight.domain.workflow.AllocationPolicy;
import dev.foresight.domain.workflow.InterventionPolicy;
import dev.foresight.domain.workflow.PoolSettings;
import java.time.Duration;
import org.apache.kafka.streams.processor.PunctuationType;

/**
 * @param allocation         when to trust the model and what to reserve otherwise
 * @param pools              reservation pools and their capacity
 * @param deviationBound     relative error |actual - expected| / expected beyond which an action raises a
 *                           prediction-deviation alert
 * @param completedRetention how long a finished shadow stays queryable before it is deleted
 * @param abandonedAfter     a running shadow with no event for this long is closed as ABANDONED
 * @param sweepInterval      how often shadows and reservations are checked for expiry
 * @param sweepClock         STREAM_TIME follows event time (replays behave like live runs, but nothing
 *                           expires while no events arrive); WALL_CLOCK_TIME expires on an idle stream
 * @param checkpointEvery    the model is checkpointed after this many learned actions ...
 * @param checkpointInterval ... or at this interval (wall clock) when it learned anything since
 * @param lookAhead          each running workflow's forecast submits over this horizon are pre-warmed in its
 *                           pool; zero turns the look-ahead off
 * @param runs               how long and how many finished runs the run repository keeps
 * @param intervention       when a reservation waits for an operator, and for how long
 */
public record WorkflowSettings(AllocationPolicy allocation, PoolSettings pools, double deviationBound,
                               Duration completedRetention, Duration abandonedAfter, Duration sweepInterval,
                               PunctuationType sweepClock, int checkpointEvery, Duration checkpointInterval,
                               Duration lookAhead, RunRepositorySettings runs,
                               InterventionPolicy intervention) {

    public static WorkflowSettings defaults() {
        return new WorkflowSettings(AllocationPolicy.defaults(), PoolSettings.defaults(), 0.5,
                Duration.ofHours(1), Duration.ofHours(24), Duration.ofMinutes(1), PunctuationType.STREAM_TIME,
                100, Duration.ofSeconds(30), Duration.ofMinutes(10), RunRepositorySettings.defaults(),
                InterventionPolicy.defaults());
    }

    public WorkflowSettings withLookAhead(Duration horizon) {
        return new WorkflowSettings(allocation, pools, deviationBound, completedRetention, abandonedAfter,
                sweepInterval, sweepClock, checkpointEvery, checkpointInterval, horizon, runs, intervention);
    }

    public WorkflowSettings withPools(PoolSettings newPools) {
        return new WorkflowSettings(allocation, newPools, deviationBound, completedRetention, abandonedAfter,
                sweepInterval, sweepClock, checkpointEvery, checkpointInterval, lookAhead, runs, intervention);
    }

    public WorkflowSettings withAllocation(AllocationPolicy newAllocation) {
        return new WorkflowSettings(newAllocation, pools, deviationBound, completedRetention, abandonedAfter,
                sweepInterval, sweepClock, checkpointEvery, checkpointInterval, lookAhead, runs, intervention);
    }

    public WorkflowSettings withIntervention(InterventionPolicy newIntervention) {
        return new WorkflowSettings(allocation, pools, deviationBound, completedRetention, abandonedAfter,
                sweepInterval, sweepClock, checkpointEvery, checkpointInterval, lookAhead, runs, newIntervention);
    }

    public WorkflowSettings withRuns(RunRepositorySettings newRuns) {
        return new WorkflowSettings(allocation, pools, deviationBound, completedRetention, abandonedAfter,
                sweepInterval, sweepClock, checkpointEvery, checkpointInterval, lookAhead, newRuns, intervention);
    }
}
