package io.marketbridge.marketplace.qoo10;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketbridge.intake.PollReport;
import io.marketbridge.marketplace.ErrorType;
import io.marketbridge.order.OrderJson;
import io.marketbridge.simulator.qoo10.Qoo10Simulator;
import io.marketbridge.support.Db;
import io.marketbridge.support.RuntimeHarness;
import io.marketbridge.support.SimulatedRuntime;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real qoo10 routes against the Qoo10 simulator: the acceptance cases of issue 18 for orders, confirmation and shipping. */
class Qoo10RouteTest {

    @TempDir
    static Path out;

    static SimulatedRuntime rt;
    static DataSource db;

    static String seller(int n) {
        return "jpshop" + n;
    }

    static String apiKey(int n) {
        return "qoo10-api-key-000" + n;
    }

    static String password(int n) {
        return "qsm-password-" + n;
    }

    static String account(int n) {
        return "qoo10-" + n;
    }

    @BeforeAll
    static void start() throws Exception {
        rt = SimulatedRuntime.qoo10(out, 9, Qoo10RouteTest::seller, Qoo10RouteTest::apiKey, Qoo10RouteTest::password,
                Qoo10RouteTest::account, p -> {
                    p.setProperty("marketbridge.account.qoo10-1.confirm.est-ship-days", "2");
                    p.setProperty("marketbridge.account.qoo10-5.orders.initial-lookback", "P20D");
                    p.setProperty("marketbridge.account.qoo10-8.carrier-names", "SAGAWA=Sagawa Express Japan");
                    p.setProperty("marketbridge.account.qoo10-2.call-style", "legacy");
                    // the accounts above are in p already: the simulator's address is in their blocks
                    String base = p.getProperty("marketbridge.account.qoo10-1.base-url");
                    RuntimeHarness.qoo10Account(p, "bad-key", base, "not-a-key", seller(2), password(2));
                    RuntimeHarness.qoo10Account(p, "bad-login", base, apiKey(2), seller(2), "wrong-password");
                    RuntimeHarness.qoo10Account(p, "ms949-csv", base, apiKey(2), seller(2), password(2));
                    p.setProperty("marketbridge.account.ms949-csv.csv-encoding", "MS949");
                });
        db = rt.db();
    }

    @AfterAll
    static void stop() throws Exception {
        rt.close();
    }

    static Qoo10Simulator qoo10() {
        return rt.simulator().get(Qoo10Simulator.class);
    }

    static ZonedDateTime now() {
        return RuntimeHarness.now();
    }

    static void pollOk(String accountId) {
        rt.runtime().pollOrders(accountId);
        PollReport.Outcome o = rt.runtime().outcome(accountId);
        assertThat(o.ok()).as(String.valueOf(o.message())).isTrue();
    }

    @Test
    void japaneseOrdersArriveWholeInTablesJsonAndCsvAndAreConfirmed() throws Exception {
        List<Long> packs = qoo10().addCarts(seller(1), 2, 2, now().minusMinutes(5), false);
        pollOk(account(1));
        assertThat(rt.runtime().orderCount(account(1))).isEqualTo(2);
        assertThat(Db.count(db, "SELECT COUNT(*) FROM MB_ORDER_LINE WHERE account_id = ?", account(1))).isEqualTo(4);
        assertThat(Db.list(db, "SELECT DISTINCT currency FROM MB_ORDER WHERE account_id = ?", account(1))).containsExactly("JPY");
        String kana = (String) Db.list(db, "SELECT receiver_name_kana FROM MB_ORDER WHERE order_id = ?", String.valueOf(packs.get(0))).get(0);
        assertThat(kana).matches("[\\p{InKatakana} ]+");
        assertThat(Db.list(db, "SELECT buyer_name_kana FROM MB_ORDER WHERE order_id = ?", String.valueOf(packs.get(0))).get(0))
                .asString().matches("[\\p{InKatakana} ]+");

        JsonNode json = OrderJson.mapper().readTree(out.resolve("json/QOO10-" + account(1) + "-" + packs.get(0) + ".json").toFile());
        assertThat(json.path("receiver").path("nameKana").asText()).isEqualTo(kana);
        assertThat(json.path("receiver").path("phone1").asText()).startsWith("+81-");
        assertThat(json.path("currency").asText()).isEqualTo("JPY");
        String csv;
        try (Stream<Path> files = Files.list(out.resolve("csv"))) {
            Path file = files.filter(f -> f.getFileName().toString().startsWith("orders-" + account(1) + "-")).findFirst().orElseThrow();
            csv = Files.readString(file, StandardCharsets.UTF_8);
        }
        assertThat(csv.lines().findFirst().orElseThrow()).endsWith(",buyer_name_kana,receiver_name_kana");
        assertThat(csv).contains(kana).contains(",JPY,");

        for (long pack : packs) {
            for (long orderNo : qoo10().orderNosOf(pack)) {
                assertThat(qoo10().statusOf(orderNo)).isEqualTo(3);
                assertThat(qoo10().shippingOf(orderNo)[2]).matches("20[0-9]{6}");
            }
        }
        assertThat(Db.count(db, "SELECT COUNT(*) FROM MB_CONFIRMATION WHERE account_id = ? AND confirm_state = 'CONFIRMED'",
                account(1))).isEqualTo(4);
    }

