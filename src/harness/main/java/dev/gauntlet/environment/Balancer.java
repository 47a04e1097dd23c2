package dev.gauntlet.environment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The load balancer in front of the replicas of a service ({@code replicas: N}): HAProxy, from Debian's package
 * {@value #PACKAGE}, started by the gate as a service of the environment with a configuration it writes into the run
 * folder. Round robin over the replicas, each health-checked with {@code option httpchk} on {@code checkPath} every
 * {@code interval}: {@code fall} failed checks in a row take a replica out, {@code rise} good ones put it back.
 * {@code retries} and {@code option redispatch} are written only when the environment file asks for them.
 *
 * @param program        the haproxy binary
 * @param replicas       the replicas' service names, in order ({@code orders-api#1} …)
 * @param checkPath      the HTTP path of the health check
 * @param interval       time between two health checks of one replica
 * @param fall           failed checks in a row that take a replica out
 * @param rise           good checks in a row that put it back
 * @param connectTimeout how long the balancer waits for a replica to accept a connection
 * @param serverTimeout  how long the balancer waits for a replica's answer
 * @param retries        connection attempts again after a failed one, or null for HAProxy's own default (3)
 * @param redispatch     whether a retry may go to another replica ({@code option redispatch})
 */
public record Balancer(Path program, List<String> replicas, String checkPath, Duration interval, int fall, int rise,
                       Duration connectTimeout, Duration serverTimeout, Integer retries, boolean redispatch) {
    /** The Debian package (and program) the balancer comes from. */
    public static final String PACKAGE = "haproxy";
    /** Where Debian installs it, besides the folders of {@code PATH}. */
    private static final List<String> SYSTEM_FOLDERS = List.of("/usr/sbin", "/usr/local/sbin");

    public Balancer {
        Objects.requireNonNull(program, "program");
        replicas = List.copyOf(replicas);
        if (replicas.size() < 2) {
            throw new IllegalArgumentException("a balancer needs at least two replicas, got " + replicas);
        }
        if (!checkPath.startsWith("/")) {
            throw new IllegalArgumentException("the health check path starts with '/', got '" + checkPath + "'");
        }
        if (fall < 1 || rise < 1 || (retries != null && retries < 0)) {
            throw new IllegalArgumentException("fall and rise must be at least 1 and retries not negative");
        }
    }

    /**
     * The balancer's program, if installed: {@code program} itself when it is a path, else the first executable of
     * that name on {@code pathVariable} ({@code PATH}) or in Debian's sbin folders.
     */
    public static Optional<Path> find(String program, String pathVariable) {
        if (program.contains("/")) {
            return Optional.of(Path.of(program)).filter(p -> Files.isRegularFile(p) && Files.isExecutable(p));
        }
        List<String> folders = new ArrayList<>();
        if (pathVariable != null) {
            folders.addAll(List.of(pathVariable.split(java.io.File.pathSeparator)));
        }
        folders.addAll(SYSTEM_FOLDERS);
        return folders.stream().filter(f -> !f.isBlank()).map(f -> Path.of(f, program))
                .filter(p -> Files.isRegularFile(p) && Files.isExecutable(p)).findFirst();
    }

    /** The name of replica {@code n} (1-based) of {@code service}: {@code orders-api#2}. */
    public static String replicaName(String service, int n) {
        return service + "#" + n;
    }

    /**
     * HAProxy's configuration: one frontend on {@code 127.0.0.1:port}, one backend over the replicas.
     *
     * @param replicaPorts each replica's port as the balancer reaches it, by replica name
     */
    public String config(int port, Map<String, Integer> replicaPorts) {
        StringBuilder out = new StringBuilder();
        out.append("# written by gauntlet: round robin over the replicas, each health-checked\n")
                .append("global\n    maxconn 2000\n\n")
                .append("defaults\n    mode http\n    option http-keep-alive\n")
                .append("    timeout connect ").append(interval(connectTimeout)).append('\n')
                .append("    timeout client 60s\n")
                .append("    timeout server ").append(interval(serverTimeout)).append('\n')
                .append("    timeout check ").append(interval(connectTimeout.plus(interval))).append('\n');
        if (retries != null) {
            out.append("    retries ").append(retries).append('\n');
        }
        if (redispatch) {
            out.append("    option redispatch\n");
        }
        out.append("\nfrontend gate\n    bind 127.0.0.1:").append(port).append("\n    default_backend replicas\n\n")
                .append("backend replicas\n    balance roundrobin\n    option httpchk GET ").append(checkPath).append('\n')
                .append("    default-server check inter ").append(interval(interval)).append(" fall ").append(fall)
                .append(" rise ").append(rise).append('\n');
        for (String r : replicas) {
            Integer p = replicaPorts.get(r);
            if (p == null) {
                throw new IllegalStateException("replica " + r + " has not started");
            }
            out.append("    server ").append(r.replace('#', '-')).append(" 127.0.0.1:").append(p).append('\n');
        }
        return out.toString();
    }

    private static String interval(Duration d) {
        return Math.max(1, d.toMillis()) + "ms";
    }
}
