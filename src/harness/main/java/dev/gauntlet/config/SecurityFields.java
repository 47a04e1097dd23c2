package dev.gauntlet.config;

import dev.gauntlet.probe.Baseline;
import dev.gauntlet.probe.Identity;
import dev.gauntlet.probe.ProbeKind;
import dev.gauntlet.probe.SecuritySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads {@code identities:} and {@code security:} (the security probes) of an environment file. */
final class SecurityFields {
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private SecurityFields() {
    }

    /**
     * @param contractsOn whether the contracts stage runs (the probes are made from it: on by default with it)
     * @param base        the folder relative files are read from (as {@code contracts.folder})
     */
    static SecuritySpec security(Node root, boolean contractsOn, java.nio.file.Path base) {
        List<Identity> identities = identities(root);
        if (!root.has("security")) {
            SecuritySpec d = SecuritySpec.defaults();
            return new SecuritySpec(contractsOn, d.kinds(), identities, List.of(), d.maxProbes(), d.timeout());
        }
        Set<String> fields = new HashSet<>(Set.of("enabled", "publicOperations", "maxProbes", "timeout", "baseline",
                "duringFaults"));
        for (ProbeKind k : ProbeKind.values()) {
            fields.add(k.field());
        }
        Node s = root.object("security").only(fields);
        boolean enabled = s.bool("enabled", true);
        if (enabled && !contractsOn && s.has("enabled")) {
            throw s.field("enabled").error("the security probes are made from the contracts, but contracts are "
                    + "not verified (contracts.enabled is false or contracts: is missing); set security.enabled: false "
                    + "or verify contracts");
        }
        Set<ProbeKind> kinds = EnumSet.noneOf(ProbeKind.class);
        for (ProbeKind k : ProbeKind.values()) {
            if (s.bool(k.field(), true)) {
                kinds.add(k);
            }
        }
        int maxProbes = SecuritySpec.DEFAULT_MAX_PROBES;
        if (s.has("maxProbes")) {
            double n = s.number("maxProbes");
            if (n < 1 || n != Math.rint(n)) {
                throw s.field("maxProbes").error("expected a whole number of probes of at least 1, got " + n);
            }
            maxProbes = (int) n;
        }
        Duration timeout = s.duration("timeout", SecuritySpec.DEFAULT_TIMEOUT);
        if (timeout.isZero() || timeout.isNegative()) {
            throw s.field("timeout").error("expected a positive duration such as 60s");
        }
        List<String> publicOperations = new ArrayList<>();
        for (Node n : s.list("publicOperations")) {
            publicOperations.add(ContractsFields.operation(n, n.text()));
        }
        Baseline baseline = null;
        if (s.has("baseline")) {
            String file = s.text("baseline").trim();
            if (file.isEmpty()) {
                throw s.field("baseline").error("expected the file of accepted findings, such as security-baseline.yaml");
            }
            try {
                baseline = Baseline.read(base.resolve(file));
            } catch (IllegalArgumentException e) {
                throw s.field("baseline").error(e.getMessage());
            }
        }
        return new SecuritySpec(enabled && contractsOn, kinds, identities, publicOperations, maxProbes, timeout,
                baseline, s.bool("duringFaults", false));
    }

    private static List<Identity> identities(Node root) {
        List<Identity> out = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        Map<String, String> credentialsSeen = new java.util.HashMap<>();
        for (Node i : root.list("identities")) {
            i.only(Set.of("name", "headers", "roles"));
            String name = i.text("name").trim();
            if (name.isEmpty()) {
                throw i.field("name").error("expected a name such as bob");
            }
            if (!names.add(name)) {
                throw i.field("name").error("two identities are named '" + name + "'");
            }
            if (!i.has("headers")) {
                throw i.field("headers").error("is required: the credential headers this identity sends, such as "
                        + "{Authorization: \"Bearer key-bob\"}");
            }
            Map<String, String> headers = i.textMap("headers");
            if (headers.isEmpty()) {
                throw i.field("headers").error("expected at least one header, such as {Authorization: \"Bearer key-bob\"}");
            }
            for (Map.Entry<String, String> h : headers.entrySet()) {
                if (!HEADER_NAME.matcher(h.getKey()).matches()) {
                    throw i.field("headers").error("'" + h.getKey() + "' is not a valid HTTP header name");
                }
                if (h.getValue().isBlank()) {
                    throw i.field("headers").field(h.getKey()).error("expected the credential value, got nothing");
                }
            }
            String key = new java.util.TreeMap<>(headers).toString();
            if (credentialsSeen.containsKey(key)) {
                throw i.field("headers").error("the same credentials as identity '" + credentialsSeen.get(key)
                        + "': each identity needs its own");
            }
            credentialsSeen.put(key, name);
            List<String> roles = new ArrayList<>();
            for (Node r : i.list("roles")) {
                if (r.text().isBlank()) {
                    throw r.error("expected a role (an OAuth scope of the OpenAPI document), such as admin");
                }
                roles.add(r.text().trim());
            }
            out.add(new Identity(name, headers, roles));
        }
        return out;
    }
}
