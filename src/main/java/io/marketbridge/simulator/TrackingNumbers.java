package io.marketbridge.simulator;

/** The tracking-number length rules the simulators' courier tables use: "13", "10|12" (either), "8-16" (a range). */
public final class TrackingNumbers {

    private TrackingNumbers() {
    }

    /** True when the number is digits only and its length fits the rule. */
    public static boolean digitsOfLength(String rule, String number) {
        if (number.isEmpty() || !number.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            return false;
        }
        int length = number.length();
        if (rule.contains("-")) {
            String[] range = rule.split("-");
            return length >= Integer.parseInt(range[0]) && length <= Integer.parseInt(range[1]);
        }
        for (String allowed : rule.split("\\|")) {
            if (length == Integer.parseInt(allowed)) {
                return true;
            }
        }
        return false;
    }
}
