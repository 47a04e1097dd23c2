package dev.gauntlet.load;

import java.net.SocketPermission;
import java.security.Permission;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps a JVM on loopback: any attempt to resolve or connect to another host is refused and remembered. Installed
 * in the load worker so that neither the load nor Gatling itself (warm-up URL, analytics, version check) can reach
 * beyond 127.0.0.1; the attempts land in the report, which makes "nothing phones home" testable.
 *
 * <p>Only socket permissions are checked; everything else is allowed, so the cost is one call per new connection.
 */
final class NetworkGuard extends SecurityManager {
    private final Set<String> refused = ConcurrentHashMap.newKeySet();

    /** Installs a guard (the JVM must run with {@code -Djava.security.manager=allow}). */
    static NetworkGuard install() {
        NetworkGuard guard = new NetworkGuard();
        System.setSecurityManager(guard);
        return guard;
    }

    /** Whether {@code host} (optionally {@code host:port}) is a loopback name or address. */
    static boolean allowed(String host) {
        String h = host;
        if (h.startsWith("[")) {
            h = h.substring(1, h.indexOf(']') < 0 ? h.length() : h.indexOf(']'));
        } else if (h.indexOf(':') == h.lastIndexOf(':') && h.contains(":")) {
            h = h.substring(0, h.indexOf(':'));
        }
        return h.isEmpty() || h.equals("localhost") || h.startsWith("127.") || h.equals("::1")
                || h.equals("0:0:0:0:0:0:0:1") || h.equals("0.0.0.0");
    }

    /** Hosts that something in this JVM tried to reach and was refused. */
    List<String> refused() {
        return refused.stream().sorted().toList();
    }

    private void check(String host) {
        if (!allowed(host)) {
            refused.add(host);
            throw new SecurityException("gauntlet refused a connection to " + host
                    + ": load and test traffic stays on 127.0.0.1");
        }
    }

    @Override
    public void checkPermission(Permission perm) {
        if (perm instanceof SocketPermission && (perm.getActions().contains("connect") || perm.getActions().contains("resolve"))) {
            check(perm.getName());
        }
    }

    @Override
    public void checkPermission(Permission perm, Object context) {
        checkPermission(perm);
    }

    @Override
    public void checkConnect(String host, int port) {
        check(host);
    }

    @Override
    public void checkConnect(String host, int port, Object context) {
        check(host);
    }
}
