package dev.gauntlet.config;

import static dev.gauntlet.config.FileModel.duration;
import static dev.gauntlet.config.FileModel.flag;
import static dev.gauntlet.config.FileModel.span;
import static dev.gauntlet.config.FileModel.list;
import static dev.gauntlet.config.FileModel.operation;
import static dev.gauntlet.config.FileModel.percent;
import static dev.gauntlet.config.FileModel.phase;
import static dev.gauntlet.config.FileModel.scalar;
import static dev.gauntlet.config.FileModel.text;
import static dev.gauntlet.config.FileModel.whole;

import dev.gauntlet.load.LoadSpec;
import java.util.List;

/** The larger sections of {@link FileModel}: contracts, load, objectives, faults and security. */
final class FileModelParts {
    private FileModelParts() {
    }

    static Shape.Fields contracts() {
        return new FileModel.Builder()
                .put("enabled", flag("verify the contracts (on by default when present)"))
                .put("folder", text("the folder of Pact files (default contracts)"))
                .put("stateChangePath", text("the provider's state-change path, e.g. /_gauntlet/provider-state", "^/.*"))
                .put("openapi", text("the OpenAPI document: a path on the provider (/openapi.json) or a file"))
                .put("coverageIgnore", list("operations no contract needs to cover",
                        operation("an operation such as GET /admin/customers")))
                .put("allowExposure", list("response fields returned on purpose though no contract reads them",
                        new FileModel.Builder()
                                .put("operation", text("'METHOD /path' or '*'"))
                                .put("field", text("a field path with arrays as [], e.g. items[].name"))
                                .put("reason", text("why exposing it is fine"))
                                .done("an allowed field", "operation", "field", "reason")))
                .put("broker", broker())
                .done("consumer contracts (Pact) verified against the API under test");
    }

    private static Shape.Fields broker() {
        FileModel.Builder selector = new FileModel.Builder();
        for (String f : List.of("mainBranch", "matchingBranch", "deployedOrReleased", "deployed", "released", "latest")) {
            selector.put(f, flag(f));
        }
        for (String t : List.of("branch", "fallbackBranch", "environment", "tag", "fallbackTag", "consumer")) {
            selector.put(t, text(t));
        }
        return new FileModel.Builder()
                .put("url", text("the broker's http(s) base URL", "^https?://.+"))
                .put("token", text("the NAME of the variable holding the token (default PACT_BROKER_TOKEN)"))
                .put("username", text("the NAME of the variable holding the user name"))
                .put("password", text("the NAME of the variable holding the password"))
                .put("selectors", list("consumer version selectors", new Shape.Either("a shorthand or a selector",
                        List.of(new Shape.Choice("a shorthand", List.of("deployedOrReleased", "mainBranch",
                                "matchingBranch")), selector.done("a consumer version selector")))))
                .put("enablePending", flag("pending pacts do not fail the gate"))
                .put("includeWipPactsSince", text("work-in-progress pacts since this date, e.g. 2026-01-01"))
                .put("providerVersion", text("the provider version results are published for, e.g. ${GIT_COMMIT}"))
                .put("providerBranch", text("the provider's branch"))
                .put("publishResults", flag("publish the verification results"))
                .done("pacts from a Pact Broker", "url");
    }

    static Shape.Fields load() {
        Shape quantities = new FileModel.Builder().put("cpu", scalar("e.g. \"1\" or 500m"))
                .put("memory", scalar("e.g. 1536Mi")).put("ephemeral-storage", scalar("e.g. 1Gi"))
                .done("Kubernetes resource quantities");
        return new FileModel.Builder()
                .put("enabled", flag("run the load (on by default when present)"))
                .put("simulation", text("a Gatling simulation class, e.g. SpikeSimulation"))
                .put("from", new Shape.Choice("traffic made from the contracts' interactions",
                        List.of(LoadSpec.CONTRACTS)))
                .put("mix", new Shape.MapOf("percent of the visits per operation ('METHOD /path'); the others share "
                        + "the rest", scalar("a percent such as 35")))
                .put("plan", list("the phases, in order", new FileModel.Builder()
                        .put("phase", phase("its name; warmup is not scored"))
                        .put("rate", scalar("visits per second such as 30/s, or a multiple of the previous phase's "
                                + "such as 6x"))
                        .put("duration", span("how long"))
                        .put("ramp", flag("ramp from the previous phase's rate"))
                        .put("scored", flag("whether objectives judge it"))
                        .done("a phase", "phase", "rate", "duration")))
                .put("settings", new Shape.MapOf("the simulation's settings", scalar("a value")))
                .put("timeout", duration("the most the load may take"))
                .put("injectors", new Shape.Either("load injectors: a count, or where they run", List.of(
                        new Shape.Number("injector processes", true, 1.0, null), new FileModel.Builder()
                                .put("count", whole("injectors", 1))
                                .put("on", new Shape.Choice("where they run", List.of("local", "kubernetes")))
                                .put("tolerance", percent("how far an injector's rate may fall short, e.g. 10%"))
                                .put("namespace", text("the namespace (on: kubernetes)"))
                                .put("image", text("the injector image (on: kubernetes)"))
                                .put("pullPolicy", new Shape.Choice("the image pull policy",
                                        List.of("IfNotPresent", "Always", "Never")))
                                .put("serviceAccount", text("the pods' service account"))
                                .put("requests", quantities)
                                .put("limits", quantities)
                                .put("nodeSelector", new Shape.MapOf("node labels", text("a label value")))
                                .put("tolerations", list("taints the pods tolerate", new FileModel.Builder()
                                        .put("key", text("the taint's key"))
                                        .put("operator", new Shape.Choice("how the value is compared",
                                                List.of("Equal", "Exists")))
                                        .put("value", text("the taint's value"))
                                        .put("effect", new Shape.Choice("the taint's effect",
                                                List.of("NoSchedule", "PreferNoSchedule", "NoExecute")))
                                        .put("seconds", duration("how long a NoExecute taint is tolerated"))
                                        .done("a toleration")))
                                .put("ttl", duration("how long the pods may live"))
                                .put("kubeconfig", text("the kubeconfig file"))
                                .put("context", text("the kubeconfig context"))
                                .done("injectors"))))
                .done("the load: a simulation class, or traffic from the contracts with a plan");
    }

