package io.marketbridge.marketplace.esm;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The token ESM wants on every call: a self-signed HS256 JWT, minted per call (ESM has no token endpoint and its
 * examples carry no exp). Header: alg HS256, typ JWT, kid = the ESM+ master ID. Claims: iss (the caller's domain;
 * not strictly checked by ESM), sub "sell", aud "sa.esmplus.com" (even on the sa2 host), iat (epoch seconds: a
 * number, or a string when the account says so), ssi "A:auctionSellerId,G:gmarketSellerId". Never log the result.
 */
public final class EsmJwt {

    public static final String AUDIENCE = "sa.esmplus.com";
    public static final String SUBJECT = "sell";

    private EsmJwt() {
    }

    /** "A:auction,G:gmarket", or one of them when the account sells on one site only. */
    public static String ssi(String auctionSellerId, String gmarketSellerId) {
        List<String> parts = new ArrayList<>();
        if (auctionSellerId != null && !auctionSellerId.isBlank()) {
            parts.add("A:" + auctionSellerId.trim());
        }
        if (gmarketSellerId != null && !gmarketSellerId.isBlank()) {
            parts.add("G:" + gmarketSellerId.trim());
        }
        return String.join(",", parts);
    }

    public static String mint(String masterId, String secretKey, String issuer, String ssi, Instant issuedAt, boolean iatAsString) {
        long iat = issuedAt.getEpochSecond();
        JWTCreator.Builder builder = JWT.create()
                .withKeyId(masterId)
                .withIssuer(issuer)
                .withSubject(SUBJECT)
                .withAudience(AUDIENCE)
                .withClaim("ssi", ssi);
        builder = iatAsString ? builder.withClaim("iat", String.valueOf(iat)) : builder.withClaim("iat", iat);
        return builder.sign(Algorithm.HMAC256(secretKey.getBytes(StandardCharsets.UTF_8)));
    }
}
