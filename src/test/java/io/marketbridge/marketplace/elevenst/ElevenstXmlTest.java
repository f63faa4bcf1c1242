package io.marketbridge.marketplace.elevenst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ElevenstXmlTest {

    static final String NS = "http://skt.tmall.business.openapi.spring.service.client.domain/";
    static final Charset MS949 = Charset.forName("x-windows-949");

    static String orders(String... rows) {
        return "<?xml version=\"1.0\" encoding=\"euc-kr\" standalone=\"yes\"?><ns2:orders xmlns:ns2=\"" + NS + "\">"
                + String.join("", rows) + "</ns2:orders>";
    }

    @Test
    void readsFieldsByLocalNameAndASingleOrderIsAListOfOne() throws Exception {
        ElevenstXml.Answer a = ElevenstXml.parse(orders("<ns2:order><ordNo>202611110000001</ordNo><ordPrdSeq>1</ordPrdSeq>"
                + "<ordDlvReqCont>null</ordDlvReqCont><psnCscUniqNo/><rcvrTlphn></rcvrTlphn></ns2:order>"));
        assertThat(a.root()).isEqualTo("orders");
        assertThat(a.code()).isZero();
        assertThat(a.rows()).hasSize(1);
        assertThat(a.rows().get(0)).containsEntry("ordNo", "202611110000001").containsEntry("ordDlvReqCont", "null");
        assertThat(ElevenstXml.value(a.rows().get(0), "ordDlvReqCont")).isNull();
        assertThat(ElevenstXml.value(a.rows().get(0), "psnCscUniqNo")).isNull();
        assertThat(ElevenstXml.value(a.rows().get(0), "rcvrTlphn")).isNull();
        assertThat(ElevenstXml.value(a.rows().get(0), "absent")).isNull();
    }

    @Test
    void noDataIsResultCodeZeroWithoutRowsAndErrorsAreNegativeCodes() throws Exception {
        ElevenstXml.Answer none = ElevenstXml.parse(orders("<ns2:result_code>0</ns2:result_code>"
                + "<ns2:result_text>조회된 결과가 없습니다.</ns2:result_text>"));
        assertThat(none.code()).isZero();
        assertThat(none.rows()).isEmpty();
        assertThat(none.resultText()).isEqualTo("조회된 결과가 없습니다.");
        ElevenstXml.Answer error = ElevenstXml.parse(orders("<ns2:result_code>-3105</ns2:result_code><ns2:result_text>x</ns2:result_text>"));
        assertThat(error.code()).isEqualTo(-3105);
        ElevenstXml.Answer action = ElevenstXml.parse("<result><result_code>-3206</result_code><result_text>already</result_text></result>");
        assertThat(action.root()).isEqualTo("result");
        assertThat(action.code()).isEqualTo(-3206);
        ElevenstXml.Answer auth = ElevenstXml.parse("<AuthMessage><resultCode>-500</resultCode><message>IP</message></AuthMessage>");
        assertThat(auth.code()).isEqualTo(-500);
    }

    @Test
    void cp949NamesOutsideEucKrCoreComeOutIntactFromBytesDeclaredEucKr() throws Exception {
        String name = "김똠이";
        String address = "햏빛마을 3단지 뷁동";
        // the syllables are MS949 extensions: strict EUC-KR cannot encode them
        assertThat(Charset.forName("EUC-KR").newEncoder().canEncode("똠햏뷁")).isFalse();
        assertThat(MS949.newEncoder().canEncode("똠햏뷁")).isTrue();
        byte[] body = orders("<ns2:order><rcvrNm>" + name + "</rcvrNm><rcvrDtlsAddr>" + address + "</rcvrDtlsAddr></ns2:order>")
                .getBytes(MS949);
        ElevenstXml.Answer a = ElevenstXml.parse(body, ElevenstXml.charset("EUC-KR"));
        assertThat(a.rows().get(0)).containsEntry("rcvrNm", name).containsEntry("rcvrDtlsAddr", address);
        // a strict EUC-KR decoder would have lost them
        assertThat(new String(body, Charset.forName("EUC-KR"))).doesNotContain(name);
    }

    @Test
    void utf8WhenConfiguredWhateverTheDeclarationSays() throws Exception {
        byte[] body = orders("<ns2:order><ordNm>박뷁진</ordNm></ns2:order>").getBytes(StandardCharsets.UTF_8);
        assertThat(ElevenstXml.parse(body, ElevenstXml.charset("UTF-8")).rows().get(0)).containsEntry("ordNm", "박뷁진");
        assertThat(ElevenstXml.charset("CP949")).isEqualTo(MS949);
        assertThatThrownBy(() -> ElevenstXml.charset("ISO-8859-1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDoctypeWithAnExternalEntityIsRefusedAndTheFileIsNotRead(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "MARKER-7f3a-SECRET");
        String xxe = "<?xml version=\"1.0\" encoding=\"euc-kr\"?><!DOCTYPE ns2:orders [<!ENTITY xxe SYSTEM \""
                + secret.toUri() + "\">]>" + orders("<ns2:order><ordNm>&xxe;</ordNm></ns2:order>").substring(56);
        assertThat(xxe).contains("<!DOCTYPE").contains("&xxe;");
        assertThatThrownBy(() -> ElevenstXml.parse(xxe.getBytes(MS949), ElevenstXml.charset("EUC-KR")))
                .isInstanceOf(ElevenstXml.UnsafeOrBrokenXml.class)
                .hasMessageContaining("DOCTYPE")
                .satisfies(e -> assertThat(((ElevenstXml.UnsafeOrBrokenXml) e).refused()).isTrue())
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("MARKER"));
        // an internal entity bomb is refused the same way
        String bomb = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;\">]><r>&b;</r>";
        assertThatThrownBy(() -> ElevenstXml.parse(bomb)).isInstanceOf(ElevenstXml.UnsafeOrBrokenXml.class);
    }

    @Test
    void aCutOffBodyIsBrokenNotRefused() {
        assertThatThrownBy(() -> ElevenstXml.parse(orders("<ns2:order><ordNo>1</ordNo>").substring(0, 120)))
                .isInstanceOf(ElevenstXml.UnsafeOrBrokenXml.class)
                .satisfies(e -> assertThat(((ElevenstXml.UnsafeOrBrokenXml) e).refused()).isFalse());
    }
}
