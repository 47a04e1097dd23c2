package dev.gauntlet.contract;

/**
 * One way a provider broke a consumer's expectation, with what a person needs to act on it.
 *
 * @param consumer      consumer name from the pact
 * @param interaction   interaction description
 * @param providerState provider state(s) the interaction ran in, or empty
 * @param kind          {@code body}, {@code status}, {@code header}, {@code state} (state set-up failed) or
 *                      {@code error} (the request itself failed)
 * @param path          JSON path ({@code $.items[0].sku}), header name, or empty
 * @param expected      what the contract expects, as text
 * @param actual        what the provider returned, as text
 * @param message       Pact's own explanation
 */
public record ContractFailure(String consumer, String interaction, String providerState, String kind, String path,
                              String expected, String actual, String message) {

    /** One line for the console and JUnit: who, what, where, expected vs. actual. */
    public String summary() {
        return consumer + " / " + interaction + (providerState.isEmpty() ? "" : " [given " + providerState + "]")
                + ": " + kind + (path.isEmpty() ? "" : " " + path) + ": " + message;
    }
}
