package io.marketbridge.simulator.qoo10;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.marketbridge.simulator.SimReply;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** The QAPI methods the simulator answers, each as qoo10.md describes its parameters, states and ResultCodes. */
final class Qoo10Methods {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private final Qoo10Simulator sim;
    private final Qoo10Store store;

    Qoo10Methods(Qoo10Simulator sim) {
        this.sim = sim;
        this.store = sim.store;
    }

    /** CertificationAPI.CreateCertificationKey: the API key authenticates, user_id + pwd name the QSM seller. */
    SimReply createKey(String apiKey, Map<String, String> p) {
        String seller = store.sellerOfApiKey(apiKey);
        if (seller == null) {
            return sim.unknownKey();
        }
        // one SDK sends userId where the documentation says user_id: both are read
        String user = p.getOrDefault("user_id", p.getOrDefault("userId", ""));
        String pwd = p.getOrDefault("pwd", "");
        if (!user.equals(seller) || !store.sellers.get(seller).password().equals(pwd)) {
            return Qoo10Simulator.error(-10001, "Seller not found: check user_id and pwd");
        }
        return Qoo10Simulator.ok(TextNode.valueOf(store.issueSak(seller, sim.sakLifetime())), "成功");
    }

    SimReply call(String method, String seller, Map<String, String> p) {
        return switch (method) {
            case "shippingbasic.getshippinginfo_v2" -> list(seller, p, false);
            case "shippingbasic.getshippinginfo_v3" -> list(seller, p, true);
            case "shippingbasic.getshippingandclaiminfobyorderno_v2" -> read(seller, p);
            case "shippingbasic.setsellercheckyn_v2" -> check(seller, p);
            case "shippingbasic.setsendinginfo" -> send(seller, p);
            case "shippingbasic.getclaiminfo_v3" -> claims(seller, p);
            case "claim.setcancelprocess" -> cancel(seller, p);
            case Qoo10Stock.DETAIL, Qoo10Stock.INVENTORY, Qoo10Stock.SET_QTY, Qoo10Stock.EDIT_INVENTORY ->
                    sim.stock.call(method, seller, p);
            default -> Qoo10Simulator.error(-90001, "API does not exist");
        };
    }

    private SimReply list(String seller, Map<String, String> p, boolean v3) {
        String statText = v3 ? p.getOrDefault("ShippingStatus", "") : p.getOrDefault("ShippingStat", "");
        int stat;
        try {
            stat = statText.isBlank() ? (v3 ? 0 : -1) : Integer.parseInt(statText.trim());
        } catch (NumberFormatException e) {
            stat = -1;
        }
        if (stat < 0 || stat > 5 || (!v3 && stat == 0)) {
            return Qoo10Simulator.error(-10004, "ShippingStat is not valid");
        }
        ZonedDateTime from = time(p.get(v3 ? "SearchStartDate" : "search_Sdate"), false);
        ZonedDateTime to = time(p.get(v3 ? "SearchEndDate" : "search_Edate"), true);
        if (from == null || to == null || to.isBefore(from) || from.plusDays(sim.settings.maxWindowDays()).isBefore(to)) {
            return Qoo10Simulator.error(-10002, "Search date error");
        }
        String condition = p.getOrDefault(v3 ? "SearchCondition" : "search_condition", "1");
        ArrayNode out = Qoo10Simulator.array();
        for (Qoo10Store.SimOrder o : store.ordersOf(seller)) {
            boolean statusMatches = stat == 0 ? o.status >= 1 && o.status <= 3 : o.status == stat;
            ZonedDateTime at = switch (condition.trim()) {
                case "2" -> o.paymentDate;
                case "3" -> o.shippingDate;
                case "4" -> o.deliveredDate;
                default -> o.orderDate;
            };
            if (statusMatches && o.claimStatus == 0 && at != null && !at.isBefore(from) && !at.isAfter(to)) {
                out.add(v3 ? sim.rows.v3(o) : sim.rows.v2(o));
            }
        }
        if (out.isEmpty() && sim.settings.emptyAnswer().equals("no-order")) {
            return Qoo10Simulator.error(-10002, "No order");
        }
        return Qoo10Simulator.ok(out, ThreadLocalRandom.current().nextBoolean() ? "SUCCESS" : "成功");
    }

    private SimReply read(String seller, Map<String, String> p) {
        Qoo10Store.SimOrder o = order(seller, p.get("OrderNo"));
        if (o == null) {
            return Qoo10Simulator.error(-10001, "Order not found");
        }
        ArrayNode out = Qoo10Simulator.array();
        com.fasterxml.jackson.databind.node.ObjectNode row = sim.rows.v2(o);
        row.put("claimStatus", String.valueOf(o.claimStatus));
        out.add(row);
        return Qoo10Simulator.ok(out, "SUCCESS");
    }

    private SimReply check(String seller, Map<String, String> p) {
        Qoo10Store.SimOrder o = order(seller, p.get("OrderNo"));
        if (o == null) {
            return Qoo10Simulator.error(-10001, "Order not found");
        }
        String est = p.getOrDefault("EstShipDt", "");
        if (!est.isBlank() && date(est) == null) {
            return Qoo10Simulator.error(-10002, "EstShipDt is not yyyyMMdd");
        }
        synchronized (o) {
            if (o.status != 2 || o.claimStatus != 0) {
                return Qoo10Simulator.error(-10004, "Wrong order status");
            }
            o.status = 3;
            o.estShipDate = est;
        }
        return Qoo10Simulator.ok(null, "成功");
    }

