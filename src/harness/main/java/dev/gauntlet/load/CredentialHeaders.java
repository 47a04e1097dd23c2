package dev.gauntlet.load;

import java.util.Locale;

/** Which request headers carry who sent the request: the tap keeps them, the checks after the load read them. */
public final class CredentialHeaders {
    private CredentialHeaders() {
    }

    /** Whether a header of this name (any case) usually carries credentials or the caller's identity. */
    public static boolean carriesCredentials(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.equals("authorization") || n.equals("proxy-authorization") || n.equals("cookie")
                || n.contains("api-key") || n.contains("apikey") || n.contains("token") || n.contains("tenant")
                || n.startsWith("x-user");
    }
}