    @Test
    void aBadKeyOrPasswordIsAConfigurationErrorOfThatAccountOnly() {
        long pack = qoo10().addCarts(seller(2), 1, 1, now().minusMinutes(5), false).get(0);
        rt.runtime().pollOrders("bad-key");
        PollReport.Outcome badKey = rt.runtime().outcome("bad-key");
        assertThat(badKey.ok()).isFalse();
        assertThat(badKey.errorType()).isEqualTo(ErrorType.CONFIGURATION);
        assertThat(badKey.message()).contains("marketbridge.account.bad-key.api-key").doesNotContain("not-a-key");
        rt.runtime().pollOrders("bad-login");
        PollReport.Outcome badPassword = rt.runtime().outcome("bad-login");
        assertThat(badPassword.errorType()).isEqualTo(ErrorType.CONFIGURATION);
        assertThat(badPassword.message()).contains("-10001").contains("marketbridge.account.bad-login.password")
                .doesNotContain("wrong-password");
        // the good account beside them (legacy call style) reads its order
        pollOk(account(2));
        assertThat(Db.list(db, "SELECT order_id FROM MB_ORDER WHERE account_id = ?", account(2))).containsExactly(String.valueOf(pack));
    }

    @Test
    void anAccountWhoseCsvWouldBeMs949IsRefusedAtStartNamingTheKey() {
        io.marketbridge.config.AccountRegistry registry = rt.runtime().context().getRegistry()
                .lookupByNameAndType("accountRegistry", io.marketbridge.config.AccountRegistry.class);
        assertThat(registry.rejected().get("ms949-csv")).contains("marketbridge.account.ms949-csv.csv-encoding")
                .contains("UTF-8");
    }

    @Test
    void theConnectionCheckIsASellerAuthorizationKey() {
        io.marketbridge.config.AccountRegistry registry = rt.runtime().context().getRegistry()
                .lookupByNameAndType("accountRegistry", io.marketbridge.config.AccountRegistry.class);
        io.marketbridge.config.Account account = registry.require(account(4));
        io.marketbridge.marketplace.ConnectionCheck check = registry.connector(account).connectionCheck(account,
                java.time.Clock.systemUTC());
        assertThat(check.callRoute()).isEqualTo("qoo10-call");
        assertThat(check.request().path()).isEqualTo("CertificationAPI.CreateCertificationKey");
        assertThat(check.request().body()).contains("user_id=" + seller(4)).contains("pwd=");
        assertThat(registry.connector(account).keyLifetime()).isEqualTo(java.time.Period.ofYears(1));
        long issued = qoo10().saksIssued();
        org.apache.camel.Exchange answer = rt.runtime().context().createProducerTemplate().send("direct:qoo10-call", ex -> {
            ex.setProperty(io.marketbridge.intake.PollContext.PROPERTY, new io.marketbridge.intake.PollContext<>(account, "check",
                    java.time.OffsetDateTime.now().minusDays(1), java.time.OffsetDateTime.now(), null));
            ex.setProperty(io.marketbridge.marketplace.ApiRequest.PROPERTY, check.request());
        });
        assertThat(answer.getException()).isNull();
        assertThat(qoo10().saksIssued()).isEqualTo(issued + 1);
    }

