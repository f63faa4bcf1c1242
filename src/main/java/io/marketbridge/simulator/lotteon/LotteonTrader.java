package io.marketbridge.simulator.lotteon;

import java.util.LinkedHashMap;
import java.util.Map;

/** One trader (seller): its number (trNo), name, API key and orders by odNo. */
final class LotteonTrader {
    final String trNo;
    final String trNm;
    volatile String apiKey;
    final Map<String, LotteonOrder> orders = new LinkedHashMap<>();

    LotteonTrader(String trNo, String trNm, String apiKey) {
        this.trNo = trNo;
        this.trNm = trNm;
        this.apiKey = apiKey;
    }
}