    private SimReply send(String seller, Map<String, String> p) {
        Qoo10Store.SimOrder o = order(seller, p.get("OrderNo"));
        if (o == null) {
            return Qoo10Simulator.error(-10001, "Order not found");
        }
        String corp = p.getOrDefault("ShippingCorp", "").trim();
        String tracking = p.getOrDefault("TrackingNo", "").trim();
        if (corp.isEmpty() || corp.length() > 200 || tracking.isEmpty() || tracking.length() > 50) {
            return Qoo10Simulator.error(-10004, "ShippingCorp or TrackingNo is missing or too long");
        }
        if (sim.settings.carriers().stream().noneMatch(corp::equalsIgnoreCase)) {
            return Qoo10Simulator.error(-10004, "ShippingCorp is not a registered carrier");
        }
        synchronized (o) {
            if (o.status < 2 || o.status > 3 || o.claimStatus != 0) {
                return Qoo10Simulator.error(-10004, "Wrong order status");
            }
            o.status = 4;
            o.shippingCorp = corp;
            o.trackingNo = tracking;
            o.shippingDate = store.now().withNano(0);
        }
        return Qoo10Simulator.ok(null, "SUCCESS");
    }

    private SimReply claims(String seller, Map<String, String> p) {
        int stat;
        try {
            stat = Integer.parseInt(p.getOrDefault("ClaimStat", "").trim());
        } catch (NumberFormatException e) {
            return Qoo10Simulator.error(-10004, "ClaimStat is not valid");
        }
        ZonedDateTime from = time(p.get("search_Sdate"), false);
        ZonedDateTime to = time(p.get("search_Edate"), true);
        if (from == null || to == null || to.isBefore(from)) {
            return Qoo10Simulator.error(-10002, "Search date error");
        }
        if (from.plusDays(90).isBefore(to)) {
            return Qoo10Simulator.error(-10003, "Search period is longer than 90 days");
        }
        String condition = p.getOrDefault("search_condition", "2").trim();
        ArrayNode out = Qoo10Simulator.array();
        for (Qoo10Store.SimOrder o : store.ordersOf(seller)) {
            ZonedDateTime at = switch (condition) {
                case "1" -> o.orderDate;
                case "3" -> o.claimDoneDate;
                default -> o.claimRequestDate;
            };
            if (o.claimStatus == stat && at != null && !at.isBefore(from) && !at.isAfter(to)) {
                out.add(sim.rows.claim(o));
            }
        }
        if (out.isEmpty() && sim.settings.emptyAnswer().equals("no-order")) {
            return Qoo10Simulator.error(-10002, "No claim");
        }
        return Qoo10Simulator.ok(out, "SUCCESS");
    }

    private SimReply cancel(String seller, Map<String, String> p) {
        Qoo10Store.SimOrder o = order(seller, p.get("ContrNo"));
        if (o == null) {
            return Qoo10Simulator.error(-10001, "Order not found");
        }
        synchronized (o) {
            if (o.status >= 4 || o.claimStatus == 3) {
                return Qoo10Simulator.error(-10004, "Wrong order status");
            }
            ZonedDateTime now = store.now().withNano(0);
            if (o.claimStatus == 0) {
                o.claimRequestDate = now;
            }
            o.claimStatus = 3;
            o.claimDoneDate = now;
            o.claimReason = "seller cancel " + p.getOrDefault("CancelReason", "");
        }
        return Qoo10Simulator.ok(null, "SUCCESS");
    }

    /** Buyers ask to cancel paid orders now and then (claims.cancel-rate per arrival tick). */
    void buyersCancel(double rate) {
        if (rate <= 0 || ThreadLocalRandom.current().nextDouble() >= rate) {
            return;
        }
        List<Qoo10Store.SimOrder> open = store.all().stream().filter(o -> o.status <= 3 && o.claimStatus == 0).toList();
        if (!open.isEmpty()) {
            requestCancel(open.get(ThreadLocalRandom.current().nextInt(open.size())), "買い間違え");
        }
    }

    void requestCancel(Qoo10Store.SimOrder o, String reason) {
        synchronized (o) {
            o.claimStatus = 1;
            o.claimRequestDate = store.now().withNano(0);
            o.claimReason = reason;
        }
    }

    /** The buyer takes a cancel request back (ClaimStat 1 -> none): Qoo10 then lists no claim for the order. */
    void withdrawCancel(Qoo10Store.SimOrder o) {
        synchronized (o) {
            if (o.claimStatus != 1) {
                throw new IllegalStateException("orderNo " + o.orderNo + " has no cancel request");
            }
            o.claimStatus = 0;
            o.claimRequestDate = null;
            o.claimReason = "";
        }
    }

    private Qoo10Store.SimOrder order(String seller, String orderNo) {
        try {
            Qoo10Store.SimOrder o = store.order(Long.parseLong(orderNo == null ? "" : orderNo.trim()));
            return o != null && o.seller.equals(seller) ? o : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** yyyyMMdd (the whole day: its start, or its end for an end bound) or yyyyMMddHHmmss, JST; null when neither. */
    private static ZonedDateTime time(String text, boolean end) {
        if (text == null) {
            return null;
        }
        String t = text.trim();
        try {
            if (t.length() == 14) {
                return LocalDateTime.parse(t, SECOND).atZone(Qoo10Store.TOKYO);
            }
            LocalDate day = date(t);
            if (day == null) {
                return null;
            }
            return end ? day.plusDays(1).atStartOfDay(Qoo10Store.TOKYO).minusSeconds(1) : day.atStartOfDay(Qoo10Store.TOKYO);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static LocalDate date(String t) {
        try {
            return t.length() == 8 ? LocalDate.parse(t, DAY) : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
