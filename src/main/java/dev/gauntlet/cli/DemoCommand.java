package dev.gauntlet.cli;

import dev.gauntlet.gate.Gate;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Starts a service of the bundled reference system (Orders API, Payments stub). The harness does not depend on
 * the reference system: it is found by name at run time.
 */
@Command(name = "demo", description = "Run a service of the bundled reference system: orders-api or payments "
        + "(try: demo orders-api --help).")
final class DemoCommand implements Callable<Integer> {
    static final String DEMO_MAIN = "dev.gauntlet.demo.Demo";
    /** Returned when the service is up and runs on in its own threads: the JVM must not exit. */
    static final int KEEP_RUNNING = -1;

    @Parameters(arity = "0..*", description = "arguments for the reference system")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        try {
            Class.forName(DEMO_MAIN).getMethod("main", String[].class).invoke(null, (Object) args.toArray(String[]::new));
            return KEEP_RUNNING;
        } catch (ClassNotFoundException e) {
            System.err.println("gauntlet: the reference system is not on the class path (" + DEMO_MAIN + ")");
            return Gate.USAGE;
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }
}
