package io.marketbridge.marketplace.coupang;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The test vectors of coupang.md 1.2. */
class CoupangSignerTest {

    static final String SECRET = "test-secret-key-0123456789abcdef0123456789";
    static final String ACCESS = "test-access-key-0000-0000-000000000000";
    static final Instant AT = Instant.parse("2025-07-16T01:30:00Z");

    @Test
    void signedDateIsUtcWithTwoDigitYear() {
        assertThat(CoupangSigner.signedDate(AT)).isEqualTo("250716T013000Z");
    }

    @Test
    void signsTheListQueryExactlyAsEncoded() {
        String query = "createdAtFrom=2025-07-15%2B09:00&createdAtTo=2025-07-25%2B09:00&maxPerPage=50&status=INSTRUCT";
        assertThat(CoupangSigner.signature(SECRET, "250716T013000Z", "GET",
                "/v2/providers/openapi/apis/api/v5/vendors/A00012345/ordersheets", query))
                .isEqualTo("4ffa6f17fd1c6845100d24d0b72df469ee8e53da63fbb5a0a19b19b4d322f337");
    }

    @Test
    void signsAPutWithoutQuery() {
        assertThat(CoupangSigner.signature(SECRET, "250716T013000Z", "PUT",
                "/v2/providers/openapi/apis/api/v4/vendors/A00012345/ordersheets/acknowledgement", ""))
                .isEqualTo("1c4f41ee8efdd966ccb48425ee9f96f839a9e975be0e75f967a50a2911ac8b00");
    }

    @Test
    void buildsTheAuthorizationHeader() {
        String query = "createdAtFrom=2025-07-15%2B09:00&createdAtTo=2025-07-25%2B09:00&maxPerPage=50&status=INSTRUCT";
        assertThat(CoupangSigner.authorization(ACCESS, SECRET, "GET",
                "/v2/providers/openapi/apis/api/v5/vendors/A00012345/ordersheets", query, AT))
                .isEqualTo("CEA algorithm=HmacSHA256, access-key=test-access-key-0000-0000-000000000000,"
                        + " signed-date=250716T013000Z, signature=4ffa6f17fd1c6845100d24d0b72df469ee8e53da63fbb5a0a19b19b4d322f337");
    }

    @Test
    void aReEncodedPlusChangesTheSignature() {
        String path = "/v2/providers/openapi/apis/api/v5/vendors/A00012345/ordersheets";
        assertThat(CoupangSigner.signature(SECRET, "250716T013000Z", "GET", path, "createdAtFrom=2025-07-15%252B09:00"))
                .isNotEqualTo(CoupangSigner.signature(SECRET, "250716T013000Z", "GET", path, "createdAtFrom=2025-07-15%2B09:00"));
    }
}
