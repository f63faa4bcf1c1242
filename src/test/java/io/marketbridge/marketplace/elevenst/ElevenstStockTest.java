package io.marketbridge.marketplace.elevenst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marketbridge.config.Account;
import io.marketbridge.config.AccountKey;
import io.marketbridge.marketplace.ApiRequest;
import io.marketbridge.marketplace.ConfigurationException;
import io.marketbridge.marketplace.TransientMarketplaceException;
import io.marketbridge.order.Marketplace;
import io.marketbridge.order.Order;
import io.marketbridge.stock.LearnedListing;
import io.marketbridge.stock.StockPushUnit;
import io.marketbridge.stock.StockTarget;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * 11st's stock push on fixtures written from 11st.md 1.3 and 1.7: PUT /rest/prodservices/stockqty/{prdStckNo} with
 * a ProductStock body; the answer a ClientMessage with productNo, message and resultCode (200, 400, 404, 500, -1000).
 */
class ElevenstStockTest {

    final ElevenstStock stock = new ElevenstStock();

    static Account account(String max) {
        Map<String, AccountKey> keys = new HashMap<>();
        ElevenstConnector.KEYS.forEach(k -> keys.put(k.name(), k));
        return new Account("acme11", "elevenst", Map.of(ElevenstConnector.API_KEY, "k-0123456789",
                ElevenstConnector.STOCK_MAX_QUANTITY, max), keys);
    }

    static StockPushUnit unit(String prdNo, String prdStckNo, int quantity) {
        return new StockPushUnit(account("99999"), Marketplace.ELEVENST, prdNo,
                List.of(new StockTarget(11, prdStckNo, "ST-RICE-10-01", quantity)));
    }

    static ElevenstXml.Answer clientMessage(String productNo, String message, String code) throws Exception {
        return ElevenstXml.parse("<?xml version=\"1.0\" encoding=\"euc-kr\" standalone=\"yes\"?><ClientMessage>"
                + "<productNo>" + productNo + "</productNo><message>" + message + "</message><resultCode>" + code
                + "</resultCode></ClientMessage>");
    }

    @Test
    void putsTheProductStockBodyOnTheOptionsPath() throws Exception {
        StockPushUnit unit = unit("3456780011", "345678001101", 25);
        stock.begin(unit);
        assertThat(unit.getNextCall()).isEqualTo(ElevenstStock.SET);
        ApiRequest request = stock.request(unit);
        assertThat(request.method()).isEqualTo("PUT");
        assertThat(request.path()).isEqualTo("/rest/prodservices/stockqty/345678001101");
        assertThat(request.body()).isEqualTo("<?xml version=\"1.0\" encoding=\"euc-kr\"?><ProductStock>"
                + "<prdNo>3456780011</prdNo><prdStckNo>345678001101</prdStckNo><stckQty>25</stckQty></ProductStock>");
        assertThat(ElevenstApi.isAction(request)).isTrue();

        stock.answer(unit, clientMessage("3456780011", "재고수량이 수정되었습니다.", "200"));
        assertThat(unit.getOutcome()).isEqualTo("SENT");
        assertThat(unit.getResultCode()).isEqualTo("200");
        assertThat(unit.hasNextCall()).isFalse();
    }

    @Test
    void aNotFoundOrBadRequestCodeIsRejectedNamingTheOption() throws Exception {
        StockPushUnit unknown = unit("3456780011", "345678001199", 5);
        stock.begin(unknown);
        stock.answer(unknown, clientMessage("3456780011", "해당 재고번호가 없습니다.", "404"));
        assertThat(unknown.getOutcome()).isEqualTo("REJECTED");
        assertThat(unknown.getResultCode()).isEqualTo("404");
        assertThat(unknown.getResultMessage()).contains("345678001199").contains("해당 재고번호가 없습니다.")
                .doesNotContain("k-0123456789");

        StockPushUnit bad = unit("3456780011", "345678001101", 5);
        stock.begin(bad);
        stock.answer(bad, clientMessage("3456780011", "잘못된 요청입니다.", "400"));
        assertThat(bad.getResultCode()).isEqualTo("400");

        StockPushUnit business = unit("3456780011", "345678001101", 5);
        stock.begin(business);
        stock.answer(business, clientMessage("3456780011", "판매중지 상품입니다.", "500"));
        assertThat(business.getOutcome()).isEqualTo("REJECTED");
    }

