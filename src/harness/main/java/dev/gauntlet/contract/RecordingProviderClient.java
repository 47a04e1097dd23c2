package dev.gauntlet.contract;

import au.com.dius.pact.core.model.IRequest;
import au.com.dius.pact.provider.HttpClientFactory;
import au.com.dius.pact.provider.IProviderInfo;
import au.com.dius.pact.provider.ProviderClient;
import au.com.dius.pact.provider.ProviderResponse;

/** Pact's provider client, keeping the provider's last actual response for the exposure check. */
final class RecordingProviderClient extends ProviderClient {
    private ProviderResponse last;

    RecordingProviderClient(IProviderInfo provider) {
        super(provider, new HttpClientFactory());
    }

    @Override
    public ProviderResponse makeRequest(IRequest request) {
        ProviderResponse response = super.makeRequest(request);
        last = response;
        return response;
    }

    /** The last response, or null when no request was made (e.g. the provider state failed). */
    ProviderResponse last() {
        return last;
    }
}
