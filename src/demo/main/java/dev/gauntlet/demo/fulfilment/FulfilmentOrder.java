package dev.gauntlet.demo.fulfilment;

/** What fulfilment needs of an order to pick and ship it; everything else the API returns is ignored. */
public record FulfilmentOrder(String id, String sku, int quantity, String status) {

    /** Only confirmed (paid) orders are shipped. */
    public boolean readyToShip() {
        return "CONFIRMED".equals(status);
    }
}
