package io.marketbridge.simulator.coupang;

import io.marketbridge.simulator.TrackingNumbers;
import java.util.Map;

/**
 * Coupang's own courier list as the simulated marketplace checks it (deliveryCompanyCode and the invoice
 * number lengths Coupang enforces). Kept apart from the runtime's courier table on purpose: the simulator
 * plays the marketplace, so a mistake in the runtime's table shows up as a refusal here.
 */
final class CoupangCouriers {

    /** code -> {display name, allowed lengths ("10|12", "8-16", "any" or "" for 6 to 20 digits)}. */
    private static final Map<String, String[]> CODES = Map.ofEntries(
            Map.entry("CJGLS", new String[] {"CJ 대한통운", "10|12"}),
            Map.entry("HANJIN", new String[] {"한진택배", "10|12"}),
            Map.entry("EPOST", new String[] {"우체국택배", "13"}),
            Map.entry("HYUNDAI", new String[] {"롯데택배", "10|12|13"}),
            Map.entry("KGB", new String[] {"로젠택배", "10|11"}),
            Map.entry("KDEXP", new String[] {"경동택배", "8-16"}),
            Map.entry("DAESIN", new String[] {"대신택배", "13"}),
            Map.entry("ILYANG", new String[] {"일양로지스", "8-16"}),
            Map.entry("CHUNIL", new String[] {"천일택배", "11"}),
            Map.entry("HDEXP", new String[] {"합동택배", "8-16"}),
            Map.entry("CVS", new String[] {"CVS택배", ""}),
            Map.entry("BGF", new String[] {"BGF포스트", ""}),
            Map.entry("REGISTPOST", new String[] {"우편등기", "13"}),
            Map.entry("EMS", new String[] {"EMS", "13"}),
            Map.entry("DIRECT", new String[] {"업체직송", "any"}),
            Map.entry("KUNYOUNG", new String[] {"건영택배", ""}),
            Map.entry("NHLOGIS", new String[] {"농협택배", ""}),
            Map.entry("HONAM", new String[] {"우리택배", ""}),
            Map.entry("SLX", new String[] {"SLX택배", ""}),
            Map.entry("DHL", new String[] {"DHL", ""}),
            Map.entry("FEDEX", new String[] {"FEDEX", ""}),
            Map.entry("UPS", new String[] {"UPS", ""}),
            Map.entry("QXPRESS", new String[] {"Qxpress", ""}));

    private CoupangCouriers() {
    }

    /** Null when Coupang takes the pair, else the HTTP 400 message Coupang would give. */
    static String check(String code, String number) {
        String[] courier = CODES.get(code);
        if (courier == null) {
            return "invalid delivery company code:" + code;
        }
        String rule = courier[1];
        if (rule.equals("any")) {
            return number.chars().allMatch(Character::isDigit) ? null : "송장번호는 숫자만 입력 가능합니다. invoiceNumber=" + number;
        }
        if (number.isEmpty() || !number.chars().allMatch(Character::isDigit)) {
            return "송장번호는 숫자만 입력 가능합니다. invoiceNumber=" + number;
        }
        boolean fits = TrackingNumbers.digitsOfLength(rule.isEmpty() ? "6-20" : rule, number);
        return fits ? null : "송장번호 자릿수가 올바르지 않습니다. (" + courier[0] + ": " + rule.replace('|', '/') + "자리) invoiceNumber=" + number;
    }

    static String name(String code) {
        String[] courier = CODES.get(code);
        return courier == null ? code : courier[0];
    }
}
