package dev.gauntlet.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The Orders API's PostgreSQL store on a real PostgreSQL: replicas that start together share one schema. */
class PostgresOrderStoreTest {
    @Test
    void replicasStartingTogetherCreateTheSchemaOnce() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        int replicas = 6;
        try (PostgresServer server = PostgresServer.start(port, 50)) {
            String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
            PostgresOrderStore.open(url, Set.of()).close(); // waits for the server; creates the schema
            try (var sql = java.sql.DriverManager.getConnection(url, "postgres", "");
                 var s = sql.createStatement()) {
                s.execute("DROP TABLE orders; DROP SEQUENCE order_ids"); // the race is on a missing schema
            }
            CyclicBarrier together = new CyclicBarrier(replicas);
            ExecutorService pool = Executors.newFixedThreadPool(replicas);
            try {
                List<Future<PostgresOrderStore>> opened = new ArrayList<>();
                for (int i = 0; i < replicas; i++) {
                    opened.add(pool.submit(() -> {
                        together.await();
                        return PostgresOrderStore.open(url, Set.of());
                    }));
                }
                List<String> ids = new ArrayList<>();
                for (Future<PostgresOrderStore> f : opened) {
                    try (PostgresOrderStore store = f.get()) { // a replica that lost the race would throw here
                        ids.add(store.nextId());
                    }
                }
                assertEquals(replicas, ids.stream().distinct().count(), "one id sequence for all: " + ids);
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
