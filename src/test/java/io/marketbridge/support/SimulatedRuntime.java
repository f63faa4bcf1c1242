package io.marketbridge.support;

import io.marketbridge.simulator.ClaimSwitches;
import io.marketbridge.simulator.SimulatorServer;
import io.marketbridge.simulator.elevenst.ElevenstSimulator;
import io.marketbridge.simulator.esm.EsmSimulator;
import io.marketbridge.simulator.esm.EsmSimulatorSettings.Master;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntFunction;
import javax.sql.DataSource;

/**
 * A route test class's simulator and the real runtime against it, with one account per seller of one marketplace:
 * started in the class's @BeforeAll, closed in its @AfterAll. {@code more} adds the class's own properties (the
 * claim action poll, an inbox) before the runtime starts.
 */
public record SimulatedRuntime(SimulatorServer simulator, RuntimeHarness runtime) implements AutoCloseable {

    public DataSource db() {
        return runtime.dataSource();
    }

    /** Coupang vendors with keys access-V / secret-V-0123456789, vendor V read by account {@code account(V)}. */
    public static SimulatedRuntime coupang(Path out, String[] vendors, Function<String, String> account,
                                           Consumer<Properties> more) throws Exception {
        Map<String, String[]> keys = new LinkedHashMap<>();
        for (String v : vendors) {
            keys.put(v, new String[] {"access-" + v, "secret-" + v + "-0123456789"});
        }
        SimulatorServer simulator = RuntimeHarness.simulator(keys);
        return start(out, simulator, p -> {
            for (String v : vendors) {
                RuntimeHarness.coupangAccount(p, account.apply(v), simulator.baseUrl(), v, keys.get(v)[0], keys.get(v)[1]);
            }
            more.accept(p);
        });
    }

    /** Naver sellers 1..count: seller(n) with keys(n) = {client id, client secret}, read by account(n). */
    public static SimulatedRuntime naver(Path out, int count, IntFunction<String> seller, IntFunction<String[]> keys,
                                         IntFunction<String> account, Consumer<Properties> more) throws Exception {
        Map<String, String[]> sellers = new LinkedHashMap<>();
        for (int n = 1; n <= count; n++) {
            sellers.put(seller.apply(n), keys.apply(n));
        }
        SimulatorServer simulator = RuntimeHarness.simulator(Map.of(), sellers);
        return start(out, simulator, p -> {
            for (int n = 1; n <= count; n++) {
                String[] k = sellers.get(seller.apply(n));
                RuntimeHarness.naverAccount(p, account.apply(n), simulator.baseUrl(), k[0], k[1]);
            }
            more.accept(p);
        });
    }

    /**
     * 11st sellers 1..count: seller(n) with OpenAPI key key(n), read by account(n). The simulated buyers make no
     * cancels, returns or exchanges of their own: each test makes the claims it reads.
     */
    public static SimulatedRuntime elevenst(Path out, int count, IntFunction<String> seller, IntFunction<String> key,
                                            IntFunction<String> account, Consumer<Properties> more) throws Exception {
        Map<String, String> sellers = new LinkedHashMap<>();
        for (int n = 1; n <= count; n++) {
            sellers.put(seller.apply(n), key.apply(n));
        }
        SimulatorServer simulator = RuntimeHarness.simulator(Map.of(), Map.of(), sellers);
        ClaimSwitches buyers = simulator.get(ElevenstSimulator.class).claimSwitches();
        buyers.cancelRate = 0;
        buyers.returnRate = 0;
        buyers.exchangeRate = 0;
        return start(out, simulator, p -> {
            for (int n = 1; n <= count; n++) {
                RuntimeHarness.elevenstAccount(p, account.apply(n), simulator.baseUrl(), key.apply(n));
            }
            more.accept(p);
        });
    }

