package io.marketbridge.simulator.coupang;

import com.sun.net.httpserver.HttpExchange;
import io.marketbridge.simulator.SimReply;
import java.io.IOException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One resource of Coupang's order API, answered once the gateway has checked the signature, vendor and rate. */
interface CoupangResource {

    /** The prefix of every order API path. */
    String API = "/v2/providers/openapi/apis/api";

    /**
     * The resource's path; group 1 is the vendorId, which must be the signing key's vendor (unless
     * {@link #vendorInPath()} is false).
     */
    Pattern path();

    /** False for a path that names no vendor (the seller_api product calls): the key's vendor is the caller. */
    default boolean vendorInPath() {
        return true;
    }

    /** The one HTTP method the resource answers; any other is a 405. */
    String method();

    /** True when this call re-reads acknowledged boxes, so the failNextRereads fault applies to it. */
    default boolean rereads(Map<String, String> query) {
        return false;
    }

    /** Answers the call of the vendor; {@code path} has matched {@link #path()}, {@code query} is decoded. */
    SimReply answer(String vendor, Matcher path, Map<String, String> query, HttpExchange http) throws IOException;
}
