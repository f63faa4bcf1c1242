package io.marketbridge.marketplace;

/**
 * One marketplace call, built by a marketplace bean and sent by that marketplace's api route.
 * Kept as an exchange property so a redelivery rebuilds the HTTP message (and signs it afresh).
 *
 * @param rawQuery the query string exactly as it must go on the wire (already percent-encoded), or ""
 * @param purpose  a short, log-safe description ("ordersheets page 3")
 */
public record ApiRequest(String method, String path, String rawQuery, String body, String purpose) {

    public static final String PROPERTY = "mbRequest";
    /** Exchange property: the base URL the call route sends to, set by the api bean's prepare step. */
    public static final String BASE_URL = "mbBaseUrl";

    public static ApiRequest get(String path, String rawQuery, String purpose) {
        return new ApiRequest("GET", path, rawQuery == null ? "" : rawQuery, null, purpose);
    }

    public static ApiRequest withBody(String method, String path, String body, String purpose) {
        return new ApiRequest(method, path, "", body, purpose);
    }
}