    /**
     * ESM master {@code master} with site seller IDs g(n) (Gmarket) and a(n) (Auction) for n in 1..count, read by
     * account(n). The simulated buyers make no claims of their own, nor withdraw any.
     */
    public static SimulatedRuntime esm(Path out, String master, String secret, int count, IntFunction<String> g,
                                       IntFunction<String> a, IntFunction<String> account, Consumer<Properties> more)
            throws Exception {
        List<String> gm = new ArrayList<>();
        List<String> ia = new ArrayList<>();
        for (int n = 1; n <= count; n++) {
            gm.add(g.apply(n));
            ia.add(a.apply(n));
        }
        SimulatorServer simulator = RuntimeHarness.simulator(Map.of(), Map.of(), Map.of(master, new Master(secret, gm, ia)),
                RuntimeHarness.ESM_INTERVAL_MS);
        ClaimSwitches buyers = simulator.get(EsmSimulator.class).claimSwitches();
        buyers.cancelRate = 0;
        buyers.returnRate = 0;
        buyers.exchangeRate = 0;
        buyers.withdrawRate = 0;
        return start(out, simulator, p -> {
            for (int n = 1; n <= count; n++) {
                RuntimeHarness.esmAccount(p, account.apply(n), simulator.baseUrl(), master, secret, g.apply(n), a.apply(n));
            }
            more.accept(p);
        });
    }

    /**
     * Lotte ON traders 1..count: trader(n) with API key key(n), read by account(n). The simulated buyers cancel and
     * return nothing of their own: each test makes the claims it reads.
     */
    public static SimulatedRuntime lotteon(Path out, int count, IntFunction<String> trader, IntFunction<String> key,
                                           IntFunction<String> account, Consumer<Properties> more) throws Exception {
        Map<String, String> traders = new LinkedHashMap<>();
        for (int n = 1; n <= count; n++) {
            traders.put(trader.apply(n), key.apply(n));
        }
        SimulatorServer simulator = RuntimeHarness.lotteonSimulator(traders);
        return start(out, simulator, p -> {
            for (int n = 1; n <= count; n++) {
                RuntimeHarness.lotteonAccount(p, account.apply(n), simulator.baseUrl(), key.apply(n));
            }
            more.accept(p);
        });
    }

    /**
     * Qoo10 Japan sellers 1..count: seller(n) with QAPI key apiKey(n) and QSM password password(n), read by account(n)
     * (user-id = the seller id). No seeded orders, no arrivals: each test makes the carts it reads.
     */
    public static SimulatedRuntime qoo10(Path out, int count, IntFunction<String> seller, IntFunction<String> apiKey,
                                         IntFunction<String> password, IntFunction<String> account, Consumer<Properties> more)
            throws Exception {
        Properties s = new Properties();
        s.setProperty("marketbridge.simulators.port", "0");
        for (String other : List.of("coupang", "naver", "elevenst", "esm")) {
            s.setProperty("marketbridge.simulators." + other + ".seed-orders", "0");
            s.setProperty("marketbridge.simulators." + other + ".arrival-per-minute", "0");
        }
        List<String> sellers = new ArrayList<>();
        for (int n = 1; n <= count; n++) {
            sellers.add(seller.apply(n));
            s.setProperty("marketbridge.simulators.qoo10.seller." + seller.apply(n) + ".api-key", apiKey.apply(n));
            s.setProperty("marketbridge.simulators.qoo10.seller." + seller.apply(n) + ".password", password.apply(n));
        }
        s.setProperty("marketbridge.simulators.qoo10.sellers", String.join(",", sellers));
        SimulatorServer simulator = new SimulatorServer(io.marketbridge.simulator.SimulatorSettings.from(s::getProperty)).start();
        return start(out, simulator, p -> {
            for (int n = 1; n <= count; n++) {
                RuntimeHarness.qoo10Account(p, account.apply(n), simulator.baseUrl(), apiKey.apply(n), seller.apply(n),
                        password.apply(n));
            }
            more.accept(p);
        });
    }

    /** The claim action dispatch every 200 ms, its retries after 200 ms: a test's rows settle within seconds. */
    public static void quickClaimActions(Properties p) {
        p.setProperty("marketbridge.claims.actions.poll-ms", "200");
        p.setProperty("marketbridge.claims.actions.start-delay-ms", "200");
        p.setProperty("marketbridge.claims.actions.retry.initial-delay-ms", "200");
    }

    private static SimulatedRuntime start(Path out, SimulatorServer simulator, Consumer<Properties> accounts) throws Exception {
        Properties p = RuntimeHarness.baseProperties(out);
        accounts.accept(p);
        return new SimulatedRuntime(simulator, RuntimeHarness.start(p, simulator, out));
    }

    @Override
    public void close() throws Exception {
        runtime.close();
        simulator.close();
    }
}
