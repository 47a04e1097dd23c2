package dev.gauntlet.load;

import java.util.List;

/**
 * What a simulation declares when it is built without running (a dry run in the load worker JVM): the settings it
 * reads, the plan it would run and the operations it would send. The gate gets it before anything starts, to check
 * {@code load.settings}, phase names and operation names up front.
 *
 * @param simulation the fully qualified class name
 * @param settings   the settings it read, in order ({@link LoadRun#rate}, {@link LoadRun#duration} …)
 * @param plan       the plan it would run, {@link LoadPlan#encode() encoded}; empty when it could not be built
 * @param operations the operations it wraps with {@link LoadRun#request}
 * @param error      why the simulation could not be built, or null
 */
public record Declaration(String simulation, List<Setting> settings, String plan, List<String> operations,
                          String error) {
    /** The file the worker writes in its folder. */

    public Declaration {
        settings = List.copyOf(settings);
        operations = List.copyOf(operations);
        plan = plan == null ? "" : plan;
    }

    /** The plan, or null when the simulation could not build one. */
    public LoadPlan loadPlan() {
        return plan.isEmpty() ? null : LoadPlan.decode(plan);
    }

    /** Builds {@code className} in {@code run} (a declaring run) and says what it declared; never throws. */
    static Declaration of(String className, LoadRun run) {
        String error = null;
        try {
            Class<?> type = Class.forName(className);
            if (!GauntletSimulation.class.isAssignableFrom(type)) {
                error = className + " does not extend " + GauntletSimulation.class.getName()
                        + " (its plan and requests must go through run(plan, scenario) and run.request)";
            } else {
                type.getDeclaredConstructor().newInstance();
                if (run.plan() == null) {
                    error = className + " never called run(plan, scenario)";
                }
            }
        } catch (java.lang.reflect.InvocationTargetException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            error = className + " could not be built: " + describe(cause);
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            error = className + " could not be built: " + describe(e);
        }
        return new Declaration(className, run.declaredSettings(), run.plan() == null ? "" : run.plan().encode(),
                run.recorder().operations(), error);
    }

    private static String describe(Throwable t) {
        Throwable root = t;
        while ((root instanceof ExceptionInInitializerError || root instanceof java.lang.reflect.InvocationTargetException)
                && root.getCause() != null) {
            root = root.getCause();
        }
        if (root instanceof IllegalArgumentException || root instanceof IllegalStateException) {
            return root.getMessage();
        }
        java.io.StringWriter trace = new java.io.StringWriter();
        root.printStackTrace(new java.io.PrintWriter(trace));
        System.err.println(trace);
        StackTraceElement at = root.getStackTrace().length == 0 ? null : root.getStackTrace()[0];
        return root + (at == null ? "" : " at " + at);
    }
}
