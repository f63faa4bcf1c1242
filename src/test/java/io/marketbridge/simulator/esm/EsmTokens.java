package io.marketbridge.simulator.esm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The simulator tests' own ESM token minter, written from esm.md 2.1 with the JDK alone (no connector code, no JWT
 * library): header {alg HS256, typ JWT, kid master}, claims iss, sub "sell", aud "sa.esmplus.com", iat, ssi;
 * signature HMAC-SHA256 over b64url(header) "." b64url(payload) with the secret, base64url without padding.
 */
final class EsmTokens {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EsmTokens() {
    }

    static String mint(String masterId, String secret, String ssi, long iat, boolean iatAsString) {
        ObjectNode payload = JSON.createObjectNode().put("iss", "www.esmplus.com").put("sub", "sell").put("aud", "sa.esmplus.com")
                .put("ssi", ssi);
        if (iatAsString) {
            payload.put("iat", String.valueOf(iat));
        } else {
            payload.put("iat", iat);
        }
        return sign(header(masterId), payload, secret);
    }

    static ObjectNode header(String masterId) {
        ObjectNode header = JSON.createObjectNode().put("alg", "HS256").put("typ", "JWT");
        return masterId == null ? header : header.put("kid", masterId);
    }

    static String sign(ObjectNode header, ObjectNode payload, String secret) {
        String input = segment(header.toString()) + "." + segment(payload.toString());
        return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(secret, input));
    }

    static String segment(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] hmac(String secret, String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The '=' padding plain base64 would add to a base64url segment. */
    static String pad(String segment) {
        return segment + "=".repeat((4 - segment.length() % 4) % 4);
    }
}
