package io.marketbridge.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LogMaskerTest {

    @AfterEach
    void forget() {
        LogMasker.forgetProtected();
    }

    @Test
    void aProtectedValueIsMaskedWhereverItAppears() {
        LogMasker.protect("Zq8-coupang-secret-7781");
        LogMasker.protect("k3y");          // too short to mask as text: masked by its name only
        LogMasker.protect("{{env:ACME_SECRET}}");

        assertThat(LogMasker.mask("HTTP operation failed invoking http://h/x?sig=Zq8-coupang-secret-7781&a=1 (Zq8-coupang-secret-7781)"))
                .isEqualTo("HTTP operation failed invoking http://h/x?sig=******&a=1 (******)");
        assertThat(LogMasker.mask("k3y and {{env:ACME_SECRET}} stay")).isEqualTo("k3y and {{env:ACME_SECRET}} stay");
    }

    @Test
    void theLongestOfTwoOverlappingSecretsIsMaskedWhole() {
        LogMasker.protect("abcdef-secret");
        LogMasker.protect("abcdef-secret-longer");
        assertThat(LogMasker.mask("x abcdef-secret-longer y abcdef-secret z")).isEqualTo("x ****** y ****** z");
    }

    @Test
    void credentialShapedTextIsMasked() {
        assertThat(LogMasker.mask("Authorization: CEA algorithm=HmacSHA256, access-key=AK1, signed-date=261129T123720Z, signature=9f8e7d"))
                .isEqualTo("Authorization: CEA ******");
        assertThat(LogMasker.mask(">> openapikey: demo11stOpenApiKeyA0000001")).isEqualTo(">> openapikey: ******");
        assertThat(LogMasker.mask("header Authorization=Bearer abc.def-ghi")).isEqualTo("header Authorization=Bearer ******");
        assertThat(LogMasker.mask("calling with Bearer 2f9c0a7e-token-value done")).isEqualTo("calling with Bearer ****** done");
        assertThat(LogMasker.mask("jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl end")).isEqualTo("jwt ****** end");
        assertThat(LogMasker.mask("salt $2a$04$DemoNaverStoreAsecret0 used")).isEqualTo("salt ****** used");
        assertThat(LogMasker.mask("{\"access_token\":\"tok-123456\",\"expires_in\":10800}"))
                .isEqualTo("{\"access_token\":\"******\",\"expires_in\":10800}");
        assertThat(LogMasker.mask("client_secret_sign=JDJhJDA0JE&type=SELF")).isEqualTo("client_secret_sign=******&type=SELF");
        assertThat(LogMasker.mask("marketbridge.db.password = hunter2!")).isEqualTo("marketbridge.db.password = ******");
    }

    @Test
    void phoneNumbersEmailsAndCustomsCodesAreMasked() {
        assertThat(LogMasker.mask("buyer 010-1234-5678 / 01098765432 / 010 1234 5678 / +82-10-1234-5678"))
                .isEqualTo("buyer ****** / ****** / ****** / ******");
        assertThat(LogMasker.mask("safe 0502-1234-5678 0504-123-4567 landline 02-123-4567 031-1234-5678 jp 090-1234-5678"))
                .isEqualTo("safe ****** ****** landline ****** ****** jp ******");
        assertThat(LogMasker.mask("mail kim.minjun+shop@example.co.kr customs P123456789012"))
                .isEqualTo("mail ****** customs ******");
    }

    @Test
    void operationalTextIsLeftAlone() {
        String poll = "account=demo-coupang-a job=orders window=2026-11-21T22:09:40+09:00..2026-11-22T22:09:40+09:00"
                + " fetched=47 new=41 duplicates=0 confirmed=47 duration=6943ms order=2026112901012345678 box=01012345678901";
        assertThat(LogMasker.mask(poll)).isEqualTo(poll);
        String config = "marketbridge.account.acme.secret-key = {{env:ACME_SECRET}} cannot be resolved: set the environment"
                + " variable; marketbridge.account.acme.client-secret must look like $2a$04$..., not (secret value)";
        assertThat(LogMasker.mask(config)).isEqualTo(config);
        String account = "Account[demo-naver-a {client-secret=******, token-type=SELF, rate-per-second=5}]";
        assertThat(LogMasker.mask(account)).isEqualTo(account);
        String stack = "at io.marketbridge.intake.OrderIntake.deliver(OrderIntake.java:120) 2026-11-29 12:37:20.396 ElevenstOrders@32a2a6be";
        assertThat(LogMasker.mask(stack)).isEqualTo(stack);
    }

    @Test
    void sensitiveNames() {
        assertThat(LogMasker.isSensitiveName("marketbridge.account.a.secret-key")).isTrue();
        assertThat(LogMasker.isSensitiveName("marketbridge.account.a.access-key")).isTrue();
        assertThat(LogMasker.isSensitiveName("marketbridge.account.a.api-key")).isTrue();
        assertThat(LogMasker.isSensitiveName("marketbridge.db.password")).isTrue();
        assertThat(LogMasker.isSensitiveName("marketbridge.simulators.esm.master.m.secret")).isTrue();
        assertThat(LogMasker.isSensitiveName("camel.management.token")).isTrue();
        assertThat(LogMasker.isSensitiveName("marketbridge.account.a.client-id")).isFalse();
        assertThat(LogMasker.isSensitiveName("marketbridge.account.a.token-type")).isFalse();
        assertThat(LogMasker.isSensitiveName("marketbridge.db.url")).isFalse();
    }

    @Test
    void camelPropertyLinesKeepTheKeyAndSourceButNeverTheValue() {
        Object[] secret = {"marketbridge.account.x.client-id", "some-unremarkable-value"};
        assertThat(MaskedEvent.withoutValues("Found property: {} with value: {} to be used.", secret))
                .isEqualTo("Found property: marketbridge.account.x.client-id with value: ****** to be used.");
        assertThat(MaskedEvent.withoutValues("Found an OS environment property: {} with value: {} to be used.", secret))
                .isEqualTo("Found an OS environment property: marketbridge.account.x.client-id with value: ****** to be used.");
        assertThat(MaskedEvent.withoutValues("Found property (custom lookup): {} with value: {} to be used.", secret))
                .isEqualTo("Found property (custom lookup): marketbridge.account.x.client-id with value: ****** to be used.");
        assertThat(MaskedEvent.withoutValues("Property (name: {} default: {}) resolved from source: {} -> {}",
                new Object[] {"k", "dflt", "file:acme.properties", "v"}))
                .isEqualTo("Property (name: k default: ******) resolved from source: file:acme.properties -> ******");
        assertThat(MaskedEvent.withoutValues("lookup(name: {} default: {}) -> {}", new Object[] {"k", null, "v"}))
                .isEqualTo("lookup(name: k default: ******) -> ******");
        assertThat(MaskedEvent.withoutValues("Property with key [{}] applied by function [{}] -> {}", new Object[] {"env:ACME_K", "env", "v"}))
                .isEqualTo("Property with key [env:ACME_K] applied by function [env] -> ******");
        assertThat(MaskedEvent.withoutValues("Parsed uri {} -> {}", new Object[] {"{{k}}", "v"})).isEqualTo("Parsed uri {{k}} -> ******");
        // and what the rules make of it after: the mask is not masked again
        assertThat(LogMasker.mask(MaskedEvent.withoutValues("Found property: {} with value: {} to be used.",
                new Object[] {"marketbridge.db.password", "pw"})))
                .isEqualTo("Found property: marketbridge.db.password with value: ****** to be used.");
        assertThat(LogMasker.mask("secret-key = ******, api-key: \"******\"")).isEqualTo("secret-key = ******, api-key: \"******\"");
        assertThat(MaskedEvent.withoutValues("Parsing location: {}", new Object[] {"file:acme.properties"}))
                .isEqualTo("Parsing location: file:acme.properties");
    }
}
