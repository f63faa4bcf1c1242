package io.marketbridge.marketplace.esm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class EsmJwtTest {

    static final Instant AT = Instant.parse("2026-11-24T01:02:03Z");

    @Test
    void everyClaimAndTheSignature() throws Exception {
        // a short secret: ESM does not document its length, and java-jwt does not refuse keys under 256 bits
        String token = EsmJwt.mint("acmemaster", "s3cret", "www.esmplus.com", EsmJwt.ssi("acmeiac", "acmegmkt"), AT, false);
        DecodedJWT jwt = JWT.decode(token);
        assertThat(jwt.getAlgorithm()).isEqualTo("HS256");
        assertThat(jwt.getType()).isEqualTo("JWT");
        assertThat(jwt.getKeyId()).isEqualTo("acmemaster");
        assertThat(jwt.getIssuer()).isEqualTo("www.esmplus.com");
        assertThat(jwt.getSubject()).isEqualTo("sell");
        assertThat(jwt.getAudience()).containsExactly("sa.esmplus.com");
        assertThat(jwt.getClaim("ssi").asString()).isEqualTo("A:acmeiac,G:acmegmkt");
        assertThat(jwt.getClaim("exp").isMissing()).isTrue();
        // iat is a number of epoch seconds on the wire
        JsonNode payload = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(jwt.getPayload()));
        assertThat(payload.get("iat").isIntegralNumber()).isTrue();
        assertThat(payload.get("iat").asLong()).isEqualTo(AT.getEpochSecond());
        // the signature is HMAC-SHA256 over header.payload with the secret, base64url without padding
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("s3cret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = Base64.getUrlEncoder().withoutPadding().encodeToString(
                mac.doFinal((jwt.getHeader() + "." + jwt.getPayload()).getBytes(StandardCharsets.US_ASCII)));
        assertThat(jwt.getSignature()).isEqualTo(expected).doesNotContain("=");
        JWT.require(Algorithm.HMAC256("s3cret")).withAudience("sa.esmplus.com").build().verify(token);
        assertThatThrownBy(() -> JWT.require(Algorithm.HMAC256("other")).build().verify(token))
                .isInstanceOf(SignatureVerificationException.class);
    }

    @Test
    void iatAsAStringAndOneSiteOnly() throws Exception {
        String token = EsmJwt.mint("m", "k", "seller.example.com", EsmJwt.ssi(null, "gmkt1"), AT, true);
        // java-jwt's own decoder refuses a string iat, which is why the simulator verifies tokens by hand
        JsonNode payload = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        assertThat(payload.get("iat").isTextual()).isTrue();
        assertThat(payload.get("iat").asText()).isEqualTo(String.valueOf(AT.getEpochSecond()));
        assertThat(payload.get("ssi").asText()).isEqualTo("G:gmkt1");
        assertThat(payload.get("iss").asText()).isEqualTo("seller.example.com");
        assertThat(EsmJwt.ssi("iac1", " ")).isEqualTo("A:iac1");
    }
}
