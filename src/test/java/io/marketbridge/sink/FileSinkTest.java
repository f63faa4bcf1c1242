package io.marketbridge.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marketbridge.marketplace.coupang.CoupangOrderMapper;
import io.marketbridge.support.Fixtures;
import io.marketbridge.order.Order;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
        assertThat(json).exists();
        assertThat(dir.resolve("json/COUPANG-acme_seoul-27000000000055.json.done")).exists();
        long modified = Files.getLastModifiedTime(json).toMillis();
        Files.writeString(json, "the ERP's copy");
        sink.writeOrderJson(order); // already there: left alone
        assertThat(Files.readString(json)).isEqualTo("the ERP's copy");
        assertThat(modified).isPositive();
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

    @Test
    void anUnknownEncodingNamesTheProperty() {
        assertThatThrownBy(() -> sink("EUC-JP", false))
                .hasMessageContaining("marketbridge.sink.file.csv-encoding").hasMessageContaining("EUC-JP");
    }
}
