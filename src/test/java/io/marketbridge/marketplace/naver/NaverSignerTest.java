package io.marketbridge.marketplace.naver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The two vectors of naver.md: Naver's own, and one at cost 4 like the secrets seen in samples. */
class NaverSignerTest {

    @Test
    void naversOwnVector() {
        String sign = NaverSigner.clientSecretSign("aaaabbbbcccc", "$2a$10$abcdefghijklmnopqrstuv", 1643961623299L);
        assertThat(sign).isEqualTo("JDJhJDEwJGFiY2RlZmdoaWprbG1ub3BxcnN0dXVCVldZSk42T0VPdEx1OFY0cDQxa2IuTnpVaUEzbmsy");
        // bcrypt keeps 128 salt bits: the 22nd salt character comes back as 'u', not the secret's 'v'
        assertThat(new String(Base64.getDecoder().decode(sign), StandardCharsets.UTF_8))
                .isEqualTo("$2a$10$abcdefghijklmnopqrstuuBVWYJN6OEOtLu8V4p41kb.NzUiA3nk2");
    }

    @Test
    void costFourVector() {
        String sign = NaverSigner.clientSecretSign("testClientId0000000001", "$2a$04$ABCDEFGHIJKLMNOPQRSTUu", 1700000000000L);
        assertThat(sign).isEqualTo("JDJhJDA0JEFCQ0RFRkdISUpLTE1OT1BRUlNUVXU4NXVqLjRreW51ZHFTd3FHTVVtQUZ4ZkdlQUNMSjNL");
        assertThat(sign).hasSize(80).doesNotContain("+", "/", "=");
    }
}
