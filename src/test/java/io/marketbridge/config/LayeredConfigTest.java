package io.marketbridge.config;

import io.marketbridge.simulator.coupang.CoupangSimulator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marketbridge.MarketBridge;
import io.marketbridge.schedule.AccountScheduler;
import io.marketbridge.simulator.SimulatorServer;
import io.marketbridge.support.Db;
import io.marketbridge.support.RuntimeHarness;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Configuration loaded the way {@code java -jar market-bridge.jar --config FILE} loads it
 * ({@link MarketBridge#runtime}: application.properties, then the --config file, through Camel's properties
 * component): Korean and Japanese values arrive intact, written in UTF-8 or as backslash-u escapes; a file that
 * is not UTF-8 is refused; an account with a bad id is left out while the accounts beside it run.
 */
class LayeredConfigTest {

    /** 64 characters: the longest id, which every account_id column and file name must hold. */
    private static final String LONGEST_ID = "seoul-coupang-" + "x".repeat(50);
    private static final String VENDOR = "A00000001";

    @TempDir
    Path work;

    private Path overlay(String text) throws Exception {
        Path file = work.resolve("acme.properties");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void koreanAndJapaneseValuesArriveIntactAndTheAccountsBesideABadIdRun() throws Exception {
        Path outDir = work.resolve("주문-注文");
        try (SimulatorServer simulator = RuntimeHarness.simulator(Map.of(VENDOR, new String[] {"ak-0001", "sk-0001"}))) {
            // written as UTF-8 the way an editor saves it; a backslash-u escape in the same value still works
            Path config = overlay(String.join("\n",
                    "marketbridge.simulators.enabled = false",
                    "marketbridge.db.url = jdbc:h2:mem:mb-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                    "marketbridge.sink.file.dir = " + outDir.toString().replace("\\", "/"),
                    "marketbridge.sink.file.fsync = false",
                    "marketbridge.shipments.inbox.dir = " + work.resolve("inbox").toString().replace("\\", "/"),
                    "camel.management.port = 0",
                    "camel.main.name = 마켓브리지-\\u30DE\\u30FC\\u30B1\\u30C3\\u30C8",
                    "marketbridge.account." + LONGEST_ID + ".marketplace = coupang",
                    "marketbridge.account." + LONGEST_ID + ".base-url = " + simulator.baseUrl(),
                    "marketbridge.account." + LONGEST_ID + ".vendor-id = " + VENDOR,
                    "marketbridge.account." + LONGEST_ID + ".access-key = ak-0001",
                    "marketbridge.account." + LONGEST_ID + ".secret-key = sk-0001",
                    "marketbridge.account." + LONGEST_ID + ".orders.schedule = " + RuntimeHarness.NEVER,
                    "marketbridge.account.acme/x.marketplace = coupang",
                    "marketbridge.account.acme/x.vendor-id = " + VENDOR,
                    "marketbridge.account.acme/x.access-key = ak-0001",
                    "marketbridge.account.acme/x.secret-key = sk-0001",
                    // Naver's linked-seller id is free text: the one account value here that may be Korean
                    "marketbridge.account.acme-naver.marketplace = naver",
                    "marketbridge.account.acme-naver.client-id = demoNaverClient",
                    "marketbridge.account.acme-naver.client-secret = $2a$04$DemoNaverStoreAsecret0",
                    "marketbridge.account.acme-naver.token-type = SELLER",
                    "marketbridge.account.acme-naver.seller-account-id = 셀러-セラー-\\uC140\\uB7EC",
                    "marketbridge.account.acme-naver.orders.schedule = " + RuntimeHarness.NEVER,
                    ""));
            simulator.get(CoupangSimulator.class).createOrder(VENDOR, ZonedDateTime.now(ZoneId.of("Asia/Seoul")).minusMinutes(5), false, 2);

            Main main = MarketBridge.runtime(List.of(MarketBridge.baseLocation(), "file:" + config));
            main.start();
            try {
                CamelContext context = main.getCamelContext();
                assertThat(context.getName()).isEqualTo("마켓브리지-マーケット");
                AccountRegistry accounts = context.getRegistry().lookupByNameAndType("accountRegistry", AccountRegistry.class);
                assertThat(accounts.require("acme-naver").get("seller-account-id")).isEqualTo("셀러-セラー-셀러");
                assertThat(accounts.rejected()).containsOnlyKeys("acme/x");
                assertThat(accounts.rejected().get("acme/x")).contains("marketbridge.account.acme/x.*", AccountId.RULE);
                AccountScheduler scheduler = context.getRegistry().lookupByNameAndType("accountScheduler", AccountScheduler.class);
                assertThat(scheduler.isScheduled(LONGEST_ID)).isTrue();
                assertThat(scheduler.isScheduled("acme-naver")).isTrue();

                Exchange poll = context.createProducerTemplate().send("direct:coupang-orders",
                        ex -> ex.setProperty("mbAccountId", LONGEST_ID));
                assertThat(poll.getException()).isNull();
                DataSource db = context.getRegistry().lookupByNameAndType("dataSource", DataSource.class);
                assertThat(Db.list(db, "SELECT DISTINCT account_id FROM MB_ORDER")).containsExactly(LONGEST_ID);
                assertThat(Db.count(db, "SELECT COUNT(*) FROM MB_CURSOR WHERE account_id = ?", LONGEST_ID)).isEqualTo(1);
                assertThat(Db.count(db, "SELECT COUNT(*) FROM MB_DELIVERY WHERE account_id = ? AND csv_batch IS NOT NULL",
                        LONGEST_ID)).isEqualTo(1);
                // the file drop landed in the Korean/Japanese folder, named by the 64-character id
                assertThat(files(outDir.resolve("json"))).singleElement().asString().contains("COUPANG-" + LONGEST_ID + "-");
                assertThat(files(outDir.resolve("csv"))).singleElement().asString().startsWith("orders-" + LONGEST_ID + "-");
            } finally {
                main.stop();
            }
        }
    }

    @Test
    void aConfigFileThatIsNotUtf8IsRefusedNamingTheFileAndLine() throws Exception {
        Path ms949 = work.resolve("ms949.properties");
        Files.write(ms949, "camel.main.name = demo\nmarketbridge.node-id = 창고-1\n".getBytes(Charset.forName("MS949")));
        assertThatThrownBy(() -> MarketBridge.runtime(List.of(MarketBridge.baseLocation(), "file:" + ms949)))
                .hasMessage("file:" + ms949 + " is not UTF-8 (line 2): save it as UTF-8 (MS949 and ISO-8859-1 files"
                        + " are not read), or write those characters as \\uXXXX escapes");
    }

    @Test
    void aConfigFileWithAByteOrderMarkIsRefused() throws Exception {
        Path bom = overlay("\uFEFFmarketbridge.simulators.enabled = false\n");
        assertThatThrownBy(() -> MarketBridge.runtime(List.of(MarketBridge.baseLocation(), "file:" + bom)))
                .hasMessageContaining("starts with a byte order mark (BOM)");
    }

    private static List<String> files(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }
}