    @Test
    void anAnswerWithoutAResultCodeFails() throws Exception {
        StockPushUnit unit = unit("3456780011", "345678001101", 5);
        stock.begin(unit);
        stock.answer(unit, ElevenstXml.parse("<ClientMessage><productNo>3456780011</productNo></ClientMessage>"));
        assertThat(unit.getOutcome()).isEqualTo("FAILED");
        assertThat(unit.getResultCode()).isEqualTo("NO_RESULT");
    }

    @Test
    void maintenanceIsTransientAndAnUnknownKeyAConfigurationError() throws Exception {
        ElevenstXml.Answer maintenance = clientMessage("", "시스템 점검 중", "-1000");
        assertThatThrownBy(() -> ElevenstErrors.RESULT.check(new ElevenstErrors.Result("11st stock", "acme11",
                maintenance.code(), maintenance.resultText(), true, maintenance.rows().isEmpty())))
                .isInstanceOf(TransientMarketplaceException.class);
        ElevenstXml.Answer key = clientMessage("", "OpenAPI Key 에 해당하는 유저가 없습니다", "-1");
        assertThatThrownBy(() -> ElevenstErrors.RESULT.check(new ElevenstErrors.Result("11st stock", "acme11",
                key.code(), key.resultText(), true, key.rows().isEmpty())))
                .isInstanceOf(ConfigurationException.class);
        // a refusal of the option passes the table and is read by the bean
        ElevenstXml.Answer notFound = clientMessage("1", "없음", "404");
        ElevenstErrors.RESULT.check(new ElevenstErrors.Result("11st stock", "acme11", notFound.code(),
                notFound.resultText(), true, true));
    }

    @Test
    void aQuantityOutsideTheLimitOrAnAddOnIsRejectedBeforeAnyCall() {
        StockPushUnit negative = unit("3456780011", "345678001101", -3);
        stock.begin(negative);
        assertThat(negative.getResultCode()).isEqualTo("BAD_QUANTITY");
        assertThat(negative.hasNextCall()).isFalse();

        StockPushUnit over = new StockPushUnit(account("1000"), Marketplace.ELEVENST, "3456780011",
                List.of(new StockTarget(12, "345678001101", "ST-RICE-10-01", 1001)));
        stock.begin(over);
        assertThat(over.getResultCode()).isEqualTo("BAD_QUANTITY");

        StockPushUnit addOn = unit("3456780011", "0", 4);
        stock.begin(addOn);
        assertThat(addOn.getResultCode()).isEqualTo("UNKNOWN_LISTING");
    }

    @Test
    void learnsPrdNoAndPrdStckNoButNotAddOnLines() {
        Map<String, String> addOn = ElevenstOrderMapperTest.row("2", "4100000001", "1", "500", "500", "0", "3000");
        addOn.put("prdNo", "5000011");
        addOn.put("prdStckNo", "0");
        addOn.put("addPrdYn", "Y");
        Order order = ElevenstOrderMapper.map("acme11", List.of(
                ElevenstOrderMapperTest.row("1", "4100000001", "2", "39800", "79600", "1000", "3000"), addOn));
        List<LearnedListing> listings = new ElevenstConnector().listingsOf(order);
        assertThat(listings).containsExactly(
                new LearnedListing(Marketplace.ELEVENST, "3456780011", "345678001101", "ST-RICE-10-01"));
    }
}
