package io.marketbridge.simulator.naver;

import io.marketbridge.simulator.TrackingNumbers;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Naver's deliveryCompanyCode values as the simulated marketplace checks them, with the tracking number
 * shapes the couriers use. Kept apart from the runtime's courier table on purpose: the simulator plays the
 * marketplace, so a mistake in the runtime's table shows up as a refusal here.
 */
final class NaverCouriers {
    /** code -> allowed lengths of an all-digit number ("10|12", "8-16"), or "" for 6 to 20 letters and digits. */
    private static final Map<String, String> RULES = new HashMap<>();

    static {
        RULES.put("CJGLS", "10|12");
        RULES.put("HANJIN", "10|12");
        RULES.put("HYUNDAI", "10|12|13");
        RULES.put("KGB", "10|11");
        RULES.put("EPOST", "13");
        RULES.put("KDEXP", "8-16");
        RULES.put("DAESIN", "13");
        RULES.put("ILYANG", "8-16");
        RULES.put("CHUNIL", "11");
        RULES.put("HDEXP", "8-16");
        RULES.put("REGISTPOST", "13");
        for (String code : List.of("CVSNET", "CUPARCEL", "EMS", "DHL", "FEDEX", "UPS", "KOREXG", "TNT", "USPS", "SLX",
                "HONAM", "SEBANG", "KUNYOUNG", "QXPRESS", "HOMEPICK", "NONGHYUP", "HLCGLOBAL", "TWOFASTEXPRESS",
                "LINEEXP", "ACE", "GOODTOLUCK", "FOREVER", "HOMEINNO", "CWAYEXPRESS", "ECMSEXPRESS", "LOTOS",
                "LOGISVALLEY", "ZENIEL", "KIN", "KY", "DAELIM", "GSPOSTBOX", "GS더프레시")) {
            RULES.put(code, "");
        }
    }

    private NaverCouriers() {
    }

    static boolean known(String code) {
        return RULES.containsKey(code);
    }

    static boolean validNumber(String code, String number) {
        String rule = RULES.get(code);
        if (rule == null) {
            return false;
        }
        if (rule.isEmpty()) {
            return number.matches("[0-9A-Za-z]{6,20}");
        }
        return TrackingNumbers.digitsOfLength(rule, number);
    }
}
