package dev.gauntlet.demo;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the Orders API keeps its orders, with per-customer idempotency keys: in memory ({@link MemoryOrderStore}) or
 * in PostgreSQL ({@link PostgresOrderStore}). Every lookup is scoped to a customer: another customer's order is
 * indistinguishable from a missing one. A store that cannot be reached throws {@link Problem} 503.
 */
interface OrderStore extends AutoCloseable {

    /** An order placed, and whether it was a replay of an earlier request with the same idempotency key. */
    record Placement(Order order, boolean replayed) {
    }

    /** A new order id. */
    String nextId();

    /** Stores {@code order} (provider states). */
    void save(Order order);

    /**
     * Places an order once per (customer, idempotency key). The first request runs {@code placer} (which may call
     * Payments) with a new id and stores its order; concurrent or later requests with the same key get the same
     * order back. If the placer throws, nothing is stored and the client may retry.
     */
    Placement place(String customer, String idempotencyKey, Function<String, Order> placer);

    Optional<Order> find(String customer, String id);

    /** The customer's newest orders first, at most {@code limit}. */
    List<Order> list(String customer, int limit);

    /** Every customer's newest orders first, at most {@code limit} (the {@code list-leak} defect). */
    List<Order> listAll(int limit);

    /** Customers to the number of their orders (the back office's view). */
    java.util.Map<String, Integer> customers();

    /** Drops an order as if it had never been stored (the {@code lose-writes} defect). */
    void forget(Order order);

    /** Who owns order {@code id}, if it exists (seeded defects only: every other lookup is scoped to a customer). */
    Optional<String> ownerOf(String id);

    /** Replaces a stored order's status (the {@code mass-assignment} defect). */
    Order assign(Order order);

    Optional<Order> cancel(String customer, String id);

    /** The placement's outcome once it is done; what its placer threw is thrown again as it was. */
    static <T> T joined(java.util.concurrent.CompletableFuture<T> placement) {
        try {
            return placement.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    @Override
    default void close() {
    }
}
