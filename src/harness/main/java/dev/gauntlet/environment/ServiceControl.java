package dev.gauntlet.environment;

/**
 * What a fault can do to one running service; each {@link EnvironmentProvider}'s environment implements it its own
 * way (signals to a process, the engine's API for a container …). Every action returns once it has taken effect;
 * {@link #start()} and {@link #restart()} return when the service is healthy again.
 */
public interface ServiceControl {

    /** Graceful stop: connections are refused until {@link #start()}. */
    void stop();

    /** Starts a stopped or killed service again on the same port and waits for its health URL. */
    void start();

    /** Freezes the service: connections are accepted but never answered. */
    void pause();

    /** Unfreezes a paused service. */
    void resume();

    /** Hard kill: no graceful shutdown; {@link #start()} brings it back. */
    void kill();

    /** Stop, then start. */
    default void restart() {
        stop();
        start();
    }

    /**
     * Which instance of the service runs now, e.g. {@code pid 4711}: it changes when the service is started again,
     * so that a restart can be seen to have happened. Null when nothing runs or it is not known.
     */
    default String instance() {
        return null;
    }
}
