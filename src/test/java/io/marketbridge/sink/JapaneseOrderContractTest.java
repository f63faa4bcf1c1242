package io.marketbridge.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import io.marketbridge.db.Database;
import io.marketbridge.intake.IntakeErrors;
import io.marketbridge.intake.OrderChanges;
import io.marketbridge.intake.OrderIntake;
import io.marketbridge.order.Buyer;
import io.marketbridge.order.Marketplace;
import io.marketbridge.order.Order;
import io.marketbridge.order.OrderJson;
import io.marketbridge.order.OrderLimits;
import io.marketbridge.order.OrderLine;
import io.marketbridge.order.OrderStatus;
import io.marketbridge.order.Receiver;
import io.marketbridge.support.Db;
import io.marketbridge.support.TestDatabases;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ERP contract version 4: a Japanese order (kana names, a Japanese address, +81 phones, JPY) arrives whole in the
 * tables, the JSON file and the batch CSV; an encoding that cannot hold it (MS949) never gets a corrupted file.
 */
class JapaneseOrderContractTest {

    static final String NAME = "山田 太郎";
    static final String KANA = "ヤマダ タロウ";
    static final String RECEIVER = "渡辺 恵子";
    static final String RECEIVER_KANA = "ワタナベ ケイコ";
    static final String ADDRESS = "東京都渋谷区神南1-2-3 サンプルビル４０１号";

    @TempDir
    Path out;

    /** Built by hand: what a Qoo10 Japan order looks like in the canonical form. */
    static Order japaneseOrder(String accountId) {
        OffsetDateTime at = OffsetDateTime.parse("2026-11-20T10:15:30+09:00");
        OrderLine line = new OrderLine("1234567890", "1234567890", "987654321", "OPT-RED", "TSHIRT-RED-L",
                "コットンＴシャツ（長袖）", "カラー: 赤 / サイズ: L", 2, new BigDecimal("1980"), new BigDecimal("3960"),
                new BigDecimal("300"), OrderStatus.PAID, "2");
        return new Order(Marketplace.QOO10, accountId, "555000111", at, at, OrderStatus.PAID, "2",
                new Buyer(NAME, "+81-90-1234-5678", null, KANA),
                new Receiver(RECEIVER, "+81-80-9876-5432", "03-1234-5678", "150-0041", ADDRESS, null, RECEIVER_KANA),
                "置き配希望（玄関前）", null, "JPY", new BigDecimal("3960"), new BigDecimal("300"), new BigDecimal("500"),
                new BigDecimal("4160"), List.of(line), "{\"receiver_gata\":\"" + RECEIVER_KANA + "\"}");
    }