    @Test
    void anExpiredSakIsRenewedOnceMidPoll() {
        qoo10().addCarts(seller(3), 1, 1, now().minusMinutes(10), false);
        pollOk(account(3));
        long issued = qoo10().saksIssued();
        qoo10().expireSaks(seller(3));
        qoo10().addCarts(seller(3), 1, 1, now().minusMinutes(5), false);
        pollOk(account(3));
        assertThat(qoo10().saksIssued() - issued).isEqualTo(1);
        assertThat(rt.runtime().orderCount(account(3))).isEqualTo(2);
    }

    @Test
    void aRefusedConfirmationIsSettledByReadingTheOrder() {
        List<Long> packs = qoo10().addCarts(seller(9), 2, 1, now().minusMinutes(5), false);
        long checked = qoo10().orderNosOf(packs.get(0)).get(0);
        long cancelled = qoo10().orderNosOf(packs.get(1)).get(0);
        qoo10().force("ShippingBasic.SetSellerCheckYN_V2", "result:-99999", 2);
        rt.runtime().pollOrders(account(9));
        assertThat(Db.list(db, "SELECT confirm_state FROM MB_CONFIRMATION WHERE account_id = ?", account(9)))
                .containsOnly("FAILED").hasSize(2);
        // one was checked by a run stopped before it recorded the answer, the other's buyer asked to cancel
        qoo10().setStatus(checked, 3);
        qoo10().requestCancel(cancelled);
        long reads = qoo10().calls("ShippingBasic.GetShippingAndClaimInfoByOrderNo_V2");

        pollOk(account(9));
        assertThat(Db.list(db, "SELECT confirm_state || ' ' || result_code FROM MB_CONFIRMATION WHERE shipment_id = ?",
                String.valueOf(checked))).containsExactly("CONFIRMED ALREADY_CONFIRMED");
        assertThat(Db.list(db, "SELECT confirm_state || ' ' || result_code FROM MB_CONFIRMATION WHERE shipment_id = ?",
                String.valueOf(cancelled))).containsExactly("REJECTED -10004");
        assertThat(qoo10().calls("ShippingBasic.GetShippingAndClaimInfoByOrderNo_V2") - reads).isEqualTo(2);
    }

    @Test
    void anEmptyListDeliversNothingAndMovesTheCursor() throws Exception {
        pollOk(account(4));
        assertThat(rt.runtime().orderCount(account(4))).isZero();
        assertThat(rt.runtime().cursors().load(account(4), "orders")).isAfter(Instant.now().minusSeconds(60));
    }

    @Test
    void aLongWindowIsReadInSlicesOfAtMostSevenDays() {
        qoo10().addCarts(seller(5), 1, 1, now().minusDays(15), false);
        qoo10().addCarts(seller(5), 1, 1, now().minusHours(1), false);
        long calls = qoo10().calls("ShippingBasic.GetShippingInfo_v2");
        pollOk(account(5));
        assertThat(rt.runtime().orderCount(account(5))).isEqualTo(2);
        // 20 days: 7 + 7 + 6
        assertThat(qoo10().calls("ShippingBasic.GetShippingInfo_v2") - calls).isEqualTo(3);
    }

    @Test
    void anHttp500IsRetriedAndTheOrdersArrive() {
        qoo10().addCarts(seller(6), 1, 1, now().minusMinutes(5), false);
        qoo10().force("ShippingBasic.GetShippingInfo_v2", "http500", 1);
        pollOk(account(6));
        assertThat(rt.runtime().orderCount(account(6))).isEqualTo(1);
    }

