package io.marketbridge.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marketbridge.marketplace.coupang.CoupangOrderMapper;
import io.marketbridge.support.Fixtures;
import io.marketbridge.order.Order;
import io.marketbridge.order.OrderJson;
import io.marketbridge.order.OrderLine;
import io.marketbridge.order.Receiver;
import java.math.BigDecimal;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSinkTest {

    @TempDir
    Path dir;

    static Order order() throws Exception {
        return CoupangOrderMapper.map("acme/seoul", Fixtures.elements(Fixtures.json("coupang/ordersheets-v5-split.json")));
    }

    FileSink sink(String encoding, boolean doneMarker) {
        return new FileSink(new FileSinkSettings(true, dir, Set.of("json", "csv"), encoding, doneMarker, true));
    }

    @Test
    void writesJsonOnceUnderADeterministicSafeName() throws Exception {
        FileSink sink = sink("UTF-8", true);
        Order order = order();
        sink.writeOrderJson(order);
        Path json = dir.resolve("json/COUPANG-acme_seoul-27000000000055.json");
        assertThat(json).hasBinaryContent(OrderJson.toFileJson(order)); // the whole document, not a part of it
        assertThat(dir.resolve("json/COUPANG-acme_seoul-27000000000055.json.done")).exists();
        // the ERP may have edited or locked its copy: a second write must not touch the file at all
        Files.writeString(json, "the ERP's copy");
        FileTime pinned = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
        Files.setLastModifiedTime(json, pinned);
        sink.writeOrderJson(order); // already there: left alone
        assertThat(Files.readString(json)).isEqualTo("the ERP's copy");
        assertThat(Files.getLastModifiedTime(json)).isEqualTo(pinned);
        try (Stream<Path> files = Files.list(dir.resolve("json"))) {
            assertThat(files.map(f -> f.getFileName().toString()).toList()).containsExactlyInAnyOrder(
                    "COUPANG-acme_seoul-27000000000055.json", "COUPANG-acme_seoul-27000000000055.json.done");
        }
        try (Stream<Path> tmp = Files.list(dir.resolve(".tmp"))) {
            assertThat(tmp.toList()).isEmpty();
        }
    }

    @Test
    void aReplayedCsvBatchReplacesTheFileUnderTheSameName() throws Exception {
        FileSink sink = sink("UTF-8", false);
        Order order = order();
        sink.writeCsvBatch("orders-acme-7", List.of(order, order));
        sink.writeCsvBatch("orders-acme-7", List.of(order));
        try (Stream<Path> files = Files.list(dir.resolve("csv"))) {
            assertThat(files.map(f -> f.getFileName().toString()).toList()).containsExactly("orders-acme-7.csv");
        }
        // replaced whole, not appended to: the header and the single order's lines only
        assertThat(dir.resolve("csv/orders-acme-7.csv")).hasBinaryContent(sink.csvBytes(List.of(order)));
        try (Stream<Path> tmp = Files.list(dir.resolve(".tmp"))) {
            assertThat(tmp.toList()).isEmpty();
        }
    }

    @Test
    void csvInMs949KeepsKoreanReadableForLegacySoftware() throws Exception {
        FileSink sink = sink("MS949", false);
        sink.writeCsvBatch("orders-acme-1", List.of(order()));
        byte[] bytes = Files.readAllBytes(dir.resolve("csv/orders-acme-1.csv"));
        String text = new String(bytes, Charset.forName("x-windows-949"));
        assertThat(text.lines().toList()).hasSize(3);
        assertThat(text.lines().findFirst().orElseThrow()).startsWith("marketplace,account_id,order_id,line_id");
        assertThat(text).contains("테스트수령인").contains("서울특별시 테스트구 예시로 1").contains("SKU-A-WHITE");
        assertThat(new String(bytes, StandardCharsets.UTF_8)).doesNotContain("테스트수령인");
    }

    @Test
    void csvWithBomForExcel() throws Exception {
        FileSink sink = sink("UTF-8-BOM", false);
        sink.writeCsvBatch("b", List.of(order()));
        byte[] bytes = Files.readAllBytes(dir.resolve("csv/b.csv"));
        assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("테스트구매자");
    }

    @Test
    void sweepRemovesLeftoverTemporaryFiles() throws Exception {
        Files.createDirectories(dir.resolve(".tmp"));
        Files.writeString(dir.resolve(".tmp/x.json.123.tmp"), "{\"half");
        sink("UTF-8", false).sweepTemporaryFiles();
        try (Stream<Path> tmp = Files.list(dir.resolve(".tmp"))) {
            assertThat(tmp.toList()).isEmpty();
        }
    }

    /** Nodes of a cluster sharing the drop folder: a node starting sweeps its own leftovers, not another's files. */
    @Test
    void aNodeSharingTheFolderSweepsOnlyItsOwnTemporaryFiles() throws Exception {
        FileSink nodeB = sink("UTF-8", false);
        nodeB.shareAs("node-b");
        FileSink nodeA = sink("UTF-8", false);
        nodeA.shareAs("node-a");
        nodeA.writeCsvBatch("a", List.of(order())); // its temporary name carries its id until the rename
        Files.writeString(dir.resolve(".tmp/x.json.node~node-a~123.tmp"), "{\"being written");
        Files.writeString(dir.resolve(".tmp/y.json.node~node-b~456.tmp"), "{\"left by a crash");
        nodeB.sweepTemporaryFiles();
        try (Stream<Path> tmp = Files.list(dir.resolve(".tmp"))) {
            assertThat(tmp.map(f -> f.getFileName().toString()).toList()).containsExactly("x.json.node~node-a~123.tmp");
        }
        assertThat(dir.resolve("csv/a.csv")).exists();
    }

    @Test
    void anUnknownEncodingNamesTheProperty() {
        assertThatThrownBy(() -> sink("EUC-JP", false))
                .hasMessageContaining("marketbridge.sink.file.csv-encoding").hasMessageContaining("EUC-JP");
    }

    static final String HYPERLINK = "=HYPERLINK(\"http://evil.example/x\",\"click\")";
    static final String DDE = "+cmd|' /C calc'!A0";
    static final String AT_SUM = "@SUM(1+1)";

    /** The fixture order with attacker-chosen names, a phone with a country code and a negative discount. */
    static Order hostile() throws Exception {
        Order o = order();
        Receiver r = o.receiver();
        Receiver receiver = new Receiver(HYPERLINK, "+82 10-1234-5678", "-", r.postcode(), r.address1(), "\t=1+1");
        List<OrderLine> lines = o.lines().stream().map(l -> new OrderLine(l.lineId(), l.shipmentId(), l.productId(),
                l.optionId(), "-3000", DDE, AT_SUM, l.quantity(), l.unitPrice(), l.lineAmount(), new BigDecimal("-3000"),
                l.status(), l.marketplaceStatus())).toList();
        return new Order(o.marketplace(), o.accountId(), o.orderId(), o.orderedAt(), o.paidAt(), o.status(),
                o.marketplaceStatus(), o.buyer(), receiver, "\r=2+3", o.customsId(), o.currency(), o.itemsAmount(),
                o.discountAmount(), o.shippingFee(), o.paidAmount(), lines, o.rawPayload());
    }

    static CSVRecord firstRow(Path file) throws Exception {
        try (CSVParser p = CSVParser.parse(Files.readString(file, StandardCharsets.UTF_8),
                CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
            return p.getRecords().get(0);
        }
    }

    @Test
    void csvCellsThatASpreadsheetWouldRunAreEscaped() throws Exception {
        FileSink sink = sink("UTF-8", false);
        sink.writeCsvBatch("hostile", List.of(hostile()));
        CSVRecord row = firstRow(dir.resolve("csv/hostile.csv"));
        assertThat(row.get("receiver_name")).isEqualTo("'" + HYPERLINK);
        assertThat(row.get("product_name")).isEqualTo("'" + DDE);
        assertThat(row.get("option_name")).isEqualTo("'" + AT_SUM);
        assertThat(row.get("receiver_address2")).isEqualTo("'\t=1+1");
        assertThat(row.get("delivery_message")).isEqualTo("'\r=2+3");
        assertThat(row.get("receiver_phone2")).isEqualTo("'-"); // a lone minus is no number
        // numbers and phone numbers stay as they are
        assertThat(row.get("receiver_phone1")).isEqualTo("+82 10-1234-5678");
        assertThat(row.get("seller_sku")).isEqualTo("-3000");
        assertThat(row.get("line_discount")).isEqualTo("-3000");
        assertThat(row.get("quantity")).isEqualTo(String.valueOf(hostile().lines().get(0).quantity()));
    }

    @Test
    void withEscapingOffTheCellsAreWrittenRaw() throws Exception {
        FileSink sink = new FileSink(new FileSinkSettings(true, dir, Set.of("csv"), "UTF-8", false, false, false));
        sink.writeCsvBatch("raw", List.of(hostile()));
        CSVRecord row = firstRow(dir.resolve("csv/raw.csv"));
        assertThat(row.get("receiver_name")).isEqualTo(HYPERLINK);
        assertThat(row.get("product_name")).isEqualTo(DDE);
        assertThat(row.get("option_name")).isEqualTo(AT_SUM);
        assertThat(row.get("delivery_message")).isEqualTo("\r=2+3");
    }
}
