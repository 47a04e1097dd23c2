package dev.gauntlet.fault;

import dev.gauntlet.environment.ServiceControl;

/** What each process-level fault kind does to a service through its {@link ServiceControl}, and how it is undone. */
final class ProcessFaults {
    private ProcessFaults() {
    }

    /** Switches {@code f} on; returns once it has taken effect. */
    static void on(ProcessFault f, ServiceControl c) {
        Runnable action = switch (f.kind()) {
            case STOP -> c::stop;
            case PAUSE -> c::pause;
            case RESTART -> c::restart;
            case KILL -> c::kill;
        };
        action.run();
    }

    /** Switches {@code f} off again: the service answers as before. */
    static void off(ProcessFault f, ServiceControl c) {
        Runnable action = switch (f.kind()) {
            case PAUSE -> c::resume;
            case STOP, KILL -> c::start;
            case RESTART -> () -> { }; // momentary: nothing is left to undo
        };
        action.run();
    }
}
