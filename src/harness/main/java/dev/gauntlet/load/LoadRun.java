package dev.gauntlet.load;

import dev.gauntlet.files.RunFiles;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.http.HttpDsl.status;

import dev.gauntlet.units.Units;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What a simulation sees of the gate: the target's URL, the settings from the environment file, and
 * {@link #request} which wraps a Gatling request so that every answer and every failure is recorded.
 *
 * <p>Gatling instantiates simulations itself, so the load worker hands the run over through {@link #current()}
 * (one run per worker JVM). Outside a gate (e.g. {@code mvn gatling:test}) a run is made from system properties
 * {@code gauntlet.baseUrl}, {@code gauntlet.out}, {@code gauntlet.plan} and {@code gauntlet.setting.*}.
 */
public final class LoadRun {
    /** Session key of the virtual user's {@link InFlight}. */
    private static final String IN_FLIGHT = "gauntlet.inFlight";
    /**
     * Prefix of operations the harness itself sends to prepare traffic (provider-state set-ups): recorded and shown
     * like any other, but left out of objectives that score all operations, which are about the API's own traffic.
     */
    public static final String SET_UP = "set-up ";
    private static LoadRun current;

    private final String baseUrl;
    private final Map<String, String> settings;
    private final LoadRecorder recorder;
    private final Path out;
    private final LoadPlan givenPlan;
    private final ResponseTap tap;
    private InjectorSlot injector = InjectorSlot.ALONE;
    private volatile LoadPlan plan;
    private PhaseClock clock;
    private PhaseRules rules = PhaseRules.NONE;
    private volatile boolean started;
    private final boolean declaring;
    private final Map<String, Setting> declared = new LinkedHashMap<>();

    LoadRun(String baseUrl, Map<String, String> settings, LoadRecorder recorder) {
        this(baseUrl, settings, recorder, Path.of("target/gauntlet/load"), null);
    }

    LoadRun(String baseUrl, Map<String, String> settings, LoadRecorder recorder, Path out, LoadPlan givenPlan) {
        this(baseUrl, settings, recorder, out, givenPlan, new ResponseTap(out, false, 0, 0, 0, 0), false);
    }

    LoadRun(String baseUrl, Map<String, String> settings, LoadRecorder recorder, Path out, LoadPlan givenPlan,
            ResponseTap tap, boolean declaring) {
        this.tap = tap;
        this.declaring = declaring;
        this.baseUrl = baseUrl;
        this.settings = Map.copyOf(settings);
        this.recorder = recorder;
        this.out = out;
        this.givenPlan = givenPlan;
    }

    /** The run of this JVM. */
    public static synchronized LoadRun current() {
        if (current == null) {
            current = fromSystemProperties(System.getProperties());
        }
        return current;
    }

    static synchronized void install(LoadRun run) {
        current = run;
    }

    static LoadRun fromSystemProperties(Properties props) {
        return fromSystemProperties(props, false);
    }

    static LoadRun fromSystemProperties(Properties props, boolean declaring) {
        String baseUrl = props.getProperty("gauntlet.baseUrl", "http://127.0.0.1:8080");
        Path out = Path.of(props.getProperty("gauntlet.out", "target/gauntlet/load"));
        Map<String, String> settings = new TreeMap<>();
        props.stringPropertyNames().stream().filter(k -> k.startsWith("gauntlet.setting."))
                .forEach(k -> settings.put(k.substring("gauntlet.setting.".length()), props.getProperty(k)));
        String plan = props.getProperty("gauntlet.plan");
        LoadRun run = new LoadRun(baseUrl, settings, new LoadRecorder(out.resolve(RunFiles.HISTOGRAMS), System.out,
                System::currentTimeMillis), out, plan == null || plan.isBlank() ? null : LoadPlan.decode(plan),
                ResponseTap.fromProperties(props, out), declaring);
        run.injector = InjectorSlot.fromProperties(props, out);
        run.rules = PhaseRules.read(out);
        return run;
    }

    /**
     * The plan of the environment file's {@code load.plan} ({@code -Dgauntlet.plan}), if it has one: it replaces the
     * plan a simulation passes to {@code run(plan, scenario)}.
     */
    public Optional<LoadPlan> givenPlan() {
        return Optional.ofNullable(givenPlan);
    }

    /** The worker's output folder ({@code RUN/load}), where the gate leaves what the worker needs. */
    Path out() {
        return out;
    }

    /** Which injector of how many this worker is (one, alone, outside {@code load.injectors}). */
    InjectorSlot injector() {
        return injector;
    }

    /** Whether {@code operation} is harness set-up traffic rather than an operation of the API. */
    public static boolean isSetUp(String operation) {
        return operation.startsWith(SET_UP);
    }

    /** Base URL of the provider under test, e.g. {@code http://127.0.0.1:41234}. */
    public String baseUrl() {
        return baseUrl;
    }

    /** A setting from the environment file's {@code load.settings}, or {@code fallback}. */
    public String setting(String name, String fallback) {
        return setting(name, fallback, "");
    }

    /**
     * A text setting from the environment file's {@code load.settings}, or {@code fallback}; declares it with its
     * meaning ({@code gauntlet settings SIMULATION} lists it, and the gate checks {@code load.settings} against it).
     */
    public String setting(String name, String fallback, String meaning) {
        declare(new Setting(name, Setting.Type.TEXT, fallback, meaning));
        return settings.getOrDefault(name, fallback);
    }

    /** A rate setting in arrivals per second ({@code 30/s} or {@code 30}). */
    public double rate(String name, double fallback) {
        return rate(name, fallback, "");
    }

    /** A rate setting in arrivals per second ({@code 30/s} or {@code 30}), declared with its meaning. */
    public double rate(String name, double fallback, String meaning) {
        return typed(name, fallback, Setting.Type.RATE, Units.formatRate(fallback), meaning, Units::rate);
    }

    /** A number setting ({@code 50}). */
    public double number(String name, double fallback, String meaning) {
        return typed(name, fallback, Setting.Type.NUMBER, fallback == Math.rint(fallback)
                ? String.valueOf((long) fallback) : String.valueOf(fallback), meaning, Setting.Type::number);
    }

    /**
     * How long a phase lasts ({@code 30s}; {@code 10s..60s}: it ends when its objectives are decided; {@code auto} for
     * a warm-up that ends when latency settles), declared with its meaning.
     */
    public Span length(String name, Duration fallback, String meaning) {
        return length(name, Span.of(fallback), meaning);
    }

    /** A phase's length ({@code 30s}, {@code 10s..60s}, {@code auto}). */
    public Span length(String name, Duration fallback) {
        return length(name, fallback, "");
    }

    /** As {@link #length(String, Duration, String)}, with a ranged default. */
    public Span length(String name, Span fallback, String meaning) {
        return typed(name, fallback, Setting.Type.LENGTH, fallback.toString(), meaning, Span::parse);
    }

    /** A duration setting ({@code 250ms}, {@code 30s}, {@code 5m}, {@code 1h}). */
    public Duration duration(String name, Duration fallback) {
        return duration(name, fallback, "");
    }

    /** A duration setting ({@code 250ms}, {@code 30s}, {@code 5m}, {@code 1h}), declared with its meaning. */
    public Duration duration(String name, Duration fallback, String meaning) {
        return typed(name, fallback, Setting.Type.DURATION, Units.format(fallback), meaning, Units::duration);
    }

    /** A comma-separated list setting. */
    public List<String> list(String name, String fallback) {
        return list(name, fallback, "");
    }

    /** A comma-separated list setting, declared with its meaning. */
    public List<String> list(String name, String fallback, String meaning) {
        declare(new Setting(name, Setting.Type.LIST, fallback, meaning));
        return Arrays.stream(settings.getOrDefault(name, fallback).split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).toList();
    }

    /** The settings the simulation has read so far, in the order it first read them. */
    public synchronized List<Setting> declaredSettings() {
        return List.copyOf(declared.values());
    }

    private synchronized void declare(Setting setting) {
        Setting earlier = declared.putIfAbsent(setting.name(), setting);
        if (earlier != null && earlier.meaning().isEmpty() && !setting.meaning().isEmpty()) {
            declared.put(setting.name(), new Setting(earlier.name(), earlier.type(), earlier.defaultValue(),
                    setting.meaning()));
        }
    }

    /** Parses a set value; in a dry run a bad one falls back (the gate reports it), in a run it is an error. */
    /** Declares a typed setting shown as {@code shown} by default; its value as set, or {@code fallback}. */
    private <T> T typed(String name, T fallback, Setting.Type type, String shown, String meaning,
                        java.util.function.Function<String, T> parse) {
        declare(new Setting(name, type, shown, meaning));
        String v = settings.get(name);
        return v == null ? fallback : read(name, fallback, () -> parse.apply(v));
    }

    private <T> T read(String name, T fallback, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            if (declaring) {
                return fallback;
            }
            throw new IllegalArgumentException("load.settings." + name + ": " + e.getMessage());
        }
    }

    /** Whether this run only declares (a dry run that builds the plan and starts nothing). */
    public boolean declaring() {
        return declaring;
    }

    /** The plan the simulation set up (in a dry run: what it would run), or null before it did. */
    public LoadPlan plan() {
        return plan;
    }

    /** Gatling's HTTP protocol for the target: pooled connections shared by all virtual users. */
    public HttpProtocolBuilder http() {
        return io.gatling.javaapi.http.HttpDsl.http.baseUrl(baseUrl)
                .acceptHeader("application/json")
                .shareConnections()
                .disableCaching();
    }

    /**
     * Wraps {@code request} so that its answer (status, Gatling's response time) or its failure (no answer, with
     * the elapsed time) is recorded under {@code operation}. Gatling marks 5xx as KO; the harness scores its own
     * records.
     *
     * <p>This runs for every request, so it touches Gatling's (immutable) session once per virtual user, not per
     * request: a mutable {@link InFlight} kept in the session carries the request's start to the answer, and the
     * answer's status and timing (taken from the response itself, the last of a redirect chain) to the step after
     * the request, which records it. No check saves anything; the one status check is what plain Gatling has too.
     *
     * @param operation method and path template, e.g. {@code GET /orders/{id}} — not the raw path
     */
    public ChainBuilder request(String operation, HttpRequestActionBuilder request) {
        int op = recorder.operation(operation);
        LoadRecorder rec = recorder;
        ResponseTap t = isSetUp(operation) || !tap.active() ? null : tap;
        String method = operation.split(" ", 2)[0].toUpperCase(java.util.Locale.ROOT);
        HttpRequestActionBuilder answered = request.transformResponse((response, session) -> {
            InFlight f = InFlight.of(session, IN_FLIGHT);
            if (f != null) {
                f.answer(response);
            }
            if (t != null) { // writes (durability) and sampled answers (conformance) for the checks after the load
                t.observe(op, operation, method, response);
            }
            return response;
        });
        return exec(session -> {
                    long now = System.currentTimeMillis();
                    if (!started) {
                        startClock(now);
                    }
                    InFlight f = InFlight.of(session, IN_FLIGHT);
                    if (f == null) { // the visit's first request: its only copy of the session
                        f = new InFlight(now);
                        session = session.set(IN_FLIGHT, f);
                    }
                    f.send(now);
                    return session;
                })
                .exec(answered.check(status().lt(500)))
                .exec(session -> {
                    InFlight f = InFlight.of(session, IN_FLIGHT);
                    if (f.status == 0) {
                        rec.record(op, f.start, Outcome.NO_RESPONSE, (System.currentTimeMillis() - f.start) * 1000);
                        if (t != null) {
                            t.noAnswer(operation, method, f.start);
                        }
                    } else {
                        rec.record(op, f.start, Outcome.of(f.status, f.retryAfter), f.millis * 1000L);
                    }
                    return session;
                });
    }

    /** Appended to a scenario by {@link GauntletSimulation}: counts the visit by the phase it started in. */
    ChainBuilder endOfVisit() {
        LoadRecorder rec = recorder;
        return exec(session -> {
            InFlight f = InFlight.of(session, IN_FLIGHT);
            if (f != null) {
                rec.visit(f.visit);
            }
            return session;
        });
    }

    /** Called by {@link GauntletSimulation} before injection: the plan whose phases the clock will lay out. */
    void use(LoadPlan plan) {
        this.plan = plan;
    }

    /**
     * The clock of {@code plan}'s phases as they really end, which its injection follows when some phase is ranged
     * (the same clock for the same plan).
     */
    synchronized PhaseClock clock(LoadPlan plan) {
        if (clock == null || clock.plan() != plan) {
            clock = new PhaseClock(plan, timeline -> {
                recorder.retime(timeline);
                LoadWorker.announce(timeline, recorder.operations());
            });
        }
        return clock;
    }

    /**
     * Starts the phase clock at the first request, not at Gatling's {@code before()}: injection starts a few
     * hundred milliseconds after that, and a clock started early would shift every phase boundary.
     */
    private synchronized void startClock(long now) {
        if (started || plan == null) {
            return;
        }
        if (plan.ranged()) { // the phases end as the clock decides: the clock announces each timeline
            PhaseClock c = clock(plan);
            recorder.start(c.start(now));
            recorder.watch(new PhaseDecider(c, rules, recorder::operations));
        } else {
            Timeline timeline = Timeline.of(plan, now);
            recorder.start(timeline);
            LoadWorker.announce(timeline, recorder.operations());
        }
        started = true;
    }

    LoadRecorder recorder() {
        return recorder;
    }

    ResponseTap tap() {
        return tap;
    }
}
