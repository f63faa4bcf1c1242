package io.marketbridge.simulator.coupang;

import static io.marketbridge.simulator.coupang.CoupangReplies.gatewayError;

import io.marketbridge.simulator.SimReply;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The gateway's check of the CEA signature (coupang.md 1.2), with Coupang's answers to a missing or malformed
 * header, an unknown access key, a stale signed-date and a wrong signature. Written here from the docs, not shared
 * with the connector's signer, so that a mistake in one side is caught by the other.
 */
final class CoupangSignatureCheck {

    /** The Authorization header; both ", " and "," between the fields are accepted (coupang.md 1.2). */
    private static final Pattern AUTH = Pattern.compile(
            "CEA algorithm=HmacSHA256, ?access-key=([^,]+), ?signed-date=([0-9]{6}T[0-9]{6}Z), ?signature=([0-9a-f]{64})");
    private static final DateTimeFormatter SIGNED_DATE = DateTimeFormatter.ofPattern("yyMMdd'T'HHmmss'Z'");

    /** The vendor whose key signed the call, or the gateway's refusal. */
    record Outcome(String vendor, SimReply refusal) {
    }

    private final CoupangStore store;
    private final Duration window;

    CoupangSignatureCheck(CoupangStore store, Duration window) {
        this.store = store;
        this.window = window;
    }

    /** Checks the call's signature over the path and the query exactly as they arrived. */
    Outcome check(String authorization, String method, String rawPath, String rawQuery) {
        if (authorization == null || !authorization.startsWith("CEA ")) {
            return refused("Request is not authorized.");
        }
        Matcher auth = AUTH.matcher(authorization.trim());
        if (!auth.matches()) {
            return refused("HMAC format is invalid.");
        }
        String vendor = store.vendorOfAccessKey(auth.group(1));
        if (vendor == null) {
            return refused("Unknown error occurred, please contact api-gateway channel for the details.");
        }
        Instant signedAt;
        try {
            signedAt = LocalDateTime.parse(auth.group(2), SIGNED_DATE).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return refused("HMAC format is invalid.");
        }
        if (Duration.between(signedAt, Instant.now()).abs().compareTo(window) > 0) {
            return refused("Specified signature is expired.");
        }
        String expected = signature(store.secretKeyOf(vendor), auth.group(2) + method + rawPath
                + (rawQuery == null ? "" : rawQuery));
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), auth.group(3).getBytes(StandardCharsets.US_ASCII))) {
            return refused("Invalid signature.");
        }
        return new Outcome(vendor, null);
    }

    private static Outcome refused(String message) {
        return new Outcome(null, gatewayError(401, message));
    }

    /**
     * The CEA signature as coupang.md 1.2 gives it: lowercase hex of HMAC-SHA256 (key = secret key as UTF-8) over
     * signedDate + METHOD + path + raw query.
     */
    static String signature(String secretKey, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
