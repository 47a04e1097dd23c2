package dev.gauntlet.config;

import dev.gauntlet.environment.EnvironmentSpec;
import dev.gauntlet.environment.Reach;
import dev.gauntlet.environment.ServiceSpec;
import dev.gauntlet.fault.FaultSpec;
import dev.gauntlet.probe.ProbeKind;
import dev.gauntlet.probe.SecuritySpec;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads what the gate may reach and do: {@code targets} (hosts besides loopback), {@code production} and
 * {@code allow} (opt-ins on a shared environment), and holds the rest of the file to them: a service URL on a host
 * not listed, probes that write or faults on a shared environment without an opt-in, or any of them on production.
 *
 * <pre>{@code
 * kind: external
 * targets: [orders.staging.example, 10.20.0.7]
 * production: false
 * allow: {writeProbes: true, faults: false}
 * }</pre>
 */
final class ReachFields {
    /**
     * The probe kinds that may change or strain a shared system: a second identity's change, undeclared fields
     * stored, provider states set up, operations sent as the wrong role, injection-shaped values, undocumented
     * methods, oversized requests.
     */
    static final Set<ProbeKind> WRITING = EnumSet.of(ProbeKind.BOLA, ProbeKind.MASS_ASSIGNMENT,
            ProbeKind.NESTED_MASS_ASSIGNMENT, ProbeKind.LIST_AUTHORIZATION, ProbeKind.FUNCTION_AUTHORIZATION,
            ProbeKind.PARAMETER_INJECTION, ProbeKind.INVENTORY, ProbeKind.RESOURCE_LIMITS);
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\\.?");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private ReachFields() {
    }

    static Reach reach(Node root) {
        List<String> targets = new ArrayList<>();
        for (Node t : root.list("targets")) {
            String host = t.text().trim().toLowerCase(Locale.ROOT);
            if (!isHost(host)) {
                throw t.error("expected a host name or an IP address (no scheme, port or path), such as "
                        + "orders.staging.example or 10.20.0.7, got '" + t.text() + "'");
            }
            targets.add(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        }
        boolean production = root.bool("production", false);
        boolean writes = false;
        boolean faults = false;
        if (root.has("allow")) {
            Node allow = root.object("allow").only(Set.of("writeProbes", "faults"));
            writes = allow.bool("writeProbes", false);
            faults = allow.bool("faults", false);
            if (production && (writes || faults)) {
                throw allow.error("refused: this environment is marked production: true, where the gate never runs "
                        + "probes that write or faults; remove allow, or gate a staging copy");
            }
        }
        return new Reach(targets, production, writes, faults);
    }

    private static boolean isHost(String h) {
        if (h.startsWith("[") && h.endsWith("]")) {
            return h.length() > 2 && h.substring(1, h.length() - 1).matches("[0-9a-f:.]+") && h.contains(":");
        }
        if (h.contains(":")) {
            return h.matches("[0-9a-f:.]+") && h.indexOf(':') != h.lastIndexOf(':'); // IPv6, not host:port
        }
        return IPV4.matcher(h).matches() || NAME.matcher(h).matches();
    }

    /** A service's {@code url}: http(s), a host that is loopback or in {@code targets}, no query. */
    static URI url(Node service, Reach reach) {
        Node field = service.field("url");
        String text = service.text("url");
        URI url;
        try {
            url = new URI(text);
        } catch (java.net.URISyntaxException e) {
            throw field.error("expected a URL such as https://orders.staging.example, got '" + text + "'");
        }
        if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null
                || url.getQuery() != null || url.getFragment() != null) {
            throw field.error("expected an http or https URL with a host and no query, such as "
                    + "https://orders.staging.example, got '" + text + "'");
        }
        if (url.getPath() != null && !url.getPath().isEmpty() && !url.getPath().equals("/")) {
            throw field.error("expected the API's root URL without a path (a path prefix such as " + url.getPath()
                    + " is not supported yet), got '" + text + "'");
        }
        String host = url.getHost().toLowerCase(Locale.ROOT);
        host = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (!loopback(host) && !reach.targets().contains(host)) {
            throw field.error("refused: host " + host + " is not in targets (" + (reach.targets().isEmpty() ? "none"
                    : String.join(", ", reach.targets())) + "); the gate reaches only loopback and the hosts "
                    + "listed in targets: add it there if it is meant to be gated");
        }
        return url;
    }

    private static boolean loopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
    }

    /**
     * The security probes as they run here: on a shared environment without {@code allow.writeProbes}, the ones that
     * write are left out (the dry run says so).
     */
    static SecuritySpec security(SecuritySpec read, EnvironmentSpec environment) {
        Reach reach = environment.reach();
        if (!environment.shared() || reach.allowWriteProbes()) {
            return read;
        }
        Set<ProbeKind> kinds = EnumSet.noneOf(ProbeKind.class);
        kinds.addAll(read.kinds());
        kinds.removeAll(WRITING);
        return new SecuritySpec(read.enabled(), kinds, read.identities(), read.publicOperations(), read.maxProbes(),
                read.timeout(), read.baseline(), read.duringFaults());
    }

    /** Faults on a shared environment need {@code allow.faults}, and are refused on production. */
    static List<FaultSpec> faults(Node root, List<FaultSpec> faults, EnvironmentSpec environment) {
        Reach reach = environment.reach();
        if (faults.isEmpty()) {
            return faults;
        }
        if (reach.production()) {
            throw root.field("faults").error("refused: this environment is marked production: true, where the gate "
                    + "never injects faults; remove the faults, or gate a staging copy");
        }
        if (environment.shared() && !reach.allowFaults()) {
            throw root.field("faults").error("this environment is shared (kind: " + environment.kind() + "): faults "
                    + "act on services others use; opt in with allow: {faults: true}, or remove them");
        }
        return faults;
    }

    /** What a service of a URL-reached kind is. */
    static ServiceSpec external(String name, Node s, Reach reach, boolean underTest, List<String> dependsOn,
                                java.time.Duration startTimeout, String health) {
        return ServiceSpec.external(name, url(s, reach), health, underTest, dependsOn, startTimeout);
    }
}
