package dev.gauntlet.cache;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** RFC 9111's rules for answers to requests with credentials, one case each. */
class CachePolicyTest {
    private static final Set<String> AUTHORIZATION = Set.of("Authorization");
    private static final Set<String> API_KEY = Set.of("X-Api-Key");

    private static String breach(Set<String> credentials, int status, Map<String, String> headers) {
        return CachePolicy.breach("GET", credentials, status, headers);
    }

    @Test
    void privateOrNoStoreIsNeverStoredByASharedCache() {
        assertNull(breach(AUTHORIZATION, 200, Map.of("Cache-Control", "private, max-age=60")));
        assertNull(breach(API_KEY, 200, Map.of("cache-control", "no-store")));
        assertNull(breach(API_KEY, 200, Map.of("Cache-Control", "Private")));
    }

    @Test
    void publicOrSMaxageLetsASharedCacheServeItToAnyone() {
        String b = breach(AUTHORIZATION, 200, Map.of("Cache-Control", "public, max-age=60"));
        assertNotNull(b);
        assertTrue(b.contains("Cache-Control: public, max-age=60") && b.contains("Authorization"), b);
        assertNotNull(breach(AUTHORIZATION, 200, Map.of("Cache-Control", "s-maxage=30")));
        assertNotNull(breach(API_KEY, 200, Map.of("Cache-Control", "public", "Vary", "X-Api-Key")));
    }

    @Test
    void privateWithFieldNamesIsNotPrivate() {
        assertNotNull(breach(AUTHORIZATION, 200, Map.of("Cache-Control", "private=\"Set-Cookie\", public")));
    }

    @Test
    void aSharedCacheDoesNotStoreAnswersToAuthorizationUnlessMustRevalidate() {
        assertNull(breach(AUTHORIZATION, 200, Map.of()));
        assertNull(breach(AUTHORIZATION, 200, Map.of("Cache-Control", "max-age=60")));
        String b = breach(AUTHORIZATION, 200, Map.of("Cache-Control", "max-age=60, must-revalidate"));
        assertTrue(b != null && b.contains("must-revalidate"), b);
    }

    @Test
    void otherCredentialsNeedPrivateWhereASharedCacheCouldStoreTheAnswer() {
        String heuristic = breach(API_KEY, 200, Map.of());
        assertTrue(heuristic != null && heuristic.contains("heuristic"), heuristic);
        String fresh = breach(API_KEY, 201, Map.of("Cache-Control", "max-age=60"));
        assertTrue(fresh != null && fresh.contains("freshness lifetime"), fresh);
        assertNull(breach(API_KEY, 201, Map.of()), "a 201 is not heuristically cacheable");
        assertNull(breach(API_KEY, 200, Map.of("Cache-Control", "no-cache")), "stored, but never served unvalidated");
        assertNull(breach(API_KEY, 200, Map.of("Vary", "Accept, x-api-key")), "keyed by the caller's key");
        assertNull(breach(API_KEY, 200, Map.of("Vary", "*")));
    }

    @Test
    void requestsWithoutCredentialsAndWritesAreNotJudged() {
        assertNull(breach(Set.of(), 200, Map.of("Cache-Control", "public")));
        assertNull(CachePolicy.breach("POST", AUTHORIZATION, 200, Map.of("Cache-Control", "public")));
    }
}
