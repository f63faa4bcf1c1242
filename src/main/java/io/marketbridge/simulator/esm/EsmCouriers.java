package io.marketbridge.simulator.esm;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * DeliveryCompanyCode values as ESM's courier list serves them (a static copy of part of the ~180). Kept apart
 * from the runtime's courier table on purpose: the simulator plays the marketplace.
 */
final class EsmCouriers {

    /** 직접배송: the one code that needs no invoice number. */
    static final int DIRECT = 10031;
    /** Star delivery (TransType G-Z) accepts only these couriers (CJ, Hanjin, Lotte). */
    static final Set<Integer> STAR = Set.of(10013, 10007, 10008);
    static final Map<Integer, String> NAMES = new LinkedHashMap<>();

    static {
        NAMES.put(10003, "로젠택배");
        NAMES.put(10005, "우체국택배");
        NAMES.put(10007, "한진택배");
        NAMES.put(10008, "롯데택배");
        NAMES.put(10013, "CJ대한통운");
        NAMES.put(10022, "DHL");
        NAMES.put(10023, "FedEx");
        NAMES.put(10031, "직접배송");
        NAMES.put(10036, "EMS");
        NAMES.put(10039, "우리택배");
        NAMES.put(10143, "농협택배");
    }

    private EsmCouriers() {
    }
}
