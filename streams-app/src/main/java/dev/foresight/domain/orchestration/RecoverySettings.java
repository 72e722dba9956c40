package dev.foresight.domain.orchestration;

import java.time.Duration;

/**
 * @param failuresToRestart checks failed in a row before the first restart
 * @param successesToRecover checks passed in a row that end an incident
 * @param restartGrace       after a restart's delay, how long it gets to take effect before the next one
 * @param stableAfter        healthy this long, the backoff starts again from the first attempt
 */
public record RecoverySettings(int failuresToRestart, int successesToRecover, Duration restartGrace,
                               Duration stableAfter, Backoff backoff) {

    public RecoverySettings {
        if (failuresToRestart < 1 || successesToRecover < 1) {
            throw new IllegalArgumentException("failuresToRestart and successesToRecover must be >= 1");
        }
    }
}
