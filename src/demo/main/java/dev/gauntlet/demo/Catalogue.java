package dev.gauntlet.demo;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** The fixed catalogue: SKU-1 .. SKU-50, deterministic names and prices, all in EUR. */
final class Catalogue {

    static final int SIZE = 50;
    static final String CURRENCY = "EUR";
    private static final String[] ADJECTIVES =
            {"Sturdy", "Compact", "Silent", "Bright", "Rugged", "Slim", "Classic", "Modular", "Portable", "Deluxe"};
    private static final String[] NOUNS = {"Kettle", "Lamp", "Backpack", "Speaker", "Toolbox"};

    private final List<Product> products = IntStream.rangeClosed(1, SIZE).mapToObj(Catalogue::product).toList();
    private final Map<String, Product> bySku =
            products.stream().collect(Collectors.toUnmodifiableMap(Product::sku, Function.identity()));

    private static Product product(int n) {
        String name = ADJECTIVES[(n - 1) / NOUNS.length] + " " + NOUNS[(n - 1) % NOUNS.length];
        long priceCents = 499 + (n * 1_373L) % 9_000 / 100 * 100;
        return new Product("SKU-" + n, name, priceCents, CURRENCY);
    }

    Optional<Product> find(String sku) {
        return Optional.ofNullable(bySku.get(sku));
    }

    /** One page, 1-based; a page past the end is empty. */
    List<Product> page(int page, int size) {
        long from = (long) (page - 1) * size;
        if (from >= products.size()) {
            return List.of();
        }
        return products.subList((int) from, (int) Math.min(products.size(), from + size));
    }

    int total() {
        return products.size();
    }
}
