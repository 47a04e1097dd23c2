package dev.gauntlet.network;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A TCP proxy on 127.0.0.1 between a service and one dependency, where network faults act ({@link Toxic}). Plain
 * blocking sockets: one thread per direction of each connection, which is plenty for the handful of pooled
 * connections a service keeps to a dependency. Healthy, it passes bytes through unchanged; each toxic {@link #apply
 * applied} acts until its {@link Applied#revert() revert}, and counts what it did ({@link ToxicEffect}).
 */
public final class TcpProxy implements AutoCloseable {
    private static final int CONNECT_MILLIS = 2000;

    private final String name;
    private final int upstreamPort;
    private final int port;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private final List<ActiveToxic<Link>> toxics = new CopyOnWriteArrayList<>();
    private final AtomicLong accepted = new AtomicLong();
    private final Object held = new Object();
    private volatile ServerSocket server;
    private volatile Thread acceptor;
    private volatile boolean stopping;
    private volatile boolean closed;

    private TcpProxy(String name, int upstreamPort, ServerSocket server) {
        this.name = name;
        this.upstreamPort = upstreamPort;
        this.server = server;
        this.port = server.getLocalPort();
    }

    /**
     * Starts a proxy on a free 127.0.0.1 port that forwards to {@code 127.0.0.1:upstreamPort}.
     *
     * @param name the dependency's name, for threads and messages
     */
    public static TcpProxy start(String name, int upstreamPort) {
        try {
            TcpProxy proxy = new TcpProxy(name, upstreamPort, listen(0));
            proxy.acceptInBackground();
            return proxy;
        } catch (IOException e) {
            throw new IllegalStateException("the TCP proxy for " + name + " could not listen on 127.0.0.1: "
                    + e.getMessage(), e);
        }
    }

    private static ServerSocket listen(int port) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        return s;
    }

    /** The port clients connect to. */
    public int port() {
        return port;
    }

    /** The dependency's own port. */
    public int upstreamPort() {
        return upstreamPort;
    }

    /** Connections open right now. */
    public int open() {
        return links.size();
    }

    /** A toxic switched on: reverting it ends it and tells what it did. */
    public interface Applied {
        /** Switches the toxic off (idempotent) and returns what it did while on. */
        ToxicEffect revert();
    }

    /** Switches {@code toxic} on, for open connections and new ones, until its {@link Applied#revert()}. */
    public Applied apply(Toxic toxic) {
        ActiveToxic<Link> a = new ActiveToxic<>(toxic, accepted.get());
        toxics.add(a);
        switch (toxic.kind()) {
            case RESET -> links.stream().filter(a::hits).forEach(l -> l.reset(a));
            case DOWN -> stopListening(a);
            case LATENCY, BANDWIDTH, BLACKHOLE, SLOW_CLOSE -> { }
        }
        return () -> {
            if (toxics.remove(a)) {
                if (toxic.kind() == Toxic.Kind.DOWN && toxics.stream().noneMatch(t -> t.toxic.kind() == Toxic.Kind.DOWN)) {
                    listenAgain();
                }
                synchronized (held) {
                    held.notifyAll();
                }
            }
            return a.effect();
        };
    }

    /**
     * Stops listening, so that connects are refused from the moment this returns. A listener closed while another
     * thread is blocked in its accept can still accept one more connection (the blocked call holds the socket until
     * it returns), so the accept loop is woken with a connection of its own and closes the listener itself.
     */
    private synchronized void stopListening(ActiveToxic<Link> a) {
        ServerSocket s = server;
        Thread t = acceptor;
        stopping = true;
        try (Socket wake = new Socket()) {
            wake.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
        } catch (IOException e) {
            // not listening any more
        }
        try {
            t.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly(s);
        for (Link l : links) {
            a.hit(l);
            l.close();
        }
    }

    private synchronized void listenAgain() {
        if (closed) {
            return;
        }
        try {
            server = listen(port);
            stopping = false;
            acceptInBackground();
        } catch (IOException e) {
            throw new IllegalStateException("the TCP proxy for " + name + " could not listen on 127.0.0.1:" + port
                    + " again: " + e.getMessage(), e);
        }
    }

    private void acceptInBackground() {
        ServerSocket s = server;
        Thread t = new Thread(() -> acceptLoop(s), "gauntlet-proxy-" + name + "-accept");
        t.setDaemon(true);
        acceptor = t;
        t.start();
    }

    private void acceptLoop(ServerSocket s) {
        while (!closed && !s.isClosed()) {
            Socket client;
            try {
                client = s.accept();
            } catch (IOException e) {
                return; // closed: the proxy ends or is down
            }
            if (stopping) {
                closeQuietly(client);
                closeQuietly(s);
                return;
            }
            accepted.incrementAndGet();
            Link link = new Link(client);
            ActiveToxic<Link> reset = toxics.stream().filter(a -> a.toxic.kind() == Toxic.Kind.RESET && a.hits(link)).findFirst()
                    .orElse(null);
            if (reset != null) {
                link.reset(reset);
                continue;
            }
            Thread t = new Thread(link::connect, "gauntlet-proxy-" + name + "-link");
            t.setDaemon(true);
            t.start();
        }
    }

    /** Stops listening, cuts every connection and ends every toxic. Idempotent. */
    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        links.forEach(Link::close);
        toxics.clear();
        synchronized (held) {
            held.notifyAll();
        }
    }

    @Override
    public String toString() {
        return "TCP proxy 127.0.0.1:" + port + " -> 127.0.0.1:" + upstreamPort + " (" + name + ")";
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            if (c != null) {
                c.close();
            }
        } catch (Exception e) {
            // closing anyway
        }
    }

    /** One client connection and its connection to the dependency. */
    private final class Link {
        private final Socket client;
        private volatile Socket upstream;
        private int ended;

        Link(Socket client) {
            this.client = client;
            toxics.forEach(a -> a.acceptedNow.incrementAndGet());
        }

        void connect() {
            Socket up = new Socket();
            try {
                client.setTcpNoDelay(true);
                up.setTcpNoDelay(true);
                up.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), upstreamPort), CONNECT_MILLIS);
            } catch (IOException e) {
                closeQuietly(up);
                closeQuietly(client); // the dependency is not there: its client sees the connection closed
                return;
            }
            upstream = up;
            links.add(this);
            if (closed) {
                close();
                return;
            }
            Thread down = new Thread(() -> pump(true), "gauntlet-proxy-" + name + "-down");
            down.setDaemon(true);
            down.start();
            pump(false);
        }

        /** Copies one direction until it ends; downstream is the dependency's answer to its client. */
        private void pump(boolean downstream) {
            byte[] buf = new byte[8192];
            try {
                InputStream in = (downstream ? upstream : client).getInputStream();
                OutputStream out = (downstream ? client : upstream).getOutputStream();
                int n;
                while ((n = in.read(buf)) >= 0) {
                    holdWhileBlackholed(n);
                    if (downstream) {
                        delay(n);
                        throttle(out, buf, n);
                    } else {
                        out.write(buf, 0, n);
                    }
                    out.flush();
                }
                closeSlowly();
                (downstream ? client : upstream).shutdownOutput();
                if (endOne()) {
                    close();
                }
            } catch (IOException e) {
                close();
            }
        }

        private synchronized boolean endOne() {
            return ++ended == 2;
        }

        private void holdWhileBlackholed(int n) {
            boolean counted = false;
            while (!closed) {
                ActiveToxic<Link> a = active(Toxic.Kind.BLACKHOLE);
                if (a == null) {
                    return;
                }
                if (!counted) {
                    a.hit(this);
                    a.chunks.incrementAndGet();
                    a.bytes.addAndGet(n);
                    counted = true;
                }
                synchronized (held) {
                    try {
                        held.wait(100);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }

        private void delay(int n) {
            ActiveToxic<Link> a = active(Toxic.Kind.LATENCY);
            if (a == null) {
                return;
            }
            Toxic t = a.toxic;
            long jitter = t.jitter().toNanos();
            long nanos = t.latency().toNanos() + (jitter == 0 ? 0 : ThreadLocalRandom.current().nextLong(-jitter, jitter + 1));
            long start = System.nanoTime();
            sleepNanos(nanos);
            a.hit(this);
            a.chunks.incrementAndGet();
            a.bytes.addAndGet(n);
            a.delayed((System.nanoTime() - start) / 1_000_000);
        }

        private void throttle(OutputStream out, byte[] buf, int n) throws IOException {
            ActiveToxic<Link> a = active(Toxic.Kind.BANDWIDTH);
            if (a == null) {
                out.write(buf, 0, n);
                return;
            }
            a.hit(this);
            long start = System.nanoTime();
            int slice = (int) Math.max(1, Math.min(n, a.toxic.rate() / 20)); // ~50 ms of data at a time
            for (int off = 0; off < n; off += slice) {
                int len = Math.min(slice, n - off);
                out.write(buf, off, len);
                out.flush();
                a.bytes.addAndGet(len);
                sleepNanos(len * 1_000_000_000L / a.toxic.rate());
            }
            a.busyNanos.addAndGet(System.nanoTime() - start);
        }

        private void closeSlowly() {
            ActiveToxic<Link> a = active(Toxic.Kind.SLOW_CLOSE);
            if (a != null) {
                a.hit(this);
                sleepNanos(a.toxic.delay().toNanos());
            }
        }

        /** The first toxic of {@code kind} that is on and hits this connection, or null. */
        private ActiveToxic<Link> active(Toxic.Kind kind) {
            for (ActiveToxic<Link> a : toxics) {
                if (a.toxic.kind() == kind && a.hits(this)) {
                    return a;
                }
            }
            return null;
        }

        /** TCP RST to the client (linger 0), and the dependency's side closed. */
        void reset(ActiveToxic<Link> a) {
            a.hit(this);
            try {
                client.setSoLinger(true, 0);
            } catch (SocketException e) {
                // closed already
            }
            close();
        }

        void close() {
            links.remove(this);
            closeQuietly(client);
            closeQuietly(upstream);
        }
    }

    private static void sleepNanos(long nanos) {
        long deadline = System.nanoTime() + nanos;
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
        }
    }
}
