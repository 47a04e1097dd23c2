package dev.gauntlet.guard;

import static net.bytebuddy.matcher.ElementMatchers.isNative;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.gauntlet.guard.boot.LoopbackRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.utility.JavaModule;

/**
 * Java agent that keeps a JVM on loopback and the allow-list: every TCP/UDP connect, UDP send and name lookup towards a
 * host that is not loopback (127.0.0.0/8, ::1, localhost) nor one of the environment's {@code targets} (system property
 * {@value dev.gauntlet.guard.boot.LoopbackRegistry#TARGETS_PROPERTY}, comma-separated names and IP literals) is
 * refused with an {@link java.io.IOException} before any packet leaves, and remembered ({@link #refused()}). Replaces the Security-Manager guard, which JDK 24+ no longer allows (JEP 486).
 *
 * <p>Choke points advised (inline Byte Buddy advice, no class-format changes, so retransformation works):
 * <ul>
 *   <li>{@code sun.nio.ch.Net.connect(ProtocolFamily, FileDescriptor, InetAddress, int)}: every JDK TCP connect
 *       (Socket via NioSocketImpl, SocketChannel, AsynchronousSocketChannel, HttpClient) and DatagramChannel/
 *       DatagramSocket connect;</li>
 *   <li>{@code sun.nio.ch.DatagramChannelImpl.send(FileDescriptor, ByteBuffer, InetSocketAddress)}: unconnected UDP
 *       sends (DatagramChannel and DatagramSocket);</li>
 *   <li>{@code java.net.InetAddress.getAddressesFromNameService(String[, InetAddress])}: forward lookups that miss
 *       the cache (getByName, getAllByName, getLocalHost, InetSocketAddress); literals never get there;</li>
 *   <li>{@code java.net.InetAddress.getHostFromNameService(InetAddress[, boolean])}: reverse lookups of non-loopback
 *       addresses are skipped (the literal is returned);</li>
 *   <li>{@code java.net.InetAddress.getLocalHost()}: answers the loopback address, no lookup of this host's name;</li>
 *   <li>Netty native: {@code io.netty.channel.unix.Socket.connect/sendTo*} (epoll, kqueue) and
 *       {@code io.netty.channel.uring.AbstractIoUringChannel.submitConnect}, whenever those classes load.</li>
 * </ul>
 *
 * <p>The registry is defined in the boot loader first (code inlined into java.base must link to it), so load this
 * agent with {@code -javaagent:} only; its class may live on the ordinary class path behind a manifest-only jar.
 */
public final class LoopbackAgent {
    static final String REGISTRY = "dev.gauntlet.guard.boot.LoopbackRegistry";
    private static final Map<String, Integer> ADVISED = new ConcurrentHashMap<>();
    private static final List<String> ERRORS = new ArrayList<>();
    private static volatile boolean installed;

    private LoopbackAgent() {
    }

    public static void premain(String args, Instrumentation inst) throws Exception {
        long t0 = System.nanoTime();
        install(inst);
        if (Boolean.getBoolean("gauntlet.guard.verbose")) {
            System.err.println("gauntlet loopback guard installed in " + (System.nanoTime() - t0) / 1_000_000 + " ms: "
                    + ADVISED);
        }
    }

    /** Whether the guard is in force in this JVM (false when run without the agent). */
    public static boolean active() {
        return installed && LoopbackRegistry.class.getClassLoader() == null;
    }

    /** Hosts ("192.0.2.1:80", "[2001:db8::1]:443", "example.invalid") refused so far, sorted. */
    public static List<String> refused() {
        return LoopbackRegistry.refused();
    }

    /** Whether {@code host} (optionally {@code host:port}) is a loopback name or address (0.0.0.0 counts) or a target. */
    public static boolean allowed(String host) {
        return LoopbackRegistry.allowed(host);
    }

