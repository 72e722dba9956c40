/**
 * Service orchestration without Kafka: the service graph and its startup plan, the composite health
 * score, SLA windows, restart backoff, circuit breakers and the blue-green switch. Each is an immutable
 * state plus a pure transition, so the topology only loads, calls, stores and forwards.
 */
package dev.foresight.domain.orchestration;
