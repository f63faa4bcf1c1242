package io.marketbridge.bench;

import io.marketbridge.simulator.SimulatorServer;
import io.marketbridge.support.RuntimeHarness;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * How much heap one configured account costs: the real runtime is started with 1 account (the baseline)
 * and with N accounts, in the same JVM, and the retained heap after full GCs is compared. Run on purpose:
 *
 * <pre>bench/run.sh AccountMemoryBench 2000 3</pre>
 */
public final class AccountMemoryBench {

    private AccountMemoryBench() {
    }

    public static void main(String[] args) throws Exception {
        int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<Double> perAccount = new ArrayList<>();
        try (SimulatorServer simulator = RuntimeHarness.simulator(Map.of("A90000001", new String[] {"ak", "sk"}))) {
            for (int r = 0; r < rounds; r++) {
                long base = retainedHeap(1, simulator);
                long many = retainedHeap(accounts, simulator);
                double kib = (many - base) / 1024.0 / (accounts - 1);
                perAccount.add(kib);
                System.out.printf("round %d: 1 account %.1f MiB, %d accounts %.1f MiB -> %.1f KiB per account%n",
                        r + 1, base / 1048576.0, accounts, many / 1048576.0, kib);
            }
        }
        Collections.sort(perAccount);
        System.out.printf("heap per account (KiB): median %.1f, min %.1f, max %.1f over %d rounds; JDK %s, %d cores, max heap %d MiB%n",
                perAccount.get(perAccount.size() / 2), perAccount.get(0), perAccount.get(perAccount.size() - 1), rounds,
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() / 1048576);
        System.exit(0);
    }

    private static long retainedHeap(int accounts, SimulatorServer simulator) throws Exception {
        Path out = Files.createTempDirectory("mb-bench");
        Properties p = RuntimeHarness.baseProperties(out);
        for (int i = 0; i < accounts; i++) {
            RuntimeHarness.coupangAccount(p, "bench-" + i, simulator.baseUrl(), "A90000001", "ak", "sk");
        }
        try (RuntimeHarness runtime = RuntimeHarness.start(p, simulator, out)) {
            return usedAfterGc();
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(200);
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
