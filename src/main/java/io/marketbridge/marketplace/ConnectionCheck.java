package io.marketbridge.marketplace;

import java.util.Map;

/**
 * An account's connection test: the cheapest authenticated call of its marketplace, sent once through the
 * marketplace's own call route (the route's prepare step signs it, its check step reads the answer with the
 * marketplace's error table), so the test answers as a poll would.
 *
 * @param callRoute  the direct endpoint name the request goes through, e.g. coupang-api
 * @param request    the call; a route that builds its own request (Naver's token route) still gets it, for its purpose
 * @param properties further exchange properties the call route reads (ESM's order-query bucket)
 */
public record ConnectionCheck(String callRoute, ApiRequest request, Map<String, Object> properties) {

    public ConnectionCheck(String callRoute, ApiRequest request) {
        this(callRoute, request, Map.of());
    }
}
