package io.marketbridge.marketplace.elevenst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marketbridge.marketplace.RejectedException;
import io.marketbridge.order.Marketplace;
import io.marketbridge.stock.LearnedListing;
import java.nio.charset.Charset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The 11st stock read as the listing import reads it, from answers written by hand after 11st.md 1.7 (the items'
 * fields prdNo, prdStckNo, mixOptNm, mixDtlOptNm, mixOptNo, addPrc, optWght, prdStckStatCd, selQty, sellerStockCd,
 * stckQty; the product services' ClientMessage with resultCode).
 */
class ElevenstListingsTest {

    static final Charset MS949 = Charset.forName("x-windows-949");

    static ElevenstXml.Answer parse(String xml) throws Exception {
        return ElevenstXml.parse(xml.getBytes(MS949), MS949);
    }

    static String item(String prefix, String prdNo, String prdStckNo, String code, String qty) {
        String p = prefix;
        return "<" + p + "ProductStock><" + p + "addPrc>0</" + p + "addPrc><" + p + "mixDtlOptNm>빨강</" + p + "mixDtlOptNm><"
                + p + "mixOptNm>색상</" + p + "mixOptNm><" + p + "optWght>0</" + p + "optWght><" + p + "prdNo>" + prdNo
                + "</" + p + "prdNo><" + p + "prdStckNo>" + prdStckNo + "</" + p + "prdStckNo><" + p + "prdStckStatCd>01</"
                + p + "prdStckStatCd><" + p + "selQty>3</" + p + "selQty><" + p + "sellerStockCd>" + code + "</" + p
                + "sellerStockCd><" + p + "stckQty>" + qty + "</" + p + "stckQty></" + p + "ProductStock>";
    }

    @Test
    void everyOptionWithTheSellersCodePrefixedOrNot() throws Exception {
        String xml = "<?xml version=\"1.0\" encoding=\"euc-kr\" standalone=\"yes\"?>"
                + "<ns2:ProductStocks xmlns:ns2=\"http://skt.tmall.business.openapi.spring.service.client.domain/\">"
                + "<ns2:prdNo>5120000001</ns2:prdNo>"
                + item("ns2:", "5120000001", "9100000011", "SKU-RED-S", "5")
                + item("", "5120000001", "9100000012", "null", "0")
                + item("ns2:", "5120000001", "9100000013", "  SKU-RED-L ", "12")
                + "</ns2:ProductStocks>";
        List<LearnedListing> options = ElevenstListings.options("5120000001", parse(xml));
        assertThat(options).containsExactly(
                new LearnedListing(Marketplace.ELEVENST, "5120000001", "9100000011", "SKU-RED-S"),
                new LearnedListing(Marketplace.ELEVENST, "5120000001", "9100000012", null),
                new LearnedListing(Marketplace.ELEVENST, "5120000001", "9100000013", "SKU-RED-L"));
    }

    @Test
    void itemsOfAnotherProductOrWithoutAStockNumberAreLeftOut() throws Exception {
        String xml = "<ProductStocks>" + item("", "5120000001", "9100000011", "A", "1")
                + item("", "5120000099", "9100000991", "B", "1") + item("", "5120000001", "0", "C", "1")
                + item("", "5120000001", "", "D", "1") + "</ProductStocks>";
        assertThat(ElevenstListings.options("5120000001", parse(xml))).extracting(LearnedListing::optionId)
                .containsExactly("9100000011");
    }

    @Test
    void aClientMessageOtherThan2xxIsTheProductsRefusal() throws Exception {
        String xml = "<?xml version=\"1.0\" encoding=\"euc-kr\"?><ClientMessage><productNo>5120000077</productNo>"
                + "<message>상품이 없습니다.</message><resultCode>404</resultCode></ClientMessage>";
        assertThatThrownBy(() -> ElevenstListings.options("5120000077", parse(xml)))
                .isInstanceOf(RejectedException.class).hasMessageContaining("resultCode 404")
                .hasMessageContaining("5120000077");
    }
}
