package io.marketbridge.marketplace.coupang;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Coupang's CEA HMAC signature (coupang.md 1.2): HMAC-SHA256 over signedDate + METHOD + path + query, where
 * the query is the raw string exactly as sent (percent-encoding unchanged, no '?'). The body is not signed.
 */
public final class CoupangSigner {

    static final DateTimeFormatter SIGNED_DATE = DateTimeFormatter.ofPattern("yyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private CoupangSigner() {
    }

    public static String signedDate(Instant now) {
        return SIGNED_DATE.format(now);
    }

    public static String signature(String secretKey, String signedDate, String method, String path, String rawQuery) {
        String message = signedDate + method.toUpperCase() + path + (rawQuery == null ? "" : rawQuery);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** The Authorization header value, fields separated by ", " as the WING SDK sends them. */
    public static String authorization(String accessKey, String secretKey, String method, String path, String rawQuery,
                                       Instant now) {
        String signedDate = signedDate(now);
        return "CEA algorithm=HmacSHA256, access-key=" + accessKey + ", signed-date=" + signedDate
                + ", signature=" + signature(secretKey, signedDate, method, path, rawQuery);
    }
}
