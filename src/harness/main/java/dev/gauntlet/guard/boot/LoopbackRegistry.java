package dev.gauntlet.guard.boot;

import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The guard's state and checks, called from advice that {@code LoopbackAgent} inlines into JDK and Netty classes.
 *
 * <p>The agent defines this class in the <em>bootstrap</em> class loader before anything else loads it, so that code
 * inlined into {@code java.base} can link against it, and application code (whose loader delegates to the boot loader
 * first) sees the very same class and state. Hence: JDK types only, no dependencies, no lambdas referring to agent
 * classes, and nothing here may open a connection or resolve a name itself.
 */
public final class LoopbackRegistry {
    /** System property naming the hosts besides loopback that may be reached: the environment's {@code targets}. */
    public static final String TARGETS_PROPERTY = "gauntlet.guard.targets";
    private static final Set<String> REFUSED = ConcurrentHashMap.newKeySet();
    /** Allowed names and literals, lower case, as written in {@code targets}. */
    private static final Set<String> TARGETS = ConcurrentHashMap.newKeySet();
    /** Addresses of allowed literals and of what allowed names resolved to. */
    private static final Set<InetAddress> ADDRESSES = ConcurrentHashMap.newKeySet();

    static {
        String targets = System.getProperty(TARGETS_PROPERTY, "");
        for (String t : targets.split(",")) {
            if (!t.isBlank()) {
                allow(t.trim());
            }
        }
    }

    private LoopbackRegistry() {
    }

    /**
     * Adds {@code host} (a name or an IP literal, no port) to the hosts that may be reached besides loopback. A
     * literal is parsed without any lookup; a name's addresses are allowed once the resolver returns them.
     */
    public static void allow(String host) {
        String h = normal(host);
        TARGETS.add(h);
        if (isLiteral(h)) {
            try {
                ADDRESSES.add(InetAddress.getByName(h)); // a literal: parsed, never looked up
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("not an IP address: " + host, e);
            }
        }
    }

    /** The hosts allowed besides loopback, sorted. */
    public static List<String> targets() {
        return TARGETS.stream().sorted().toList();
    }

    private static String normal(String host) {
        String h = host.toLowerCase(java.util.Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    /** An IPv4 literal (digits and dots) or an IPv6 one (has a colon). */
    private static boolean isLiteral(String h) {
        if (h.indexOf(':') >= 0) {
            return true;
        }
        for (int i = 0; i < h.length(); i++) {
            char c = h.charAt(i);
            if (c != '.' && (c < '0' || c > '9')) {
                return false;
            }
        }
        return !h.isEmpty();
    }

    /** After a forward lookup: the addresses of a name in {@code targets} may be reached. */
    public static void resolved(String host, Object addresses) {
        if (host != null && addresses instanceof InetAddress[] found && TARGETS.contains(normal(host))) {
            for (InetAddress a : found) {
                ADDRESSES.add(a);
            }
        }
    }

    /** Whether {@code host} (optionally {@code host:port}) is a loopback name or address; same rules as the old guard. */
    public static boolean allowed(String host) {
        String h = host;
        if (h.startsWith("[")) {
            h = h.substring(1, h.indexOf(']') < 0 ? h.length() : h.indexOf(']'));
        } else if (h.indexOf(':') == h.lastIndexOf(':') && h.contains(":")) {
            h = h.substring(0, h.indexOf(':'));
        }
        return h.isEmpty() || h.equals("localhost") || h.startsWith("127.") || h.equals("::1")
                || h.equals("0:0:0:0:0:0:0:1") || h.equals("0.0.0.0") || TARGETS.contains(normal(h));
    }

    /**
     * Stricter rule for names handed to the resolver: {@link #allowed(String)} would let a name such as
     * {@code 127.example.com} reach DNS. Only "localhost" and loopback literals may be looked up.
     */
    static boolean allowedName(String host) {
        if (host == null) {
            return true;
        }
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (TARGETS.contains(normal(h))) {
            return true;
        }
        if (h.isEmpty() || h.equalsIgnoreCase("localhost") || h.equalsIgnoreCase("localhost.")
                || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1") || h.equals("0.0.0.0")) {
            return true;
        }
        String[] parts = h.split("\\.", -1);
        if (parts.length != 4 || !parts[0].equals("127")) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3) {
                return false;
            }
            for (int i = 0; i < p.length(); i++) {
                if (p.charAt(i) < '0' || p.charAt(i) > '9') {
                    return false;
                }
            }
            if (Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    /** Loopback (127/8, ::1) or the wildcard address, which the kernel maps to this host. */
    public static boolean allowed(InetAddress address) {
        return address == null || address.isLoopbackAddress() || address.isAnyLocalAddress()
                || ADDRESSES.contains(address);
    }

    /** Hosts that something in this JVM tried to reach and was refused, sorted. */
    public static List<String> refused() {
        return REFUSED.stream().sorted().toList();
    }

    static String message(String host) {
        return "gauntlet refused a connection to " + host + ": load and test traffic stays on 127.0.0.1"
                + (TARGETS.isEmpty() ? "" : " and the environment's targets " + targets());
    }

    private static String hostPort(InetAddress address, int port) {
        String literal = address.getHostAddress(); // never getHostName(): that may query DNS
        return (address instanceof Inet6Address ? "[" + literal + "]" : literal) + (port < 0 ? "" : ":" + port);
    }

    /** Before a TCP connect, UDP connect or UDP send to {@code address:port}. */
    public static void checkConnect(InetAddress address, int port) throws ConnectException {
        if (!allowed(address)) {
            String host = hostPort(address, port);
            REFUSED.add(host);
            throw new ConnectException(message(host));
        }
    }

    /** Same for a {@link SocketAddress} (Netty's native transports); non-IP addresses (unix sockets) pass. */
    public static void checkConnect(SocketAddress remote) throws java.io.IOException {
        if (remote instanceof InetSocketAddress) {
            InetSocketAddress isa = (InetSocketAddress) remote;
            if (isa.isUnresolved()) {
                checkName(isa.getHostString());
            } else {
                checkConnect(isa.getAddress(), isa.getPort());
            }
        }
    }

    /** Before a forward lookup of {@code host} through the JDK's resolver (system or SPI). */
    public static void checkName(String host) throws UnknownHostException {
        if (!allowedName(host)) {
            REFUSED.add(host);
            throw new UnknownHostException(message(host));
        }
    }

    /**
     * Before a reverse lookup ({@code InetAddress.getHostName()} and friends), which would send a PTR query: returns
     * true to skip it for a non-loopback address, so the caller gets the literal, as for an address without a name.
     */
    public static boolean skipReverseLookup(InetAddress address) {
        if (allowed(address)) {
            return false;
        }
        REFUSED.add(hostPort(address, -1));
        return true;
    }
}