    FileSink sink(String encoding) {
        return new FileSink(new FileSinkSettings(true, out, Set.of("json", "csv"), encoding, false, false));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgresql", "mariadb"})
    void aJapaneseOrderArrivesWholeInTheTablesJsonAndCsv(String vendor) throws Exception {
        String schema = TestDatabases.newSchema();
        String url = TestDatabases.prepare(vendor, schema);
        try (HikariDataSource ds = Database.open(url, TestDatabases.user(vendor), "", 4)) {
            Database.migrate(ds);
            Clock clock = Clock.systemUTC();
            FileSink files = sink("UTF-8");
            OrderIntake intake = new OrderIntake(ds, new DatabaseSink(true), files, new OrderChanges(ds, files, clock),
                    new IntakeErrors(ds, clock), clock);
            Order order = japaneseOrder("qoo10-tokyo");
            assertThat(OrderLimits.reason(order)).isNull();
            assertThat(intake.deliver(order, false)).isEqualTo(OrderIntake.Outcome.NEW);
            intake.writeCsvBatches("qoo10-tokyo");

            assertThat(row(ds, "SELECT buyer_name, buyer_name_kana, receiver_name, receiver_name_kana, receiver_address1,"
                    + " receiver_phone1, currency, marketplace FROM MB_ORDER"))
                    .containsExactly(NAME, KANA, RECEIVER, RECEIVER_KANA, ADDRESS, "+81-80-9876-5432", "JPY", "QOO10");
            assertThat(new BigDecimal(Db.list(ds, "SELECT paid_amount FROM MB_ORDER").get(0).toString()))
                    .isEqualByComparingTo("4160");
            assertThat(row(ds, "SELECT product_name, option_name FROM MB_ORDER_LINE"))
                    .containsExactly("コットンＴシャツ（長袖）", "カラー: 赤 / サイズ: L");

            JsonNode json = OrderJson.mapper().readTree(out.resolve("json/QOO10-qoo10-tokyo-555000111.json").toFile());
            assertThat(json.path("buyer").path("nameKana").asText()).isEqualTo(KANA);
            assertThat(json.path("receiver").path("nameKana").asText()).isEqualTo(RECEIVER_KANA);
            assertThat(json.path("receiver").path("address1").asText()).isEqualTo(ADDRESS);
            assertThat(json.path("currency").asText()).isEqualTo("JPY");
            assertThat(json.path("paidAmount").decimalValue()).isEqualByComparingTo("4160");

            CSVRecord row = onlyCsvRow(StandardCharsets.UTF_8);
            assertThat(row.get("receiver_name")).isEqualTo(RECEIVER);
            assertThat(row.get("receiver_name_kana")).isEqualTo(RECEIVER_KANA);
            assertThat(row.get("buyer_name_kana")).isEqualTo(KANA);
            assertThat(row.get("receiver_address1")).isEqualTo(ADDRESS);
            assertThat(row.get("currency")).isEqualTo("JPY");
            assertThat(row.get("unit_price")).isEqualTo("1980");
        } finally {
            TestDatabases.drop(vendor, schema);
        }
    }

    @Test
    void theLedgerJsonKeepsKanaAndOldJsonWithoutKanaStillReads() {
        Order order = japaneseOrder("qoo10-tokyo");
        Order back = OrderJson.fromJson(OrderJson.toLedgerJson(order));
        assertThat(back.buyer().nameKana()).isEqualTo(KANA);
        assertThat(back.receiver().nameKana()).isEqualTo(RECEIVER_KANA);
        Order old = OrderJson.fromJson(OrderJson.toLedgerJson(order).replace(",\"nameKana\":\"" + RECEIVER_KANA + "\"", "")
                .replace(",\"nameKana\":\"" + KANA + "\"", ""));
        assertThat(old.receiver().nameKana()).isNull();
        assertThat(old.receiver().name()).isEqualTo(RECEIVER);
    }

    @Test
    void kanaNamesHaveTheNameLimits() {
        Order order = japaneseOrder("a");
        Order tooLong = new Order(order.marketplace(), order.accountId(), order.orderId(), order.orderedAt(), order.paidAt(),
                order.status(), order.marketplaceStatus(), new Buyer(NAME, null, null, "ア".repeat(101)),
                new Receiver(RECEIVER, null, null, "1500041", ADDRESS, null, "ワ\u0007"), null, null, "JPY",
                order.itemsAmount(), order.discountAmount(), order.shippingFee(), order.paidAmount(), order.lines(), "{}");
        assertThat(OrderLimits.problems(tooLong)).contains("buyer_name_kana is 101 characters long; the limit is 100",
                "receiver_name_kana holds the control character U+0007 at position 2; none is allowed");
    }

    @Test
    void anMs949CsvRefusesAJapaneseOrderNamingTheAccountAndTheSetting() {
        // MS949 holds most kana but not the long vowel mark, half-width kana nor many Japanese kanji (区, 県, 渡辺)
        assertThat(Charset.forName("x-windows-949").newEncoder().canEncode(RECEIVER)).isFalse();
        FileSink ms949 = sink("MS949");
        assertThatThrownBy(() -> ms949.writeCsvBatch("orders-qoo10-tokyo-1", List.of(japaneseOrder("qoo10-tokyo"))))
                .isInstanceOf(FileSink.UnencodableCsvException.class)
                .hasMessageContaining("account qoo10-tokyo")
                .hasMessageContaining("MS949")
                .hasMessageContaining("marketbridge.account.qoo10-tokyo.csv-encoding")
                .hasMessageNotContaining(RECEIVER).hasMessageNotContaining(ADDRESS);
        assertThat(out.resolve("csv")).doesNotExist();
    }

    @Test
    void theAccountsOwnEncodingWinsOverTheSinks() throws Exception {
        FileSink ms949 = sink("MS949");
        ms949.accountEncodings(Map.of("qoo10-tokyo", "UTF-8")::get);
        ms949.writeCsvBatch("orders-qoo10-tokyo-1", List.of(japaneseOrder("qoo10-tokyo")));
        CSVRecord row = onlyCsvRow(StandardCharsets.UTF_8);
        assertThat(row.get("receiver_name")).isEqualTo(RECEIVER);
        assertThat(row.get("receiver_name_kana")).isEqualTo(RECEIVER_KANA);
        assertThat(ms949.encodingOf("another-account")).isEqualTo("MS949");
    }

    @Test
    void aKoreanOrderInMs949StillHasUnencodableCharactersReplaced() throws Exception {
        Order jp = japaneseOrder("kr");
        Order korean = new Order(Marketplace.COUPANG, "kr", "1", jp.orderedAt(), jp.paidAt(), jp.status(), "ACCEPT",
                new Buyer("김철수", null, null), new Receiver("김철수 😀", "010-1234-5678", null, "06236", "서울", null),
                null, null, "KRW", jp.itemsAmount(), jp.discountAmount(), jp.shippingFee(), jp.paidAmount(), jp.lines(), "{}");
        sink("MS949").writeCsvBatch("orders-kr-1", List.of(korean));
        CSVRecord row = onlyCsvRow(Charset.forName("x-windows-949"));
        assertThat(row.get("receiver_name")).isEqualTo("김철수 ?");
        assertThat(row.get("receiver_name_kana")).isEmpty();
    }

    /** The columns of the query's only row, as text. */
    private static List<String> row(javax.sql.DataSource ds, String sql) throws java.sql.SQLException {
        try (java.sql.Connection c = ds.getConnection(); java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            List<String> values = new java.util.ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                values.add(rs.getString(i));
            }
            assertThat(rs.next()).isFalse();
            return values;
        }
    }

    private CSVRecord onlyCsvRow(Charset charset) throws Exception {
        try (Stream<Path> files = Files.list(out.resolve("csv"))) {
            List<Path> csv = files.toList();
            assertThat(csv).hasSize(1);
            String text = new String(Files.readAllBytes(csv.get(0)), charset);
            try (CSVParser parser = CSVParser.parse(new StringReader(text),
                    CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
                List<CSVRecord> rows = parser.getRecords();
                assertThat(rows).hasSize(1);
                return rows.get(0);
            }
        }
    }
}
