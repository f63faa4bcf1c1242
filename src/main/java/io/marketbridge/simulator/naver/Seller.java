package io.marketbridge.simulator.naver;

import io.marketbridge.simulator.naver.NaverSimulatorSettings.Credentials;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** One seller's store. Every field below is guarded by the Seller's monitor. */
final class Seller {
    final String id;
    volatile Credentials credentials;
    final String channelNo;
    final Map<String, Order> orders = new LinkedHashMap<>();
    final Map<String, ProductOrder> productOrders = new HashMap<>();
    final TreeMap<ChangeKey, Change> feed = new TreeMap<>();
    /** Gift orders still waiting for their receiver's address, in creation order. */
    final Set<String> waitingGifts = new LinkedHashSet<>();
    /** courier:number -> the receiver it was first used for: reuse is allowed only for the same receiver. */
    final Map<String, String> trackingNumbers = new HashMap<>();

    Seller(String id, Credentials credentials, String channelNo) {
        this.id = id;
        this.credentials = credentials;
        this.channelNo = channelNo;
    }
}
