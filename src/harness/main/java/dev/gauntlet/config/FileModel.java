package dev.gauntlet.config;

import dev.gauntlet.environment.EnvironmentProvider;
import dev.gauntlet.environment.EnvironmentProviders;
import dev.gauntlet.fault.NetworkFault;
import dev.gauntlet.probe.ProbeKind;
import dev.gauntlet.units.Units;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Every field of an environment file as data — its name, what it holds, the words it allows — from which
 * {@link EnvironmentSchema} writes {@code schema/environment.schema.json}. Closed sets of words come from the code
 * that reads them (environment kinds, fault kinds, probe kinds); {@code EnvironmentSchemaTest} drives the readers with
 * an unknown field in every mapping described here and fails when a reader accepts a field this model lacks, or the
 * other way round.
 */
final class FileModel {
    static final String DURATION = "^\\s*" + Units.DURATION_REGEX + "\\s*$";
    private static final String OPERATION = "^(GET|PUT|POST|DELETE|OPTIONS|HEAD|PATCH|TRACE) /\\S*$";
    private static final String PHASE = "^[a-z][a-z0-9-]*$";

    private FileModel() {
    }

    /** The whole file. */
    static Shape.Fields root() {
        return new Builder()
                .put("extends", text("another environment file this one builds on (relative to it), e.g. local.yaml; "
                        + "mappings merge, lists and values are replaced"))
                .put("name", text("the environment's name, shown in every report"))
                .put("kind", new Shape.Choice("where the services run (default local)",
                        EnvironmentProviders.all().stream().map(EnvironmentProvider::kind).toList()))
                .put("baseImage", text("the image the project's jar runs on (kind: containers)"))
                .put("services", new Shape.MapOf("the services by name; exactly one has underTest: true",
                        new Shape.Either("a started service (command or image) or an external one (url)",
                                List.of(service(false), service(true)))))
                .put("contracts", FileModelParts.contracts())
                .put("load", FileModelParts.load())
                .put("objectives", list("what must hold for a PASS; each item has exactly one kind",
                        FileModelParts.objective()))
                .put("faults", list("the fault schedule, on the load plan's clock", FileModelParts.fault()))
                .put("durability", new Builder().put("enabled", flag("on by default when present"))
                        .put("maxReads", whole("most reads of acknowledged writes after the run", 1))
                        .put("timeout", duration("how long the reads may take")).done("acknowledged writes survive"))
                .put("conformance", new Builder().put("enabled", flag("on by default when present"))
                        .put("everyAnswerUpTo", text("answers per second and operation checked in full, e.g. 50/s"))
                        .put("share", percent("share of the answers above that rate checked, e.g. 10%"))
                        .put("maxSamples", whole("most answers checked", 1))
                        .put("maxBroken", percent("share of broken answers tolerated, e.g. 0%"))
                        .done("answers under load checked against the OpenAPI document"))
                .put("identities", list("who the API knows and how each authenticates", new Builder()
                        .put("name", text("the identity's name, e.g. alice"))
                        .put("headers", new Shape.MapOf("the credential headers it sends", text("a header value")))
                        .put("roles", list("its roles (OAuth scopes of the OpenAPI document)", text("a role")))
                        .done("an identity", "name", "headers")))
                .put("security", FileModelParts.security())
                .put("prometheus", new Builder().put("enabled", flag("on by default when present"))
                        .put("pushgateway", text("the Pushgateway's http(s) URL"))
                        .put("job", text("the job label"))
                        .put("labels", new Shape.MapOf("grouping labels", text("a label value")))
                        .put("timeout", duration("how long the push may take"))
                        .put("usernameEnv", text("the NAME of the variable holding the user name"))
                        .put("passwordEnv", text("the NAME of the variable holding the password"))
                        .put("bearerTokenEnv", text("the NAME of the variable holding a bearer token"))
                        .done("push the run's figures to a Prometheus Pushgateway"))
                .put("history", text("the folder that keeps earlier runs, to compare this one with"))
                .put("regression", new Builder().put("enabled", flag("on by default when present"))
                        .put("percentile", scalar("the latency percentile compared, e.g. p95"))
                        .put("tolerance", percent("how much slower than earlier runs is tolerated, e.g. 20%"))
                        .put("runs", scalar("how many earlier runs are compared"))
                        .put("minRuns", scalar("how many earlier runs are needed to decide"))
                        .put("errors", percent("absolute rise of the error share tolerated, e.g. 1%"))
                        .put("maxSlowdown", scalar("the largest slowdown factor, e.g. 2x"))
                        .done("compared with earlier runs (needs history)"))
                .put("targets", list("hosts besides loopback the gate may reach (kind: external)",
                        text("a host name or IP address")))
                .put("production", flag("true refuses probes that write and faults"))
                .put("allow", new Builder().put("writeProbes", flag("probes that write on a shared environment"))
                        .put("faults", flag("faults on a shared environment")).done("opt-ins on a shared environment"))
                .done("a gauntlet environment file: services, contracts, load, objectives, faults", "name", "services");
    }

    /** A service of an environment of {@code kind}: reached by URL ({@code kind: external}) or started. */
    static Shape.Fields service(String kind) {
        return service(EnvironmentProviders.of(kind).reachedByUrl());
    }

