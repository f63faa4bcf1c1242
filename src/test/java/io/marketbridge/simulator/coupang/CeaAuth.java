package io.marketbridge.simulator.coupang;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The simulator tests' own Coupang CEA signer, written from coupang.md 1.2 and checked against its test vectors
 * (CeaAuthTest); it shares no code with the connector's signer or the simulator's check.
 */
final class CeaAuth {

    private static final DateTimeFormatter SIGNED_DATE = DateTimeFormatter.ofPattern("yyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private CeaAuth() {
    }

    static String signature(String secretKey, String signedDate, String method, String path, String rawQuery) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] digest = mac.doFinal((signedDate + method + path + rawQuery).getBytes(StandardCharsets.UTF_8));
        StringBuilder hex = new StringBuilder();
        for (byte b : digest) {
            hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return hex.toString();
    }

    static String header(String accessKey, String secretKey, String method, String path, String rawQuery, Instant at) throws Exception {
        String signedDate = SIGNED_DATE.format(at);
        return "CEA algorithm=HmacSHA256, access-key=" + accessKey + ", signed-date=" + signedDate
                + ", signature=" + signature(secretKey, signedDate, method, path, rawQuery);
    }
}
