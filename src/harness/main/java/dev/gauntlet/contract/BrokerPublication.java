package dev.gauntlet.contract;

/**
 * The verification result of one pact from the Pact Broker, as published (or not) to it.
 *
 * @param pact    the broker's name for the pact
 * @param url     where the pact came from
 * @param success the result published: every interaction verified
 * @param version the provider version it was published for, or empty
 * @param error   why it could not be published, or null when it was
 */
public record BrokerPublication(String pact, String url, boolean success, String version, String error) {
    public boolean published() {
        return error == null;
    }
}
