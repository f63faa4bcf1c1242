package io.marketbridge.shipment;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.marketbridge.db.Database;
import io.marketbridge.support.Db;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The result file written beside a taken shipment CSV: formula cells, and rows written after the file was taken. */
class ShipmentResultFileTest {

    static final String HYPERLINK = "=HYPERLINK(\"http://evil.example/x\",\"click\")";
    static final String DDE = "+cmd|' /C calc'!A0";
    static final String AT_SUM = "@SUM(1+1)";
    static final String HEADER = "marketplace,account_id,order_id,line_id,courier,tracking_no,memo";

    @TempDir
    Path dir;
    HikariDataSource db;

    @BeforeEach
    void database() {
        db = Database.open("jdbc:h2:mem:results-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", 2);
        Database.migrate(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    ShipmentInbox inbox(boolean escape) {
        Map<String, String> p = Map.of("marketbridge.shipments.inbox.dir", dir.toString(),
                "marketbridge.csv.escape-formulas", String.valueOf(escape));
        return new ShipmentInbox(db, ShipmentSettings.from(p::get), Clock.systemUTC());
    }

    /** Imports the content as the file consumer would, with the file already in done/; returns the done path. */
    Path take(ShipmentInbox inbox, String name, String content) throws Exception {
        Path done = dir.resolve("done").resolve("20261129-120000000-" + name);
        Files.createDirectories(done.getParent());
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        Files.write(done, bytes);
        inbox.importContent(name, bytes, done, Instant.now());
        return done;
    }

    List<CSVRecord> result(Path done) throws Exception {
        Path result = done.resolveSibling(done.getFileName().toString().replace(".csv", ".result.csv"));
        try (CSVParser p = CSVParser.parse(Files.readString(result, StandardCharsets.UTF_8), CSVFormat.RFC4180)) {
            return p.getRecords();
        }
    }

    void marketplaceSays(String code, String message) {
        Db.update(db, "UPDATE MB_SHIPMENT SET status = 'REJECTED', result_code = ?, result_message = ?", code, message);
    }

    static final String HOSTILE = HEADER + "\r\nCOUPANG,acct,1,-3000,\"" + DDE + "\",\"" + HYPERLINK.replace("\"", "\"\"")
            + "\"," + AT_SUM + "\r\n";

    @Test
    void cellsASpreadsheetWouldRunAreEscapedInTheResultFile() throws Exception {
        ShipmentInbox inbox = inbox(true);
        Path done = take(inbox, "hostile.csv", HOSTILE);
        marketplaceSays("UNKNOWN_COURIER", "-courier '" + DDE + "' is unknown");
        inbox.writeResults();
        List<CSVRecord> rows = result(done);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1).toList()).containsExactly("COUPANG", "acct", "1", "-3000", "'" + DDE, "'" + HYPERLINK,
                "'" + AT_SUM, "REJECTED", "UNKNOWN_COURIER", "'-courier '" + DDE + "' is unknown");
    }

    @Test
    void withEscapingOffTheResultCellsAreRaw() throws Exception {
        ShipmentInbox inbox = inbox(false);
        Path done = take(inbox, "raw.csv", HOSTILE);
        marketplaceSays("UNKNOWN_COURIER", "-courier");
        inbox.writeResults();
        assertThat(result(done).get(1).toList()).containsExactly("COUPANG", "acct", "1", "-3000", DDE, HYPERLINK, AT_SUM,
                "REJECTED", "UNKNOWN_COURIER", "-courier");
    }

    @Test
    void rowsWrittenAfterTheFileWasTakenAreNamedInTheResult() throws Exception {
        ShipmentInbox inbox = inbox(true);
        String first = HEADER + "\nCOUPANG,acct,1,,CJ,123456789012,\n";
        Path done = take(inbox, "grew.csv", first);
        // the ERP kept the file open: its next row lands in the file that was moved to done/
        Files.writeString(done, first + "COUPANG,acct,2,,CJ,223456789012,\n");
        marketplaceSays("UNKNOWN_ORDER", "no such order");
        inbox.writeResults();
        List<CSVRecord> rows = result(done);
        assertThat(rows).hasSize(3);
        assertThat(rows.get(1).toList()).endsWith("REJECTED", "UNKNOWN_ORDER", "no such order");
        assertThat(rows.get(2).toList()).startsWith("COUPANG", "acct", "2").contains("REJECTED", "WRITTEN_AFTER_TAKEN");
        assertThat(Db.count(db, "SELECT COUNT(*) FROM MB_SHIPMENT")).isEqualTo(1);
    }
}