    private static Shape.Fields service(boolean external) {
        Builder b = new Builder();
        if (external) {
            return b.put("url", text("the service's http(s) base URL (loopback or a host in targets)"))
                    .put("health", text("an HTTP path that answers 2xx when the service is ready", "^/.*"))
                    .put("underTest", flag("the API the gate judges (exactly one)"))
                    .put("dependsOn", list("services this one needs", text("a service's name")))
                    .put("startTimeout", duration("how long to wait for its health"))
                    .done("an API already deployed, reached by URL", "url", "health");
        }
        return b.put("command", list("program and arguments; ${port}, ${java}, ${classpath}, ${services.NAME.url} "
                        + "are replaced; ${cds} alone: a Java service's class-data archive", text("an argument")))
                .put("health", new Shape.Either("when the service is ready", List.of(
                        text("an HTTP path that answers 2xx, or 'port' (its port accepts a connection)", "^(/.*|port)$"),
                        new Builder().put("command", list("program and arguments", text("an argument")))
                                .done("a command that exits 0 when ready, e.g. pg_isready", "command"))))
                .put("env", new Shape.MapOf("environment variables", scalar("a value")))
                .put("underTest", flag("the API the gate judges (exactly one)"))
                .put("dependsOn", list("services started first", new Shape.Either("a service's name, or an edge "
                        + "through the gate's TCP proxy", List.of(text("a service's name"), new Builder()
                        .put("service", text("a service's name"))
                        .put("through", new Shape.Choice("the gate's TCP proxy, where network faults act",
                                List.of(ServiceFields.PROXY)))
                        .done("an edge through the proxy", "service")))))
                .put("startTimeout", duration("how long to wait for its health"))
                .put("image", text("an image to run (kind: containers)"))
                .put("jar", flag("run the project's jar on baseImage (kind: containers)"))
                .put("replicas", new Shape.Number("instances behind a load balancer (kind: local)", true, 1.0,
                        (double) ReplicaFields.MAX_REPLICAS))
                .put("balancer", new Builder().put("program", text("the HAProxy program"))
                        .put("check", text("the health check's HTTP path", "^/.*"))
                        .put("interval", duration("time between checks"))
                        .put("fall", whole("failed checks before a replica is out", 1))
                        .put("rise", whole("passed checks before it is back", 1))
                        .put("connectTimeout", duration("connect timeout"))
                        .put("serverTimeout", duration("server timeout"))
                        .put("retries", whole("retries of a failed connection", 0))
                        .put("redispatch", flag("retry on another replica"))
                        .done("the load balancer in front of the replicas"))
                .put("user", text("the user the container runs as"))
                .done("a service the gate starts", "health");
    }

    static Shape text(String description) {
        return new Shape.Text(description, null);
    }

    static Shape text(String description, String pattern) {
        return new Shape.Text(description, pattern);
    }

    static Shape duration(String description) {
        return new Shape.Text(description + " (" + Units.DURATION_EXAMPLES + ")", DURATION);
    }

    /** How long a phase lasts: a duration, a range {@code 10s..60s}, or {@code auto}. */
    static Shape span(String description) {
        return new Shape.Text(description + " (" + dev.gauntlet.load.Span.EXAMPLES + ")",
                "^\\s*(auto|" + Units.DURATION_REGEX + "(\\s*\\.\\.\\s*" + Units.DURATION_REGEX + ")?)\\s*$");
    }

    static Shape flag(String description) {
        return new Shape.Flag(description);
    }

    static Shape scalar(String description) {
        return new Shape.Scalar(description);
    }

    static Shape percent(String description) {
        return new Shape.Scalar(description);
    }

    static Shape whole(String description, int minimum) {
        return new Shape.Number(description, true, (double) minimum, null);
    }

    static Shape list(String description, Shape item) {
        return new Shape.ListOf(description, item);
    }

    static Shape operation(String description) {
        return text(description, OPERATION);
    }

    static Shape phase(String description) {
        return text(description, PHASE);
    }

    /** Every fault kind's label: process, HTTP and network faults. */
    static List<String> faultKinds() {
        return Stream.concat(FaultFields.labels().stream(), NetworkFault.labels().stream()).distinct().toList();
    }

    /** The fields that switch one security probe kind on or off. */
    static List<String> probeFields() {
        List<String> out = new ArrayList<>();
        for (ProbeKind k : ProbeKind.values()) {
            out.add(k.field());
        }
        return out;
    }

    /** Builds a {@link Shape.Fields} in file order. */
    static final class Builder {
        private final Map<String, Shape> fields = new LinkedHashMap<>();
        private final List<String> exactlyOne = new ArrayList<>();

        Builder put(String name, Shape shape) {
            fields.put(name, shape);
            return this;
        }

        /** A field of which the mapping must have exactly one among all so marked. */
        Builder one(String name, Shape shape) {
            exactlyOne.add(name);
            return put(name, shape);
        }

        Shape.Fields done(String description, String... required) {
            return new Shape.Fields(description, fields, List.of(required), List.copyOf(exactlyOne));
        }
    }
}