    static synchronized void install(Instrumentation inst) throws Exception {
        if (installed) {
            return;
        }
        Class<?> registry = defineInBootLoader(inst);
        // java.base (named) reads no unnamed module by default: let it read the boot loader's, or linking
        // the inlined advice fails with IllegalAccessError.
        inst.redefineModule(Object.class.getModule(), Set.of(registry.getModule()), Map.of(), Map.of(), Set.of(), Map.of());
        // AgentBuilder.Default's constructor initialises Byte Buddy's Unsafe-based class injector, which on JDK 24+
        // makes sun.misc.Unsafe print a "terminally deprecated method" warning (JEP 498). This agent never injects
        // through Unsafe; Byte Buddy's own switch turns that off (and is its default from JDK 26 on).
        if (System.getProperty("net.bytebuddy.safe") == null) {
            System.setProperty("net.bytebuddy.safe", "true");
        }
        for (String jdk : List.of("sun.nio.ch.Net", "sun.nio.ch.DatagramChannelImpl", "java.net.InetAddress")) {
            Class.forName(jdk, false, null); // loaded now, so retransformed (and checked) before premain returns
        }
        new AgentBuilder.Default()
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(new Errors())
                .ignore(nameStartsWith("net.bytebuddy.").or(isSynthetic()))
                .type(named("sun.nio.ch.Net"))
                .transform((b, type, loader, module, domain) -> b.visit(Advice.to(InetAddressArg2.class).on(counted(
                        "Net.connect", named("connect").and(takesArguments(4)).and(takesArgument(2, InetAddress.class))))))
                .type(named("sun.nio.ch.DatagramChannelImpl"))
                .transform((b, type, loader, module, domain) -> b.visit(Advice.to(DatagramSend.class).on(counted(
                        "DatagramChannelImpl.send", named("send").and(takesArguments(3))
                                .and(takesArgument(1, ByteBuffer.class)).and(takesArgument(2, InetSocketAddress.class))))))
                .type(named("java.net.InetAddress"))
                .transform((b, type, loader, module, domain) -> b
                        .visit(Advice.to(Resolve.class).on(counted("InetAddress.getAddressesFromNameService",
                                named("getAddressesFromNameService").and(takesArgument(0, String.class)))))
                        .visit(Advice.to(LocalHost.class).on(counted("InetAddress.getLocalHost",
                                named("getLocalHost").and(takesArguments(0)))))
                        .visit(Advice.to(ReverseLookup.class).on(counted("InetAddress.getHostFromNameService",
                                named("getHostFromNameService").and(takesArgument(0, InetAddress.class))
                                        .and(returns(String.class))))))
                .type(named("io.netty.channel.unix.Socket"))
                .transform((b, type, loader, module, domain) -> b
                        .visit(Advice.to(SocketAddressArg.class).on(counted("netty.Socket.connect",
                                named("connect").and(takesArguments(1)).and(takesArgument(0, SocketAddress.class)))))
                        .visit(Advice.to(InetAddressArg3.class).on(counted("netty.Socket.sendTo", not(isNative())
                                .and(named("sendTo").or(named("sendToAddress"))).and(takesArgument(3, InetAddress.class)))))
                        .visit(Advice.to(InetAddressArg2.class).on(counted("netty.Socket.sendToAddresses", not(isNative())
                                .and(named("sendToAddresses")).and(takesArgument(2, InetAddress.class))))))
                .type(named("io.netty.channel.uring.AbstractIoUringChannel"))
                .transform((b, type, loader, module, domain) -> b.visit(Advice.to(SocketAddressArg.class).on(counted(
                        "netty.uring.submitConnect", named("submitConnect").and(takesArgument(0, InetSocketAddress.class))))))
                .installOn(inst);
        List<String> missing = new ArrayList<>();
        for (String point : List.of("Net.connect", "DatagramChannelImpl.send", "InetAddress.getAddressesFromNameService",
                "InetAddress.getHostFromNameService", "InetAddress.getLocalHost")) {
            if (!ADVISED.containsKey(point)) {
                missing.add(point);
            }
        }
        synchronized (ERRORS) {
            if (!missing.isEmpty() || !ERRORS.isEmpty()) {
                // Fail closed: an exception from premain aborts the JVM before main runs.
                throw new IllegalStateException("gauntlet loopback guard could not be installed on "
                        + System.getProperty("java.version") + "; not advised: " + missing + "; errors: " + ERRORS);
            }
        }
        installed = true;
    }

