package dev.gauntlet.demo;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Defect#DB_ACK_BEFORE_COMMIT} defect: orders are acknowledged when queued and written to the database
 * (with an id made without asking the database) in batches every 200 ms, in one transaction; a batch whose commit fails is dropped (logged), so every order in it is
 * lost although its client was told 201. Queued orders are served from memory until they are written.
 */
final class WriteBehind implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WriteBehind.class);

    private record Queued(Order order, String idempotencyKey) {
    }

    private final HikariDataSource pool;
    private final AtomicLong ids = new AtomicLong(System.currentTimeMillis() * 1000);
    private final Map<String, Queued> queued = new ConcurrentHashMap<>();
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "orders-write-behind");
        t.setDaemon(true);
        return t;
    });

    WriteBehind(HikariDataSource pool) {
        this.pool = pool;
        flusher.scheduleWithFixedDelay(this::flush, 200, 200, TimeUnit.MILLISECONDS);
    }

    /** An id made here, without asking the database (which may not answer): far above the sequence's. */
    String nextId() {
        return "ord-" + ids.incrementAndGet();
    }

    void queue(Order order, String idempotencyKey) {
        queued.put(order.id(), new Queued(order, idempotencyKey));
    }

    Order byId(String id) {
        Queued q = queued.get(id);
        return q == null ? null : q.order();
    }

    Order byKey(String customer, String idempotencyKey) {
        return queued.values().stream().filter(q -> q.order().customer().equals(customer)
                && idempotencyKey.equals(q.idempotencyKey())).map(Queued::order).findFirst().orElse(null);
    }

    private void flush() {
        List<Queued> batch = new ArrayList<>(queued.values());
        if (batch.isEmpty()) {
            return;
        }
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement(PostgresOrderStore.INSERT
                    + " ON CONFLICT DO NOTHING")) {
                for (Queued q : batch) {
                    PostgresOrderStore.bind(s, q.order(), q.idempotencyKey());
                    s.addBatch();
                }
                s.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            LOG.warn("write-behind: {} acknowledged order(s) dropped: {}", batch.size(), e.getMessage());
        } finally {
            batch.forEach(q -> queued.remove(q.order().id(), q));
        }
    }

    @Override
    public void close() {
        flusher.shutdown();
        try {
            flusher.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
    }
}
