package io.marketbridge.simulator.esm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketbridge.simulator.esm.EsmSimulatorSettings.Master;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The simulator's own check of ESM's self-signed JWT, written from esm.md 2.1: header alg HS256 with kid = the
 * ESM+ master ID; claims sub "sell", aud "sa.esmplus.com", iat (epoch seconds, number or string), ssi
 * "A:...,G:..."; signature HMAC-SHA256 over b64url(header) "." b64url(payload) with the master's secret,
 * base64url without padding.
 */
final class EsmTokenCheck {

    static final String AUDIENCE = "sa.esmplus.com";
    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+");

    /** Who a verified token speaks for: its master and the site seller keys ("G:id", "A:id") of its ssi. */
    record Caller(String masterId, Set<String> sellerKeys) {
    }

    private final EsmStore store;
    /** The iat switch: any (number or numeric string), number, string. */
    private final Supplier<String> iatAs;
    private final ObjectMapper json = new ObjectMapper();

    EsmTokenCheck(EsmStore store, Supplier<String> iatAs) {
        this.store = store;
        this.iatAs = iatAs;
    }

    /**
     * Verifies the Bearer JWT: HS256 signature with the secret of the master named by kid, sub "sell" (or the
     * dom claim one source mentions), aud sa.esmplus.com, an iat, and an ssi whose every seller the master owns.
     * Null means 401. iss is not checked (ESM does not check it strictly either).
     */
    Caller verify(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String[] parts = authorization.substring(7).trim().split("\\.", -1);
        // JWT segments are base64url without padding (RFC 7519, esm.md 2.1); the JDK decoder would also take '='
        if (parts.length != 3 || !Arrays.stream(parts).allMatch(p -> BASE64URL.matcher(p).matches())) {
            return null;
        }
        try {
            Base64.Decoder b64 = Base64.getUrlDecoder();
            JsonNode header = json.readTree(b64.decode(parts[0]));
            JsonNode payload = json.readTree(b64.decode(parts[1]));
            if (!"HS256".equals(header.path("alg").asText()) || !header.hasNonNull("kid")) {
                return null;
            }
            String masterId = header.get("kid").asText();
            Master master = store.master(masterId);
            if (master == null) {
                return null;
            }
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(master.secret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] expected = mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!MessageDigest.isEqual(expected, b64.decode(parts[2]))) {
                return null;
            }
            if (!"sell".equals(payload.path("sub").asText(payload.path("dom").asText(null)))) {
                return null;
            }
            JsonNode aud = payload.path("aud");
            boolean audOk = aud.isArray() ? aud.toString().contains("\"" + AUDIENCE + "\"") : AUDIENCE.equals(aud.asText());
            if (!audOk || !iatOk(payload.get("iat"))) {
                return null;
            }
            Set<String> keys = new LinkedHashSet<>();
            for (String entry : payload.path("ssi").asText("").split(",")) {
                String e = entry.trim();
                if (e.isEmpty()) {
                    continue;
                }
                SiteSeller s = store.seller(e);
                if (s == null || !s.masterId.equals(masterId)) {
                    return null; // a seller the master does not own
                }
                keys.add(e);
            }
            return keys.isEmpty() ? null : new Caller(masterId, keys);
        } catch (IOException | IllegalArgumentException | GeneralSecurityException e) {
            return null;
        }
    }

    private boolean iatOk(JsonNode iat) {
        if (iat == null || iat.isNull()) {
            return false;
        }
        boolean number = iat.isIntegralNumber();
        boolean string = iat.isTextual() && iat.asText().matches("[0-9]{9,11}");
        return switch (iatAs.get()) {
            case "number" -> number;
            case "string" -> string;
            default -> number || string;
        };
    }
}
