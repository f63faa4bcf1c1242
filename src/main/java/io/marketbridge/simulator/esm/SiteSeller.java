package io.marketbridge.simulator.esm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One site seller ID (Gmarket "G" or Auction "A") of a master, with its orders. Guarded by its own monitor. */
final class SiteSeller {

    final String site;
    final String id;
    final String masterId;
    final Map<Long, OrderLine> items = new LinkedHashMap<>();
    /** Arrival times (ms) of every order query that met the bucket, refused ones included. */
    final List<Long> queryTimes = new ArrayList<>();
    long lastAccepted = Long.MIN_VALUE / 2;

    SiteSeller(String site, String id, String masterId) {
        this.site = site;
        this.id = id;
        this.masterId = masterId;
    }

    /** "G:id" or "A:id", as a token's ssi names it. */
    String key() {
        return site + ":" + id;
    }

    boolean auction() {
        return "A".equals(site);
    }
}
