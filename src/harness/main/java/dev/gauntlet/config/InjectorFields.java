package dev.gauntlet.config;

import dev.gauntlet.load.Injectors;
import dev.gauntlet.load.KubernetesSpec;
import dev.gauntlet.load.LoadSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code load.injectors}: a count ({@code 3}, short for {@code {count: 3, on: local}}) or a mapping with
 * {@code count}, {@code on}, {@code tolerance} and, with {@code on: kubernetes}, where the Job's pods run.
 *
 * <pre>{@code
 * injectors:
 *   count: 4
 *   on: kubernetes
 *   namespace: load
 *   image: registry.example.com/gauntlet-injector:0.1.0
 *   serviceAccount: gauntlet-injector
 *   requests: {cpu: "1", memory: 1536Mi}
 *   limits: {memory: 2Gi}
 *   nodeSelector: {pool: load}
 *   tolerations: [{key: dedicated, operator: Equal, value: load, effect: NoSchedule}]
 * }</pre>
 */
final class InjectorFields {
    private static final Set<String> LOCAL_FIELDS = Set.of("count", "on", "tolerance");
    private static final Set<String> KUBERNETES_FIELDS = Set.of("namespace", "image", "pullPolicy", "serviceAccount",
            "requests", "limits", "nodeSelector", "tolerations", "ttl", "kubeconfig", "context");
    /** A DNS-1123 label (namespaces) and subdomain (service accounts). */
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");
    private static final Pattern QUANTITY = Pattern.compile("\\d+(\\.\\d+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?");
    private static final Set<String> RESOURCES = Set.of("cpu", "memory", "ephemeral-storage");
    private static final List<String> PULL = List.of("IfNotPresent", "Always", "Never");
    private static final List<String> OPERATORS = List.of("Equal", "Exists");
    private static final List<String> EFFECTS = List.of("NoSchedule", "PreferNoSchedule", "NoExecute");

    private InjectorFields() {
    }

    static Injectors injectors(Node load) {
        if (!load.has("injectors")) {
            return Injectors.ONE;
        }
        Node i = load.field("injectors");
        Node count = i;
        String on = Injectors.LOCAL;
        double tolerance = Injectors.ONE.tolerance();
        if (i.isMapping()) {
            Set<String> allowed = new java.util.HashSet<>(LOCAL_FIELDS);
            allowed.addAll(KUBERNETES_FIELDS);
            i.only(allowed);
            count = i.field("count");
            on = i.text("on", Injectors.LOCAL);
            if (i.has("tolerance")) {
                tolerance = LoadFields.percent(i.field("tolerance"));
            }
        }
        if (!on.equals(Injectors.LOCAL) && !on.equals(Injectors.KUBERNETES)) {
            throw i.field("on").error("expected 'local' (injector processes on this machine) or 'kubernetes' (pods of "
                    + "an Indexed Job), got '" + on + "'");
        }
        boolean kube = on.equals(Injectors.KUBERNETES);
        int max = kube ? Injectors.MAX_PODS : Injectors.MAX;
        int n;
        try {
            n = count.isNumber() ? Integer.parseInt(count.text()) : -1;
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 1 || n > max) {
            throw count.error("expected a whole number of injectors from 1 to " + max
                    + " (or {count: N, on: " + on + "}), got '" + (count.isMapping() ? "a mapping" : count.text()) + "'");
        }
        if (tolerance >= 1) {
            throw i.field("tolerance").error("expected a percentage below 100%, such as 10%");
        }
        if (!kube) {
            for (String f : KUBERNETES_FIELDS) {
                if (i.isMapping() && i.has(f)) {
                    throw i.field(f).error("is read only with 'on: kubernetes' (where the injector pods run), but "
                            + "on is '" + on + "'");
                }
            }
            return new Injectors(n, on, tolerance);
        }
        return new Injectors(n, on, tolerance, kubernetes(i));
    }

