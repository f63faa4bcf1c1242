package io.marketbridge.marketplace.naver;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * Naver's client_secret_sign: Base64(bcrypt(client_id + "_" + timestamp_ms, salt = client_secret)). The
 * application secret is itself a bcrypt salt string, used as it is.
 */
public final class NaverSigner {

    private NaverSigner() {
    }

    public static String clientSecretSign(String clientId, String clientSecret, long timestampMillis) {
        String hashed = BCrypt.hashpw(clientId + "_" + timestampMillis, clientSecret);
        return Base64.getEncoder().encodeToString(hashed.getBytes(StandardCharsets.UTF_8));
    }
}
