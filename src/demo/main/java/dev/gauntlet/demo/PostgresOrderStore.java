package dev.gauntlet.demo;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Orders in PostgreSQL through a bounded HikariCP pool, set up as a careful team would: at most 8 connections, a
 * request waits at most 500 ms for one, every statement is cut after 1 s by the server ({@code statement_timeout})
 * and every read from the socket after 1 s by the driver (so a database that stops answering is noticed even when
 * the server never saw the statement), one statement per write (autocommit) so nothing is acknowledged before it is
 * committed. A request the store cannot serve is answered 503. The seeded database defects take one of these away
 * ({@link Defect#DB_NO_TIMEOUT}, {@link Defect#DB_UNBOUNDED_POOL}, {@link Defect#DB_ACK_BEFORE_COMMIT}).
 * The connect and login timeouts (2 s) stay in every variant: they bound how long adding a connection can take.
 */
final class PostgresOrderStore implements OrderStore {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresOrderStore.class);
    /** The advisory lock key that serialises schema creation among replicas ("gauntlet" in ASCII, truncated). */
    private static final long SCHEMA_LOCK = 0x67_61_75_6e_74_6c_65_74L;

    static final String COLUMNS = "id, customer, sku, quantity, total_cents, currency, status, created_at, "
            + "delivery_address, delivery_verified";
    /** Inserts an order with its idempotency key ({@link #bind}). */
    static final String INSERT = "INSERT INTO orders (" + COLUMNS + ", idempotency_key) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final HikariDataSource pool;
    private final Map<String, CompletableFuture<Placement>> inFlight = new ConcurrentHashMap<>();
    private final WriteBehind writeBehind;

    private PostgresOrderStore(HikariDataSource pool, boolean writeBehind) {
        this.pool = pool;
        this.writeBehind = writeBehind ? new WriteBehind(pool) : null;
    }

    /** Connects to {@code jdbcUrl} (waiting up to 10 s for the database) and creates the schema if it is missing. */
    static PostgresOrderStore open(String jdbcUrl, Set<Defect> defects) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(jdbcUrl);
        c.setUsername("postgres");
        c.setPoolName("orders");
        c.setAutoCommit(true);
        c.setInitializationFailTimeout(10_000);
        c.addDataSourceProperty("ApplicationName", "orders-api");
        c.addDataSourceProperty("tcpKeepAlive", "true");
        c.addDataSourceProperty("connectTimeout", "2");
        c.addDataSourceProperty("loginTimeout", "2");
        if (defects.contains(Defect.DB_NO_TIMEOUT)) {
            c.setConnectionTimeout(30_000); // HikariCP's default; no socket or statement timeout at all
        } else {
            c.setConnectionTimeout(500);
            c.setValidationTimeout(250);
            c.addDataSourceProperty("socketTimeout", "1");
            c.addDataSourceProperty("options", "-c statement_timeout=1000 -c lock_timeout=500 "
                    + "-c idle_in_transaction_session_timeout=5000");
        }
        if (defects.contains(Defect.DB_UNBOUNDED_POOL)) {
            c.setMaximumPoolSize(1000); // "without bound": every waiting request gets a connection of its own ...
            c.setConnectionTimeout(30_000); // ... so no limit on the wait for one is set either (HikariCP's default)
        } else {
            c.setMaximumPoolSize(8);
            c.setMinimumIdle(2);
        }
        c.setIdleTimeout(60_000);
        c.setMaxLifetime(600_000);
        c.setKeepaliveTime(30_000);
        PostgresOrderStore store = new PostgresOrderStore(new HikariDataSource(c),
                defects.contains(Defect.DB_ACK_BEFORE_COMMIT));
        store.createSchema();
        return store;
    }

    @Override
    public String nextId() {
        return query("SELECT nextval('order_ids')", s -> { }, r -> "ord-" + r.getLong(1)).get(0);
    }

    @Override
    public void save(Order order) {
        insert(order, null);
    }

    @Override
    public Placement place(String customer, String idempotencyKey, Function<String, Order> placer) {
        String key = customer + '\n' + idempotencyKey;
        CompletableFuture<Placement> mine = new CompletableFuture<>();
        CompletableFuture<Placement> earlier = inFlight.putIfAbsent(key, mine);
        if (earlier != null) {
            return new Placement(OrderStore.joined(earlier).order(), true);
        }
        try {
            Placement p = placeOnce(customer, idempotencyKey, placer);
            mine.complete(p);
            return p;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    /** One round trip for an earlier order with the key and a new id, the placer, then one insert (its commit). */
    private Placement placeOnce(String customer, String idempotencyKey, Function<String, Order> placer) {
        if (writeBehind != null) { // the defect: acknowledged now, committed later, maybe never
            Order pending = writeBehind.byKey(customer, idempotencyKey);
            if (pending != null) {
                return new Placement(pending, true);
            }
            Order order = placer.apply(writeBehind.nextId());
            writeBehind.queue(order, idempotencyKey);
            return new Placement(order, false);
        }
        List<Object[]> found = query("SELECT (SELECT id FROM orders WHERE customer = ? AND idempotency_key = ?), "
                + "nextval('order_ids')", s -> {
                    s.setString(1, customer);
                    s.setString(2, idempotencyKey);
                }, r -> new Object[] {r.getString(1), r.getLong(2)});
        String existing = (String) found.get(0)[0];
        if (existing != null) {
            return new Placement(find(customer, existing).orElseThrow(), true);
        }
        Order order = placer.apply("ord-" + found.get(0)[1]);
        if (!insert(order, idempotencyKey)) {
            return new Placement(find(customer, byKey(customer, idempotencyKey)).orElseThrow(), true);
        }
        return new Placement(order, false);
    }

    private String byKey(String customer, String idempotencyKey) {
        return query("SELECT id FROM orders WHERE customer = ? AND idempotency_key = ?", s -> {
            s.setString(1, customer);
            s.setString(2, idempotencyKey);
        }, r -> r.getString(1)).get(0);
    }

    /** Inserts (one statement, committed when it returns); false when the idempotency key was taken meanwhile. */
    private boolean insert(Order o, String idempotencyKey) {
        return update(INSERT + " ON CONFLICT (customer, idempotency_key) DO NOTHING", s -> bind(s, o, idempotencyKey)) == 1;
    }

    static void bind(PreparedStatement s, Order o, String idempotencyKey) throws SQLException {
        s.setString(1, o.id());
        s.setString(2, o.customer());
        s.setString(3, o.sku());
        s.setInt(4, o.quantity());
        s.setLong(5, o.totalCents());
        s.setString(6, o.currency());
        s.setString(7, o.status().name());
        s.setTimestamp(8, Timestamp.from(o.createdAt()));
        s.setString(9, o.delivery() == null ? null : o.delivery().address());
        if (o.delivery() == null) {
            s.setNull(10, java.sql.Types.BOOLEAN);
        } else {
            s.setBoolean(10, o.delivery().verified());
        }
        s.setString(11, idempotencyKey);
    }

    @Override
    public Optional<Order> find(String customer, String id) {
        Order pending = writeBehind == null ? null : writeBehind.byId(id);
        if (pending != null) {
            return pending.customer().equals(customer) ? Optional.of(pending) : Optional.empty();
        }
        return query("SELECT " + COLUMNS + " FROM orders WHERE id = ? AND customer = ?", s -> {
            s.setString(1, id);
            s.setString(2, customer);
        }, PostgresOrderStore::order).stream().findFirst();
    }

    @Override
    public List<Order> list(String customer, int limit) {
        return query("SELECT " + COLUMNS + " FROM orders WHERE customer = ? ORDER BY created_at DESC, id DESC LIMIT ?",
                s -> {
                    s.setString(1, customer);
                    s.setInt(2, limit);
                }, PostgresOrderStore::order);
    }

    @Override
    public List<Order> listAll(int limit) {
        return query("SELECT " + COLUMNS + " FROM orders ORDER BY created_at DESC, id DESC LIMIT ?",
                s -> s.setInt(1, limit), PostgresOrderStore::order);
    }

    @Override
    public java.util.Map<String, Integer> customers() {
        java.util.Map<String, Integer> out = new java.util.TreeMap<>();
        query("SELECT customer, count(*) FROM orders GROUP BY customer", s -> { }, r -> out.put(r.getString(1),
                r.getInt(2)));
        return out;
    }

    @Override
    public void forget(Order order) {
        update("DELETE FROM orders WHERE id = ?", s -> s.setString(1, order.id()));
    }

    @Override
    public Optional<String> ownerOf(String id) {
        return query("SELECT customer FROM orders WHERE id = ?", s -> s.setString(1, id), r -> r.getString(1)).stream()
                .findFirst();
    }

    @Override
    public Order assign(Order order) {
        update("UPDATE orders SET status = ? WHERE id = ?", s -> {
            s.setString(1, order.status().name());
            s.setString(2, order.id());
        });
        return order;
    }

    @Override
    public Optional<Order> cancel(String customer, String id) {
        return query("UPDATE orders SET status = 'CANCELLED' WHERE id = ? AND customer = ? RETURNING " + COLUMNS, s -> {
            s.setString(1, id);
            s.setString(2, customer);
        }, PostgresOrderStore::order).stream().findFirst();
    }

    private static Order order(ResultSet r) throws SQLException {
        return new Order(r.getString(1), r.getString(2), r.getString(3), r.getInt(4), r.getLong(5), r.getString(6),
                Order.Status.valueOf(r.getString(7)), r.getTimestamp(8).toInstant(),
                r.getString(9) == null ? null : new Order.Delivery(r.getString(9), r.getBoolean(10)));
    }

    interface Binder {
        void bind(PreparedStatement s) throws SQLException;
    }

    interface Row<T> {
        T read(ResultSet r) throws SQLException;
    }

    private <T> List<T> query(String sql, Binder binder, Row<T> row) {
        try (Connection c = pool.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            binder.bind(s);
            try (ResultSet r = s.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (r.next()) {
                    out.add(row.read(r));
                }
                return out;
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    private int update(String sql, Binder binder) {
        try (Connection c = pool.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            binder.bind(s);
            return s.executeUpdate();
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /**
     * Creates the table, index and id sequence if missing, in one transaction under an advisory lock: replicas that
     * start together would otherwise race on {@code CREATE ... IF NOT EXISTS}, which is not safe concurrently
     * (a unique violation on the catalog).
     */
    private void createSchema() {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            c.setNetworkTimeout(Runnable::run, 15_000); // the pool resets it when the connection comes back
            try (var s = c.createStatement()) {
                s.execute("SET LOCAL lock_timeout = '10s'");
                s.execute("SET LOCAL statement_timeout = '10s'");
                s.execute("SELECT pg_advisory_xact_lock(" + SCHEMA_LOCK + ")");
                s.execute("CREATE TABLE IF NOT EXISTS orders (id text PRIMARY KEY, customer text NOT NULL, "
                        + "sku text NOT NULL, quantity int NOT NULL, total_cents bigint NOT NULL, currency text NOT NULL, "
                        + "status text NOT NULL, created_at timestamptz NOT NULL, delivery_address text, "
                        + "delivery_verified boolean, idempotency_key text, UNIQUE (customer, idempotency_key))");
                s.execute("CREATE INDEX IF NOT EXISTS orders_by_customer ON orders (customer, created_at DESC, id DESC)");
                s.execute("CREATE SEQUENCE IF NOT EXISTS order_ids");
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    static Problem unavailable(SQLException e) {
        LOG.warn("order store: {}", e.getMessage());
        return Problem.of(503, "Service Unavailable", "Orders cannot be read or stored right now; try again shortly.");
    }

    @Override
    public void close() {
        if (writeBehind != null) {
            writeBehind.close();
        }
        pool.close();
    }
}
