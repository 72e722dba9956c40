/**
 * A deterministic simulated company: fleet telemetry, deployments (with ground truth of failures and
 * their warning signs), workflows, CI pipelines and health checks on one simulated clock. Entry point:
 * {@link dev.foresight.producers.sim.Simulation#builder()}.
 */
package dev.foresight.producers.sim;
