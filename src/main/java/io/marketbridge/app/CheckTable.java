package io.marketbridge.app;

import java.util.List;

/** The check command's output: one row per account, the message last (it is the long one). */
public final class CheckTable {

    private CheckTable() {
    }

    public static String of(List<AccountCheck.Result> results) {
        int account = "ACCOUNT".length();
        int marketplace = "MARKETPLACE".length();
        for (AccountCheck.Result r : results) {
            account = Math.max(account, r.account().length());
            marketplace = Math.max(marketplace, r.marketplace() == null ? 1 : r.marketplace().length());
        }
        String row = "%-" + account + "s  %-" + marketplace + "s  %-13s  %-8s  %s%n";
        StringBuilder out = new StringBuilder(String.format(row, "ACCOUNT", "MARKETPLACE", "RESULT", "KEY-DAYS", "MESSAGE"));
        for (AccountCheck.Result r : results) {
            out.append(String.format(row, r.account(), r.marketplace() == null ? "-" : r.marketplace(), r.outcome(),
                    r.keyDaysLeft() == null ? "-" : r.keyDaysLeft(), r.message().replaceAll("\\s+", " ")));
        }
        return out.toString();
    }
}
