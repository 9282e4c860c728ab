package io.dvbridge.sandbox.limits;

import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Decides, from a seed, which requests fail on purpose and how. The n-th request drawn gets the same
 * answer for the same seed, so a sequential client sees the same faults run after run.
 */
public final class FaultInjector {

    public enum Fault { INTERNAL_ERROR, SERVICE_UNAVAILABLE, CONNECTION_RESET }

    private final double rate;
    private final SplittableRandom random;

    public FaultInjector(double rate, long seed) {
        if (rate < 0 || rate > 1) {
            throw new IllegalArgumentException("fault rate must be between 0 and 1, was " + rate);
        }
        this.rate = rate;
        this.random = new SplittableRandom(seed);
    }

    public double rate() {
        return rate;
    }

    public synchronized Optional<Fault> next() {
        if (rate == 0) {
            return Optional.empty();
        }
        double draw = random.nextDouble();
        int kind = random.nextInt(3);
        return draw < rate ? Optional.of(Fault.values()[kind]) : Optional.empty();
    }
}