    /**
     * Defines the registry class in the boot loader. First choice: {@code jdk.internal.misc.Unsafe.defineClass} with a
     * null loader, reached legitimately by opening its package to this agent through {@link Instrumentation} (no
     * sun.misc.Unsafe, so no JDK 24+ warning). Fallback: a throw-away jar appended to the boot class path, which works
     * as well but makes HotSpot print "Sharing is only supported for boot loader classes because bootstrap classpath
     * has been appended" (CDS is then limited to boot classes).
     */
    private static Class<?> defineInBootLoader(Instrumentation inst) throws IOException, ClassNotFoundException {
        String resource = REGISTRY.replace('.', '/') + ".class";
        byte[] bytes;
        try (InputStream in = LoopbackAgent.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the class path");
            }
            bytes = in.readAllBytes();
        }
        Class<?> registry;
        try {
            if (Boolean.getBoolean("gauntlet.guard.bootJar")) { // forces the fallback (for tests)
                throw new IllegalStateException("fallback requested");
            }
            inst.redefineModule(Object.class.getModule(), Set.of(), Map.of(),
                    Map.of("jdk.internal.misc", Set.of(LoopbackAgent.class.getModule())), Set.of(), Map.of());
            Class<?> unsafeType = Class.forName("jdk.internal.misc.Unsafe");
            Object unsafe = unsafeType.getMethod("getUnsafe").invoke(null);
            registry = (Class<?>) unsafeType.getMethod("defineClass", String.class, byte[].class, int.class, int.class,
                    ClassLoader.class, java.security.ProtectionDomain.class)
                    .invoke(unsafe, REGISTRY, bytes, 0, bytes.length, null, null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            registry = appendToBootClassPath(inst, resource, bytes);
        }
        if (registry.getClassLoader() != null) {
            throw new IllegalStateException(REGISTRY + " was not defined by the boot loader");
        }
        return registry;
    }

    private static Class<?> appendToBootClassPath(Instrumentation inst, String resource, byte[] bytes)
            throws IOException, ClassNotFoundException {
        Path jar = Files.createTempFile("gauntlet-guard-", ".jar");
        try {
            try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jo = new JarOutputStream(out)) {
                jo.putNextEntry(new JarEntry(resource));
                jo.write(bytes);
                jo.closeEntry();
            }
            inst.appendToBootstrapClassLoaderSearch(new JarFile(jar.toFile()));
            return Class.forName(REGISTRY, true, null);
        } finally {
            Files.deleteIfExists(jar); // the boot loader holds the open file; nothing is left behind
        }
    }

    private static ElementMatcher<MethodDescription> counted(String point, ElementMatcher<? super MethodDescription> m) {
        return method -> {
            boolean match = m.matches(method);
            if (match) {
                ADVISED.merge(point, 1, Integer::sum);
            }
            return match;
        };
    }

    /** Transformation failures: fatal during premain, loud afterwards (a Netty class that could not be advised). */
    private static final class Errors extends AgentBuilder.Listener.Adapter {
        @Override
        public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded, Throwable t) {
            synchronized (ERRORS) {
                ERRORS.add(typeName + ": " + t);
            }
            if (installed) {
                System.err.println("gauntlet loopback guard could not advise " + typeName + ": " + t);
            }
        }
    }

    // Advice: inlined into the target methods, so it may only refer to JDK types and the boot-loader registry.

    static final class DatagramSend {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(2) InetSocketAddress target) throws IOException {
            LoopbackRegistry.checkConnect(target);
        }
    }

    static final class Resolve {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) String host) throws IOException {
            LoopbackRegistry.checkName(host);
        }

        /** A name of the targets resolved: its addresses may be reached. */
        @Advice.OnMethodExit
        static void exit(@Advice.Argument(0) String host,
                @Advice.Return(typing = net.bytebuddy.implementation.bytecode.assign.Assigner.Typing.DYNAMIC) Object found) {
            LoopbackRegistry.resolved(host, found);
        }
    }

    /**
     * getLocalHost() would resolve this machine's host name (via /etc/hosts, or DNS when it is not there); the JDK 17
     * NioSocketImpl also calls it to connect to 0.0.0.0. Answer with the loopback address instead, without a lookup,
     * as getLocalHost() did under the Security-Manager guard.
     */
    static final class LocalHost {
        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static boolean enter() {
            return true;
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Return(readOnly = false) InetAddress local) {
            local = InetAddress.getLoopbackAddress();
        }
    }

    static final class ReverseLookup {
        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static boolean enter(@Advice.Argument(0) InetAddress address) {
            return LoopbackRegistry.skipReverseLookup(address);
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Enter boolean skipped, @Advice.Argument(0) InetAddress address,
                @Advice.Return(readOnly = false) String name) {
            if (skipped) {
                name = address.getHostAddress();
            }
        }
    }

    static final class SocketAddressArg {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) SocketAddress remote) throws IOException {
            LoopbackRegistry.checkConnect(remote);
        }
    }

    static final class InetAddressArg3 {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(3) InetAddress remote, @Advice.Argument(4) int port) throws IOException {
            LoopbackRegistry.checkConnect(remote, port);
        }
    }

    static final class InetAddressArg2 {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(2) InetAddress remote, @Advice.Argument(3) int port) throws IOException {
            LoopbackRegistry.checkConnect(remote, port);
        }
    }
}
