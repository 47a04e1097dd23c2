package dev.gauntlet.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.gauntlet.contract.ContractsSpec;
import dev.gauntlet.environment.EnvironmentProvider;
import dev.gauntlet.environment.EnvironmentProviders;
import dev.gauntlet.environment.EnvironmentSpec;
import dev.gauntlet.environment.Reach;
import dev.gauntlet.environment.ServiceImage;
import dev.gauntlet.environment.ServiceSpec;
import dev.gauntlet.load.LoadSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads environment files ({@code environments/*.yaml}) into a {@link GateSpec}, with clear errors. */
public final class GateSpecs {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private GateSpecs() {
    }

    /**
     * Loads an environment file.
     *
     * @param file      the YAML file
     * @param overrides {@code dotted.path=value} pairs applied to the file before it is read (CLI {@code --set})
     * @throws ConfigException naming file and field on any mistake
     */
    public static GateSpec load(Path file, Map<String, String> overrides) {
        return load(file, overrides, Path.of(""));
    }

    /**
     * Loads an environment file, with the files it {@code extends} (a deep merge: mappings merge, lists and values
     * are replaced), resolving the relative folders it names ({@code contracts.folder}) against {@code base}.
     *
     * @param named     the YAML file, or an environment's name ({@code local} for {@code environments/local.yaml})
     * @param overrides {@code dotted.path=value} pairs applied to the merged file before it is read (CLI {@code --set})
     * @param base      folder that relative paths in the file are relative to (the CLI's working folder, or the
     *                  Maven project's)
     * @throws ConfigException naming the file that wrote the bad field, the field and what was expected
     */
    public static GateSpec load(Path named, Map<String, String> overrides, Path base) {
        Path file = EnvFiles.byName(named);
        if (!Files.exists(file)) {
            throw new ConfigException(file, "", EnvFiles.notFound(file));
        }
        Sources.Merged merged = Sources.read(file, GateSpecs::readFile);
        overrides.forEach((path, value) -> {
            override(file, merged.tree(), path, value);
            merged.sources().overridden(path);
        });
        return read(new Node(merged.sources(), "", merged.tree()), file, base);
    }

    private static ObjectNode readFile(Path file) {
        JsonNode root;
        try {
            root = YAML.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new ConfigException(file, "", "file not found");
        } catch (JsonProcessingException e) {
            throw new ConfigException(file, "", "not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        } catch (IOException e) {
            throw new ConfigException(file, "", "cannot be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException(file, "", "expected a mapping with name, services, contracts, load, objectives");
        }
        return (ObjectNode) root;
    }

    private static final Pattern SET_SEGMENT = Pattern.compile("([^\\[\\]]+)((?:\\[\\d+\\])*)");
    private static final Pattern SET_INDEX = Pattern.compile("\\[(\\d+)\\]");

    /** Applies one {@code --set path=value}: dotted field names, {@code [N]} for an item of a list. */
    private static void override(Path file, ObjectNode root, String path, String value) {
        JsonNode replacement;
        try {
            replacement = YAML.readTree(value.isEmpty() ? "''" : value);
        } catch (JsonProcessingException e) {
            throw new ConfigException(file, path, "--set value is not a YAML value: " + value);
        }
        String[] parts = path.split("\\.", -1);
        JsonNode at = root;
        for (int i = 0; i < parts.length; i++) {
            Matcher m = SET_SEGMENT.matcher(parts[i]);
            if (!m.matches()) {
                throw new ConfigException(file, path, "--set expects field names separated by dots, with [N] for an item "
                        + "of a list, such as load.settings.warmup or load.plan[1].duration");
            }
            if (!(at instanceof ObjectNode object)) {
                throw new ConfigException(file, path, "--set cannot descend into '" + parts[i - 1] + "': it is not a mapping");
            }
            String name = m.group(1);
            boolean last = i == parts.length - 1;
            List<Integer> indices = new ArrayList<>();
            Matcher index = SET_INDEX.matcher(m.group(2));
            while (index.find()) {
                indices.add(Integer.parseInt(index.group(1)));
            }
            if (indices.isEmpty()) {
                if (last) {
                    object.set(name, replacement);
                    return;
                }
                JsonNode next = object.get(name);
                at = next == null || next.isNull() ? object.putObject(name) : next;
                continue;
            }
            JsonNode item = object.get(name);
            for (int k = 0; k < indices.size(); k++) {
                int n = indices.get(k);
                if (!(item instanceof com.fasterxml.jackson.databind.node.ArrayNode list)) {
                    throw new ConfigException(file, path, "--set: '" + name + "' is not a list");
                }
                if (n >= list.size()) {
                    throw new ConfigException(file, path, "--set: the list has " + list.size() + " item(s), so there is no ["
                            + n + "]");
                }
                if (last && k == indices.size() - 1) {
                    list.set(n, replacement);
                    return;
                }
                item = list.get(n);
            }
            at = item;
        }
    }

    private static GateSpec read(Node root, Path file, Path base) {
        root.only(Set.of("name", "kind", "baseImage", "services", "contracts", "load", "objectives", "faults",
                "durability", "conformance", "identities", "security", "prometheus", "history", "regression",
                "targets", "production", "allow"));
        String name = root.text("name");
        String kind = ContainerFields.kind(root);
        Reach reach = ReachFields.reach(root);
        EnvironmentSpec environment = new EnvironmentSpec(name, kind, services(root, kind, reach), reach);
        LoadSpec load = LoadFields.load(root);
        InjectorFields.reachable(load, kind, root);
        LoadFields.phasesExist(load, root.list("objectives"), "objective");
        ResourceFields.servicesExist(environment, root.list("objectives"));
        LoadFields.phasesExist(load, root.list("faults"), "fault");
        ContractsSpec contracts = contracts(root, base);
        Map<String, Integer> pending = new LinkedHashMap<>();
        return new GateSpec(file, environment, contracts, load, ObjectiveFields.objectives(root, pending),
                ReachFields.faults(root, FaultFields.faults(root, environment), environment),
                CheckFields.durability(root), CheckFields.conformance(root),
                ReachFields.security(SecurityFields.security(root, contracts.enabled(), base), environment), root::fileOf,
                PrometheusFields.prometheus(root),
                pending, HistoryFields.history(root, base));
    }

    private static List<ServiceSpec> services(Node root, String kind, Reach reach) {
        Map<String, ServiceSpec> byName = new LinkedHashMap<>();
        Node services = root.object("services");
        EnvironmentProvider provider = EnvironmentProviders.of(kind);
        for (Map.Entry<String, Node> e : services.entries().entrySet()) {
            if (!services.has(e.getKey())) {
                continue; // NAME: null in an extending file removes a service the extended file has
            }
            Node s = e.getValue().only(provider.serviceFields());
            if (provider.reachedByUrl()) { // an API already deployed: a URL, nothing to start
                byName.put(e.getKey(), ReachFields.external(e.getKey(), s, reach, s.bool("underTest", false),
                        s.texts("dependsOn"), s.duration("startTimeout", Duration.ofSeconds(60)), health(s)));
                continue;
            }
            List<String> command = s.texts("command");
            ServiceImage image = ContainerFields.image(root, s);
            if (command.isEmpty() && !(image instanceof ServiceImage.Named)) {
                throw s.error("command: expected a non-empty list (" + (image == null ? "program and arguments"
                        : "the arguments of java, e.g. a main class and its options") + ")");
            }
            ServiceSpec spec = new ServiceSpec(e.getKey(), command, ServiceFields.readiness(s), s.textMap("env"),
                    s.bool("underTest", false), ServiceFields.dependsOn(s),
                    s.duration("startTimeout", Duration.ofSeconds(60)), image, ServiceFields.proxied(s));
            if (s.has("replicas") && !provider.runsReplicas()) {
                throw s.field("replicas").error("replicas behind a load balancer run on kind: local only (not on "
                        + kind + " yet): write replicas: null in this file, or leave replicas out");
            }
            for (ServiceSpec one : ReplicaFields.expand(s, spec, System.getenv("PATH"))) {
                byName.put(one.name(), one);
            }
        }
        if (byName.isEmpty()) {
            throw services.error("expected at least one service");
        }
        long underTest = byName.values().stream().filter(ServiceSpec::underTest).count();
        if (underTest != 1) {
            throw services.error("exactly one service must have 'underTest: true', found " + underTest);
        }
        for (ServiceSpec s : byName.values()) {
            for (String dep : s.dependsOn()) {
                if (!byName.containsKey(dep)) {
                    throw services.error(s.name() + ".dependsOn: no service named '" + dep + "' (have: "
                            + String.join(", ", byName.keySet()) + ")");
                }
            }
        }
        return startOrder(byName, services);
    }

    private static String health(Node service) {
        String health = service.text("health");
        if (!health.startsWith("/")) {
            throw service.error("health: expected an HTTP path starting with '/', got '" + health + "'");
        }
        return health;
    }

    /** Depth-first topological order; a cycle is a user mistake. */
    private static List<ServiceSpec> startOrder(Map<String, ServiceSpec> byName, Node services) {
        List<ServiceSpec> order = new ArrayList<>();
        Set<String> done = new HashSet<>();
        for (String name : byName.keySet()) {
            visit(name, byName, done, new ArrayList<>(), order, services);
        }
        return order;
    }

    private static void visit(String name, Map<String, ServiceSpec> byName, Set<String> done, List<String> stack,
                              List<ServiceSpec> order, Node services) {
        if (done.contains(name)) {
            return;
        }
        if (stack.contains(name)) {
            stack.add(name);
            throw services.error("dependsOn forms a cycle: " + String.join(" -> ", stack));
        }
        stack.add(name);
        for (String dep : byName.get(name).dependsOn()) {
            visit(dep, byName, done, stack, order, services);
        }
        stack.remove(stack.size() - 1);
        done.add(name);
        order.add(byName.get(name));
    }

    private static ContractsSpec contracts(Node root, Path base) {
        if (!root.has("contracts")) {
            return new ContractsSpec(false, base.resolve("contracts"), null);
        }
        Node c = root.object("contracts").only(Set.of("enabled", "folder", "stateChangePath", "openapi",
                "coverageIgnore", "allowExposure", "broker"));
        String stateChange = c.has("stateChangePath") ? c.text("stateChangePath") : null;
        if (stateChange != null && !stateChange.startsWith("/")) {
            throw c.error("stateChangePath: expected a path starting with '/', got '" + stateChange + "'");
        }
        return new ContractsSpec(c.bool("enabled", true), base.resolve(c.text("folder", "contracts")), stateChange,
                ContractsFields.openapi(c, base), ContractsFields.coverageIgnore(c), ContractsFields.allowExposure(c),
                BrokerFields.broker(c));
    }
}
