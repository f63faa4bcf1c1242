package io.marketbridge.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.marketbridge.support.Db;
import io.marketbridge.support.RuntimeHarness;
import io.marketbridge.support.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes polling one shipment inbox folder (marketbridge.inbox.shared): each file is taken by one node, moved
 * once and answered once, and its lock row is gone afterwards. Without the lock rows both nodes take some files at
 * the same moment: one move fails and the file's result is written beside a done name that does not exist.
 */
class SharedInboxTest {

    static final int FILES = 30;

    @TempDir
    Path out;

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mariadb"})
    void eachFileOfASharedInboxIsTakenMovedAndAnsweredOnce(String vendor) throws Exception {
        String schema = TestDatabases.newSchema();
        String url = TestDatabases.prepare(vendor, schema);
        Path inbox = out.resolve("shared-inbox");
        Files.createDirectories(inbox);
        try (RuntimeHarness a = node("node-a", url, vendor, inbox); RuntimeHarness b = node("node-b", url, vendor, inbox)) {
            for (int i = 0; i < FILES; i++) { // written elsewhere, renamed in, as a careful ERP does
                Path tmp = out.resolve("f" + i + ".tmp");
                Files.writeString(tmp, "marketplace,account_id,order_id,line_id,courier,tracking_no\r\n"
                        + "NOWHERE,acct-x,77" + i + ",,CJ,5000" + i + "\r\n");
                Files.move(tmp, inbox.resolve("ship-" + i + ".csv"));
            }
            Path done = inbox.resolve("done");
            await().atMost(Duration.ofSeconds(60)).until(() -> names(done, ".result.csv").size() == FILES);
            DataSource db = a.dataSource();
            assertThat(names(done, ".csv").stream().filter(n -> !n.endsWith(".result.csv")).toList()).hasSize(FILES);
            assertThat(names(inbox, ".csv")).as("left in the inbox").isEmpty();
            assertThat(Db.count(db, "SELECT COUNT(*) FROM MB_SHIPMENT_FILE")).isEqualTo(FILES);
            assertThat(Db.list(db, "SELECT done_path FROM MB_SHIPMENT_FILE")).allMatch(p -> Files.exists(Path.of(p.toString())));
            assertThat(Db.count(db, "SELECT COUNT(*) FROM MB_SHIPMENT")).isEqualTo(FILES);
            await().atMost(Duration.ofSeconds(10)).until(() -> Db.count(db, "SELECT COUNT(*) FROM MB_INBOX_LOCK") == 0);
        } finally {
            TestDatabases.drop(vendor, schema);
        }
    }

    private RuntimeHarness node(String nodeId, String url, String vendor, Path inbox) throws Exception {
        Properties p = RuntimeHarness.baseProperties(out.resolve(nodeId));
        p.setProperty("camel.main.name", "market-bridge-" + nodeId);
        p.setProperty("marketbridge.node-id", nodeId);
        p.setProperty("marketbridge.db.url", url);
        p.setProperty("marketbridge.db.user", TestDatabases.user(vendor));
        p.setProperty("marketbridge.shipments.inbox.dir", inbox.toString());
        p.setProperty("marketbridge.inbox.shared", System.getProperty("sharedInbox.locks", "true"));
        return RuntimeHarness.start(p, null, out.resolve(nodeId));
    }

    private static List<String> names(Path dir, String suffix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(suffix)).toList();
        }
    }
}
