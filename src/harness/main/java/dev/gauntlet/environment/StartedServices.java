package dev.gauntlet.environment;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The services an environment has started, in start order, and the one under test. */
final class StartedServices {
    private final List<RunningService> started = new ArrayList<>();
    private RunningService underTest;

    /**
     * Starts {@code specs} in order with {@code start}; when one cannot start, {@code close} stops what was started
     * and the failure is thrown on.
     */
    void startAll(List<ServiceSpec> specs, Function<ServiceSpec, RunningService> start, Runnable close) {
        try {
            for (ServiceSpec s : specs) {
                RunningService running = start.apply(s);
                started.add(running);
                if (s.underTest()) {
                    underTest = running;
                }
            }
        } catch (RuntimeException e) {
            close.run();
            throw e;
        }
    }

    /** The services started so far (live: placeholders of a later service name earlier ones). */
    List<RunningService> live() {
        return started;
    }

    List<RunningService> all() {
        return List.copyOf(started);
    }

    RunningService underTest() {
        return underTest;
    }
}
