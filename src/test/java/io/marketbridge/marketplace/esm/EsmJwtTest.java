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
    void everyClaimAndAVerifierBuiltApart() throws Exception {
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
        // java-jwt's verifier, built here apart from EsmJwt, accepts the token with the secret and no other;
        // the exact bytes are pinned in theTokenForFixedInputsIsTheOneBuiltByHandFromTheSpec
        assertThat(jwt.getSignature()).doesNotContain("=");
        JWT.require(Algorithm.HMAC256("s3cret")).withAudience("sa.esmplus.com").build().verify(token);
        assertThatThrownBy(() -> JWT.require(Algorithm.HMAC256("other")).build().verify(token))
                .isInstanceOf(SignatureVerificationException.class);
    }

    /**
     * The whole token for fixed inputs, built by hand from esm.md 2.1 with the JDK alone: the JSON texts below, each
     * base64url without padding, and HMAC-SHA256 with the secret's UTF-8 bytes over "header.payload". A different
     * signing input, key encoding, claim or alphabet in EsmJwt changes the token. The member order is java-jwt's
     * (the JSON order does not matter to ESM, but pinning it keeps the comparison byte for byte).
     */
    @Test
    void theTokenForFixedInputsIsTheOneBuiltByHandFromTheSpec() throws Exception {
        String header = "{\"kid\":\"acmemaster\",\"alg\":\"HS256\",\"typ\":\"JWT\"}";
        String payload = "{\"iss\":\"www.esmplus.com\",\"sub\":\"sell\",\"aud\":\"sa.esmplus.com\",\"ssi\":\"A:acmeiac,G:acmegmkt\","
                + "\"iat\":1795482123}";
        Base64.Encoder b64url = Base64.getUrlEncoder().withoutPadding();
        String input = b64url.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + b64url.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("s3cret-키".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = input + "." + b64url.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));

        String token = EsmJwt.mint("acmemaster", "s3cret-키", "www.esmplus.com", EsmJwt.ssi("acmeiac", "acmegmkt"), AT, false);
        assertThat(token).isEqualTo(expected);
        // the same signature computed outside the JVM (Python hmac/hashlib over the same input)
        assertThat(token).endsWith(".kCF8Q2C2md2cL4nL7iZgui7lh1qrhrl9lKFm-tSg0hk");
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
