package dev.gauntlet.demo;

import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * In-memory, thread-safe order storage with per-customer idempotency keys: the Orders API's store when it is started
 * without {@code --database-url}.
 */
final class MemoryOrderStore implements OrderStore {

    private final AtomicLong sequence = new AtomicLong();
    private final Map<String, Order> byId = new ConcurrentHashMap<>();
    private final Map<String, Deque<String>> idsByCustomer = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<String>> idempotency = new ConcurrentHashMap<>();

    @Override
    public String nextId() {
        return "ord-" + sequence.incrementAndGet();
    }

    @Override
    public void save(Order order) {
        byId.put(order.id(), order);
        idsByCustomer.computeIfAbsent(order.customer(), c -> new ConcurrentLinkedDeque<>()).addFirst(order.id());
    }

    /**
     * Places an order once per (customer, idempotency key). The first request runs {@code placer} (which may call
     * Payments) and saves its order; concurrent or later requests with the same key wait for it and get the same
     * order back. If the placer throws, the key is released so the client may retry.
     */
    @Override
    public Placement place(String customer, String idempotencyKey, Function<String, Order> placer) {
        String key = customer + '\n' + idempotencyKey;
        CompletableFuture<String> mine = new CompletableFuture<>();
        CompletableFuture<String> earlier = idempotency.putIfAbsent(key, mine);
        if (earlier != null) {
            return new Placement(byId.get(OrderStore.joined(earlier)), true);
        }
        try {
            Order order = placer.apply(nextId());
            save(order);
            mine.complete(order.id());
            return new Placement(order, false);
        } catch (RuntimeException | Error e) {
            idempotency.remove(key, mine);
            mine.completeExceptionally(e);
            throw e;
        }
    }

    @Override
    public Optional<Order> find(String customer, String id) {
        Order order = byId.get(id);
        return order != null && order.customer().equals(customer) ? Optional.of(order) : Optional.empty();
    }

    /** The customer's newest orders first, at most {@code limit}. */
    @Override
    public List<Order> listAll(int limit) {
        return byId.values().stream().sorted(java.util.Comparator.comparing(Order::createdAt).reversed()).limit(limit)
                .toList();
    }

    @Override
    public Map<String, Integer> customers() {
        Map<String, Integer> out = new java.util.TreeMap<>();
        idsByCustomer.forEach((customer, ids) -> out.put(customer, ids.size()));
        return out;
    }

    @Override
    public List<Order> list(String customer, int limit) {
        Deque<String> ids = idsByCustomer.get(customer);
        if (ids == null) {
            return List.of();
        }
        List<Order> orders = new ArrayList<>(Math.min(limit, 16));
        for (Iterator<String> it = ids.iterator(); it.hasNext() && orders.size() < limit; ) {
            Order order = byId.get(it.next());
            if (order != null) { // forgotten meanwhile (lose-writes defect)
                orders.add(order);
            }
        }
        return orders;
    }

    /** Drops an order as if it had never been stored (the {@code lose-writes} defect). */
    @Override
    public void forget(Order order) {
        Deque<String> ids = idsByCustomer.get(order.customer());
        if (ids != null) {
            ids.remove(order.id());
        }
        byId.remove(order.id());
    }

    /** Who owns order {@code id}, if it exists (seeded defects only: every other lookup is scoped to a customer). */
    @Override
    public Optional<String> ownerOf(String id) {
        return Optional.ofNullable(byId.get(id)).map(Order::customer);
    }

    /** Replaces a stored order (the {@code mass-assignment} defect). */
    @Override
    public Order assign(Order order) {
        byId.put(order.id(), order);
        return order;
    }

    @Override
    public Optional<Order> cancel(String customer, String id) {
        Order cancelled = byId.computeIfPresent(id, (k, order) -> order.customer().equals(customer)
                ? order.withStatus(Order.Status.CANCELLED) : order);
        return cancelled != null && cancelled.customer().equals(customer) ? Optional.of(cancelled) : Optional.empty();
    }
}
