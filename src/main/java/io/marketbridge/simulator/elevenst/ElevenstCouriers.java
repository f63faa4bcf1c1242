package io.marketbridge.simulator.elevenst;

import io.marketbridge.simulator.TrackingNumbers;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * 11st's dlvEtprsCd values as the simulated marketplace checks them (the common block of the facts), with the
 * number shapes the couriers use. Kept apart from the runtime's courier table on purpose.
 */
final class ElevenstCouriers {
    private static final Map<String, String> RULES = new HashMap<>();

    static {
        RULES.put("00034", "10|12"); // CJ대한통운
        RULES.put("00011", "10|12"); // 한진
        RULES.put("00012", "10|12|13"); // 롯데
        RULES.put("00007", "13"); // 우체국
        RULES.put("00002", "10|11"); // 로젠
        RULES.put("00026", "8-16"); // 경동
        RULES.put("00021", "13"); // 대신
        RULES.put("00022", "8-16"); // 일양
        RULES.put("00027", "11"); // 천일
        RULES.put("00035", "8-16"); // 합동
        RULES.put("00008", "13"); // 우편등기
        for (String code : List.of("00001", "00023", "00025", "00031", "00036", "00037", "00038", "00039", "00047",
                "00053", "00058", "00060", "00061", "00062", "00063", "00064", "00065", "00066", "00067", "00068",
                "00069", "00070", "00099")) {
            RULES.put(code, "");
        }
    }

    private ElevenstCouriers() {
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