    private static KubernetesSpec kubernetes(Node i) {
        String namespace = i.has("namespace") ? matching(i.field("namespace"), LABEL,
                "a namespace name (lower-case letters, digits and '-', at most 63)") : null;
        String image = i.text("image", KubernetesSpec.DEFAULT_IMAGE).trim();
        if (image.isEmpty() || image.chars().anyMatch(Character::isWhitespace)) {
            throw i.field("image").error("expected a container image reference such as "
                    + "registry.example.com/gauntlet-injector:0.1.0, got '" + image + "'");
        }
        String pull = oneOf(i, "pullPolicy", PULL, "IfNotPresent");
        String account = i.has("serviceAccount") ? matching(i.field("serviceAccount"), SUBDOMAIN,
                "a service account name (lower-case letters, digits, '-' and '.')") : null;
        Duration ttl = i.duration("ttl", Duration.ofMinutes(10));
        if (ttl.isNegative() || ttl.toSeconds() > Integer.MAX_VALUE) {
            throw i.field("ttl").error("expected how long a finished Job is kept, such as 10m");
        }
        Path kubeconfig = i.has("kubeconfig") ? Path.of(i.text("kubeconfig").trim()) : null;
        String context = i.has("context") ? i.text("context").trim() : null;
        return new KubernetesSpec(namespace, image, pull, account, resources(i, "requests"), resources(i, "limits"),
                i.textMap("nodeSelector"), tolerations(i), ttl, kubeconfig, context);
    }

    /** {@code requests} or {@code limits}: {@code cpu}, {@code memory}, {@code ephemeral-storage} quantities. */
    private static Map<String, String> resources(Node i, String name) {
        Map<String, String> out = new LinkedHashMap<>();
        if (!i.has(name)) {
            return out;
        }
        Node r = i.object(name).only(RESOURCES);
        for (Map.Entry<String, Node> e : r.entries().entrySet()) {
            out.put(e.getKey(), matching(e.getValue(), QUANTITY, "a Kubernetes quantity such as 500m, 2 or 1536Mi"));
        }
        return out;
    }

    private static List<KubernetesSpec.Toleration> tolerations(Node i) {
        List<KubernetesSpec.Toleration> out = new ArrayList<>();
        for (Node t : i.list("tolerations")) {
            if (!t.isMapping()) {
                throw t.error("expected a toleration such as {key: dedicated, operator: Equal, value: load, "
                        + "effect: NoSchedule}");
            }
            t.only(Set.of("key", "operator", "value", "effect", "seconds"));
            String operator = oneOf(t, "operator", OPERATORS, "Equal");
            String effect = t.has("effect") ? oneOf(t, "effect", EFFECTS, null) : null;
            if (operator.equals("Exists") && t.has("value")) {
                throw t.field("value").error("must be left out with operator Exists (it tolerates every value)");
            }
            if (operator.equals("Equal") && !t.has("key")) {
                throw t.error("expected a key with operator Equal (only Exists may tolerate every taint)");
            }
            Long seconds = null;
            if (t.has("seconds")) {
                if (!"NoExecute".equals(effect)) {
                    throw t.field("seconds").error("is read only with effect NoExecute");
                }
                seconds = t.duration("seconds").toSeconds();
            }
            out.add(new KubernetesSpec.Toleration(t.text("key", null), operator, t.text("value", null), effect,
                    seconds));
        }
        return out;
    }

    private static String oneOf(Node n, String field, List<String> allowed, String fallback) {
        String v = n.text(field, fallback);
        if (!allowed.contains(v)) {
            throw n.field(field).error("expected one of " + String.join(", ", allowed) + ", got '" + v + "'");
        }
        return v;
    }

    private static String matching(Node n, Pattern p, String expected) {
        String v = n.text().trim();
        if (!p.matcher(v).matches()) {
            throw n.error("expected " + expected + ", got '" + v + "'");
        }
        return v;
    }

    /**
     * Pods reach the API by its URL: they cannot reach a service this gate starts on its own loopback, so
     * {@code on: kubernetes} needs {@code kind: external}.
     */
    static void reachable(LoadSpec load, String kind, Node root) {
        if (load.enabled() && load.injectors().onKubernetes() && !"external".equals(kind)) {
            throw root.object("load").field("injectors").field("on").error("'kubernetes' needs 'kind: external' "
                    + "(an API already deployed, reached by its URL): the injector pods cannot reach services this "
                    + "gate starts on this machine's loopback (kind: " + kind + ")");
        }
    }
}
