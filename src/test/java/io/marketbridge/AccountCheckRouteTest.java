package io.marketbridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketbridge.app.AccountCheck;
import io.marketbridge.app.CheckSetup;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check command's runtime in-process: application.properties and the route files of this checkout, the built-in
 * simulators on a free port, each marketplace's connection check sent through its own call route. The "-a" demo
 * accounts pass; the "-b" ones get wrong keys; one account points at a port where nothing listens.
 */
class AccountCheckRouteTest {

    @TempDir
    static Path dir;
    static Main main;
    static CheckSetup setup;
    static Map<String, AccountCheck.Result> results;

    @BeforeAll
    static void checkAll() throws Exception {
        Path config = dir.resolve("check.properties");
        Files.writeString(config, String.join("\n",
                "marketbridge.simulators.port = " + freePort(),
                "marketbridge.account.demo-coupang-b.secret-key = not-the-demo-secret",
                "marketbridge.account.demo-naver-b.client-secret = $2a$04$WrongNaverStoreBsecret",
                "marketbridge.account.demo-11st-b.api-key = demo11stOpenApiKeyWrong00001",
                "marketbridge.account.demo-lotteon-b.api-key = demoLotteonApiKeyWrong0000000001",
                "marketbridge.account.demo-lotteon-b.key-issued-on = 2020-01-01",
                "marketbridge.account.esm-wrong.marketplace = esm",
                "marketbridge.account.esm-wrong.base-url = http://127.0.0.1:{{marketbridge.simulators.port}}",
                "marketbridge.account.esm-wrong.master-id = demoesmmaster",
                "marketbridge.account.esm-wrong.secret-key = not-the-esm-secret",
                "marketbridge.account.esm-wrong.gmarket-seller-id = demogmkt",
                "marketbridge.account.coupang-nowhere.marketplace = coupang",
                "marketbridge.account.coupang-nowhere.base-url = http://127.0.0.1:" + freePort(),
                "marketbridge.account.coupang-nowhere.vendor-id = A00000001",
                "marketbridge.account.coupang-nowhere.access-key = demo-access-key-a",
                "marketbridge.account.coupang-nowhere.secret-key = demo-simulator-secret-a",
                "marketbridge.account.coupang-nowhere.key-issued-on = 2020-01-01",
                ""));
        setup = new CheckSetup();
        main = MarketBridge.checkRuntime(List.of(MarketBridge.baseLocation(), "file:" + config), setup);
        main.start();
        results = setup.accountCheck(main.getCamelContext()).check(List.of()).stream()
                .collect(Collectors.toMap(AccountCheck.Result::account, Function.identity()));
    }

    @AfterAll
    static void stop() {
        if (main != null) {
            main.stop();
        }
        if (setup != null) {
            setup.close();
        }
    }

    @Test
    void everyMarketplacesCheckPassesWithTheRightKeys() {
        for (String id : List.of("demo-coupang-a", "demo-naver-a", "demo-11st-a", "demo-esm-a",
                "demo-lotteon-a")) {
            assertThat(results.get(id).outcome()).as(id + ": " + results.get(id).message()).isEqualTo(AccountCheck.Outcome.OK);
        }
        assertThat(results.get("demo-coupang-a").message()).contains("ordersheets");
    }

    @Test
    void aWrongKeyIsAConfigurationErrorNamingTheKeys() {
        assertThat(results.get("demo-coupang-b").outcome()).isEqualTo(AccountCheck.Outcome.CONFIGURATION);
        assertThat(results.get("demo-coupang-b").message()).contains("HTTP 401", "secret-key").doesNotContain("not-the-demo-secret");
        assertThat(results.get("demo-naver-b").outcome()).isEqualTo(AccountCheck.Outcome.CONFIGURATION);
        assertThat(results.get("demo-naver-b").message()).contains("token request", "client-secret");
        assertThat(results.get("demo-11st-b").outcome()).isEqualTo(AccountCheck.Outcome.CONFIGURATION);
        assertThat(results.get("demo-11st-b").message()).contains("api-key").doesNotContain("Wrong00001");
        assertThat(results.get("esm-wrong").outcome()).isEqualTo(AccountCheck.Outcome.CONFIGURATION);
        assertThat(results.get("esm-wrong").message()).contains("secret-key").doesNotContain("not-the-esm-secret");
        // Lotte ON keys last one year: issued 2020-01-01, expired 2021-01-01
        assertThat(results.get("demo-lotteon-b").outcome()).isEqualTo(AccountCheck.Outcome.CONFIGURATION);
        assertThat(results.get("demo-lotteon-b").message()).contains("HTTP 401", "api-key", "API key EXPIRED on 2021-01-01")
                .doesNotContain("Wrong0000000001");
    }

    @Test
    void nobodyListeningIsTransientAndTheExpiredKeyIsSaid() {
        AccountCheck.Result nowhere = results.get("coupang-nowhere");
        assertThat(nowhere.outcome()).isEqualTo(AccountCheck.Outcome.TRANSIENT);
        assertThat(nowhere.message()).contains("no answer from coupang for account coupang-nowhere");
        // issued 2020-01-01, Coupang keys last 6 months
        assertThat(nowhere.keyDaysLeft()).isNegative();
        assertThat(nowhere.message()).contains("API key EXPIRED on 2020-07-01");
    }

    @Test
    void anUnknownAccountIsAConfigurationRow() {
        AccountCheck.Result unknown = setup.accountCheck(main.getCamelContext()).check("no-such-account");
        assertThat(unknown.outcome()).isEqualTo(AccountCheck.Outcome.CONFIGURATION);
        assertThat(unknown.message()).contains("marketbridge.account.no-such-account.*");
    }

    @Test
    void onlyTheCallRoutesRun() {
        assertThat(main.getCamelContext().getRoutes()).extracting(r -> r.getRouteId())
                .containsExactlyInAnyOrder("coupang-api", "naver-token", "elevenst-api", "esm-api",
                        "lotteon-api", "qoo10-call");
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
