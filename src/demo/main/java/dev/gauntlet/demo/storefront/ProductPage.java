package dev.gauntlet.demo.storefront;

import java.util.List;

/** One page of the catalogue. */
public record ProductPage(List<Product> items, int page, int size, int total) {

    public ProductPage {
        items = List.copyOf(items);
    }
}