    static Shape.Fields objective() {
        return new FileModel.Builder()
                .one("latency", text("a percentile below a limit, e.g. p95 < 250ms"))
                .one("errors", text("the error share below a limit, e.g. < 1%"))
                .one("errorBudget", text("an SLO target, e.g. 99.5%"))
                .one("rateLimit", text("admitted requests' percentile while limited, e.g. p99 < 300ms (with phase)"))
                .one("throughput", text("the share of the offered rate served, e.g. >= 95%"))
                .one("recovery", text("back to healthy within, e.g. < 10s"))
                .one("memoryGrowth", text("memory growth below, e.g. < 20MB/h (with service)"))
                .one("maxMemory", text("memory below, e.g. < 512MB (with service)"))
                .one("cpu", text("CPU percentile below, e.g. p95 < 80% (with service)"))
                .one("caching", text("a caching rule: private, validators or per-identity"))
                .one("health", text("the health endpoint tells the truth within, e.g. < 5s (with path)"))
                .one("metrics", text("a metric that must move, e.g. payments_errors_total (with path)"))
                .one("failover", text("requests failed while a replica is lost, e.g. <= 1%"))
                .put("name", text("the objective's name in reports"))
                .put("phase", phase("the load phase it judges"))
                .put("operation", text("'METHOD /path', or '*' for one result per operation"))
                .put("maxBurnRate", new Shape.Number("the fastest the error budget may burn", false, 0.0, null))
                .put("recoveredLatency", text("what recovered means, e.g. p99 < 500ms"))
                .put("recoveredErrors", text("what recovered means, e.g. < 1%"))
                .put("pending", new Shape.Number("passing runs before it may fail the gate", true, 1.0, 10_000.0))
                .put("service", text("the service measured"))
                .put("warmup", text("time before memory growth is measured, e.g. 10s"))
                .put("path", text("the HTTP path (health, metrics)"))
                .put("rerouteWithin", duration("how fast traffic moves off a lost replica"))
                .done("an objective");
    }

    static Shape.Fields fault() {
        return new FileModel.Builder()
                .put("service", text("the service the fault acts on"))
                .put("kind", new Shape.Choice("the fault", FileModel.faultKinds()))
                .put("phase", phase("the load phase it starts in"))
                .put("at", duration("when, from the phase's start"))
                .put("duration", duration("how long it lasts"))
                .put("latency", duration("added latency"))
                .put("latencyMax", duration("the most added latency (a random delay)"))
                .put("fraction", percent("the share of requests affected, e.g. 50%"))
                .put("status", new Shape.Number("the HTTP status answered", true, 100.0, 599.0))
                .put("through", new Shape.Choice("the gate's TCP proxy (network faults)", List.of(ServiceFields.PROXY)))
                .put("jitter", duration("latency jitter"))
                .put("rate", scalar("bandwidth, e.g. 10KB/s"))
                .put("delay", duration("delay before closing"))
                .done("a fault", "service", "kind");
    }

    static Shape.Fields security() {
        FileModel.Builder b = new FileModel.Builder()
                .put("enabled", flag("run the security probes (on with contracts)"))
                .put("publicOperations", list("operations that need no credentials", operation("an operation")))
                .put("maxProbes", whole("most probes sent", 1))
                .put("timeout", duration("how long the probes may take"))
                .put("baseline", text("a file of accepted findings"))
                .put("duringFaults", flag("probe while faults act"));
        for (String kind : FileModel.probeFields()) {
            b.put(kind, flag("the " + kind + " probes (on by default)"));
        }
        return b.done("security probes made from the contracts");
    }
}