    @Test
    void aMalformedRowGoesToIntakeErrorsAndTheRestGoesThrough() {
        List<Long> packs = qoo10().addCarts(seller(7), 2, 1, now().minusMinutes(5), true);
        pollOk(account(7));
        assertThat(Db.list(db, "SELECT order_id FROM MB_ORDER WHERE account_id = ?", account(7))).containsExactly(String.valueOf(packs.get(1)));
        assertThat(Db.list(db, "SELECT payload_ref FROM MB_INTAKE_ERROR WHERE account_id = ?", account(7)))
                .containsExactly("packNo:" + packs.get(0));
        assertThat(Db.list(db, "SELECT reason FROM MB_INTAKE_ERROR WHERE account_id = ?", account(7)).get(0)).asString()
                .contains("orderQty");
    }

    @Test
    void trackingNumbersGoOutPerOrderNoWithQoo10sCarrierNames() {
        long pack = qoo10().addCarts(seller(8), 1, 2, now().minusMinutes(5), false).get(0);
        long refusedPack = qoo10().addCarts(seller(8), 1, 1, now().minusMinutes(5), false).get(0);
        long unmappedPack = qoo10().addCarts(seller(8), 1, 1, now().minusMinutes(5), false).get(0);
        pollOk(account(8));
        long sendCalls = qoo10().calls("ShippingBasic.SetSendingInfo");

        long sent = ship(pack, "YAMATO", "123456789012");
        awaitDone(sent);
        assertThat(Db.list(db, "SELECT status FROM MB_SHIPMENT WHERE id = ?", sent)).containsExactly("SENT");
        for (long orderNo : qoo10().orderNosOf(pack)) {
            assertThat(qoo10().statusOf(orderNo)).isEqualTo(4);
            assertThat(qoo10().shippingOf(orderNo)[0]).isEqualTo("ヤマト運輸");
        }

        long unmapped = ship(unmappedPack, "CJ", "123456789012");
        awaitDone(unmapped);
        assertThat(Db.list(db, "SELECT result_code FROM MB_SHIPMENT WHERE id = ?", unmapped)).containsExactly("UNMAPPED_COURIER");

        long refused = ship(refusedPack, "SAGAWA", "987654321098");
        awaitDone(refused);
        assertThat(Db.list(db, "SELECT status FROM MB_SHIPMENT WHERE id = ?", refused)).containsExactly("REJECTED");
        assertThat(Db.list(db, "SELECT result_code FROM MB_SHIPMENT WHERE id = ?", refused)).containsExactly("-10004");
        assertThat(Db.list(db, "SELECT result_message FROM MB_SHIPMENT WHERE id = ?", refused).get(0)).asString()
                .contains("not a registered carrier");
        // two orderNos of the first cart and one refused call; nothing for the unmapped courier
        assertThat(qoo10().calls("ShippingBasic.SetSendingInfo") - sendCalls).isEqualTo(3);

        // a row left SENDING (a node stopped after the call): read first, already there, not sent again
        Db.update(db, "DELETE FROM MB_SHIPPED_LINE WHERE order_id = ?", String.valueOf(pack));
        Db.update(db, "UPDATE MB_SHIPMENT SET status = 'SENDING', attempts = 0, claimed_by = 'gone',"
                + " claimed_at = TIMESTAMP '2000-01-01 00:00:00' WHERE id = ?", sent);
        long before = qoo10().calls("ShippingBasic.SetSendingInfo");
        await().atMost(Duration.ofSeconds(30)).until(() -> "ALREADY_SENT".equals(
                Db.list(db, "SELECT result_code FROM MB_SHIPMENT WHERE id = ?", sent).get(0)));
        assertThat(Db.list(db, "SELECT status FROM MB_SHIPMENT WHERE id = ?", sent)).containsExactly("SENT");
        assertThat(qoo10().calls("ShippingBasic.SetSendingInfo")).isEqualTo(before);
    }

    static long ship(long pack, String courier, String tracking) {
        Db.update(db, "INSERT INTO MB_SHIPMENT (marketplace, account_id, order_id, courier, tracking_no) VALUES (?, ?, ?, ?, ?)",
                "QOO10", account(8), String.valueOf(pack), courier, tracking);
        return Db.count(db, "SELECT MAX(id) FROM MB_SHIPMENT");
    }

    static void awaitDone(long id) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !List.of("READY", "SENDING", "FAILED").contains(
                (String) Db.list(db, "SELECT status FROM MB_SHIPMENT WHERE id = ?", id).get(0)));
    }
}
