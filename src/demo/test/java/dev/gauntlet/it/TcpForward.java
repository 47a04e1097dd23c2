package dev.gauntlet.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Forwards TCP connections from {@code listenHost:listenPort} to {@code toHost:toPort}: lets the reference system,
 * which binds 127.0.0.1, answer on a test address inside a network namespace the test created (ExternalAndInjectorsIT).
 * Started only inside that namespace.
 */
public final class TcpForward {
    private TcpForward() {
    }

    public static void main(String[] args) throws IOException {
        InetAddress to = InetAddress.getByName(args[2]);
        int toPort = Integer.parseInt(args[3]);
        try (ServerSocket server = new ServerSocket(Integer.parseInt(args[1]), 128, InetAddress.getByName(args[0]))) {
            System.out.println("forwarding " + args[0] + ":" + args[1] + " to " + args[2] + ":" + args[3]);
            System.out.flush();
            while (true) {
                Socket in = server.accept();
                Socket out;
                try {
                    out = new Socket(to, toPort);
                } catch (IOException notYetUp) {
                    in.close();
                    continue;
                }
                in.setTcpNoDelay(true);
                out.setTcpNoDelay(true);
                pump(in, out);
                pump(out, in);
            }
        }
    }

    private static void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            try (InputStream i = from.getInputStream(); OutputStream o = to.getOutputStream()) {
                i.transferTo(o);
            } catch (IOException closed) {
                // either side closed
            } finally {
                try {
                    from.close();
                    to.close();
                } catch (IOException ignored) {
                    // closing
                }
            }
        });
        t.setDaemon(true);
        t.start();
    }
}
