package io.marketbridge.simulator.naver;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * The access tokens the simulator has issued and the client_secret_sign check, written from Naver's documentation:
 * one token per client/type/account, reused while 30 minutes or more of its 3 hours remain.
 */
final class NaverTokens {

    /** A token with at least this much life left is handed out again (Naver: 30 minutes of a 3-hour token). */
    private static final Duration REUSE_THRESHOLD = Duration.ofMinutes(30);

    static final class Token {
        final String value;
        final String key;
        final String sellerId;
        volatile Instant expiresAt;

        Token(String value, String key, String sellerId, Instant expiresAt) {
            this.value = value;
            this.key = key;
            this.sellerId = sellerId;
            this.expiresAt = expiresAt;
        }
    }

    private final Duration lifetime;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    /** client|type|account -> the token last issued for it; its monitor guards every change of the token maps. */
    private final Map<String, Token> currentToken = new HashMap<>();
    private final AtomicLong issued = new AtomicLong();
    private Instant lastTokenSweep = Instant.EPOCH;

    NaverTokens(Duration lifetime) {
        this.lifetime = lifetime;
    }

    /** client_secret_sign as Naver specifies it: Base64(bcrypt(clientId + "_" + timestamp, salt = clientSecret)). */
    static String signature(String clientId, String clientSecret, long timestampMillis) {
        String hashed = BCrypt.hashpw(clientId + "_" + timestampMillis, clientSecret);
        return Base64.getEncoder().encodeToString(hashed.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Verifies a client_secret_sign by recomputing the bcrypt hash with the application's secret as the salt
     * and comparing the decoded signature with it. bcrypt keeps only 128 salt bits, so the hash's salt part may
     * differ from the secret's last character: comparing salt prefixes would be wrong.
     */
    static boolean verifySignature(String clientId, String clientSecret, String timestamp, String sign) {
        if (sign == null || sign.isBlank() || clientSecret == null || clientSecret.isBlank()) {
            return false;
        }
        byte[] presented;
        try {
            presented = Base64.getDecoder().decode(sign.trim());
        } catch (IllegalArgumentException e) {
            try {
                presented = Base64.getUrlDecoder().decode(sign.trim());
            } catch (IllegalArgumentException again) {
                return false;
            }
        }
        String expected;
        try {
            expected = BCrypt.hashpw(clientId + "_" + timestamp, clientSecret);
        } catch (IllegalArgumentException e) {
            return false; // a secret that is no bcrypt salt, or a password bcrypt refuses
        }
        return MessageDigest.isEqual(presented, expected.getBytes(StandardCharsets.UTF_8));
    }

    /** The current token of the key while enough of its life remains, else a new one (the old one stays valid). */
    Token issue(String key, String sellerId) {
        Instant now = Instant.now();
        // 30 minutes of Naver's 3 hours; the same share of a shorter lifetime set for tests or benchmarks
        Duration reuse = lifetime.compareTo(REUSE_THRESHOLD.multipliedBy(6)) >= 0 ? REUSE_THRESHOLD : lifetime.dividedBy(6);
        synchronized (currentToken) {
            // expired tokens are swept at most once a second: a sweep walks every token, and thousands of
            // applications may ask for tokens in the same second
            if (now.isAfter(lastTokenSweep.plusSeconds(1))) {
                tokens.values().removeIf(t -> !t.expiresAt.isAfter(now));
                lastTokenSweep = now;
            }
            Token current = currentToken.get(key);
            if (current != null && tokens.containsKey(current.value)
                    && Duration.between(now, current.expiresAt).compareTo(reuse) >= 0) {
                return current;
            }
            byte[] raw = new byte[30];
            ThreadLocalRandom.current().nextBytes(raw);
            Token t = new Token(Base64.getUrlEncoder().withoutPadding().encodeToString(raw), key, sellerId, now.plus(lifetime));
            tokens.put(t.value, t);
            currentToken.put(key, t);
            issued.incrementAndGet();
            return t;
        }
    }

    /** The live token an Authorization header carries ("Bearer ..."), or null. */
    Token bearer(String authorization) {
        if (authorization == null || authorization.length() < 8 || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        Token t = tokens.get(authorization.substring(7).trim());
        if (t == null || !t.expiresAt.isAfter(Instant.now())) {
            return null;
        }
        return t;
    }

    /** Tokens newly issued (a reused token is not counted). */
    long issued() {
        return issued.get();
    }

    /** Invalidates every issued token; the next token request issues a new one. */
    void expireAll() {
        synchronized (currentToken) {
            tokens.clear();
            currentToken.clear();
        }
    }

    /** Moves every issued token's expiry {@code by} earlier, as if it had been issued that much sooner. */
    void age(Duration by) {
        synchronized (currentToken) {
            for (Token t : tokens.values()) {
                t.expiresAt = t.expiresAt.minus(by);
            }
        }
    }
}
