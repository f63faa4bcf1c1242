package io.marketbridge.marketplace.esm;

import static io.marketbridge.config.AccountKey.Type.BOOLEAN;
import static io.marketbridge.config.AccountKey.Type.DURATION;
import static io.marketbridge.config.AccountKey.Type.INTEGER;
import static io.marketbridge.config.AccountKey.Type.STRING;
import static io.marketbridge.config.AccountKey.Type.URL;

import io.marketbridge.claim.Claim;
import io.marketbridge.claim.action.ClaimActionType;
import io.marketbridge.config.AccountKey;
import io.marketbridge.marketplace.MarketplaceConnector;
import io.marketbridge.order.Marketplace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import io.marketbridge.config.Account;
import io.marketbridge.marketplace.MarketplaceServices;
import io.marketbridge.order.Order;
import org.apache.camel.spi.Registry;

/**
 * Gmarket and Auction through the ESM Plus Trading API 2.0: one account (an ESM+ master ID and its secret key)
 * serves the seller's Gmarket and Auction seller IDs; orders keep their site (GMARKET or AUCTION in the ERP
 * contract). Routes: routes/esm.camel.yaml. Facts: docs/esm.md. The points that source marks
 * UNCERTAIN are keys with a default here (iss, iat's type, page size, window limits, the order-query interval).
 */
public class EsmConnector implements MarketplaceConnector {

    public static final String BASE_URL = "base-url";
    public static final String MASTER_ID = "master-id";
    public static final String SECRET_KEY = "secret-key";
    public static final String GMARKET_SELLER_ID = "gmarket-seller-id";
    public static final String AUCTION_SELLER_ID = "auction-seller-id";
    public static final String JWT_ISSUER = "jwt-issuer";
    public static final String JWT_IAT_AS_STRING = "jwt-iat-as-string";
    public static final String PAGE_SIZE = "page-size";
    public static final String GMARKET_WINDOW_DAYS = "gmarket-window-days";
    public static final String AUCTION_WINDOW_DAYS = "auction-window-days";
    public static final String REQUEST_DATE_TYPE = "request-date-type";
    public static final String PHONE_HOLD = "phone-hold";
    public static final String RECHECK_AFTER_CONFIRM = "recheck-after-confirm";
    public static final String CLAIM_WINDOW_DAYS = "claim-window-days";
    public static final String CLAIM_STATUSES = "claim-statuses";
    public static final String CLAIM_FOLLOW_UP = "claim-follow-up";
    public static final String CLAIM_UNLISTED_REJECTED = "claim-unlisted-rejected";
    public static final String CLAIM_ACTION_GMARKET_SITE_TYPE = "claim-action-gmarket-site-type";

    static final String SELLER_ID_PATTERN = "[A-Za-z0-9_.@-]{2,50}";

    static final List<AccountKey> KEYS = List.of(
            AccountKey.optional(BASE_URL, URL, "https://sa2.esmplus.com", "ESM Trading API base URL (older docs: sa.esmplus.com)"),
            AccountKey.required(MASTER_ID, STRING, "ESM+ master ID: the JWT's kid", "acmemaster").matching(SELLER_ID_PATTERN),
            AccountKey.required(SECRET_KEY, STRING, "Secret key issued for the master ID: signs the JWT (HS256)",
                    "{{env:ACME_ESM_SECRET_KEY}}").asSecret(),
            AccountKey.optional(GMARKET_SELLER_ID, STRING, null, "Gmarket seller ID (absent = Gmarket off)").matching(SELLER_ID_PATTERN),
            AccountKey.optional(AUCTION_SELLER_ID, STRING, null, "Auction seller ID (absent = Auction off)").matching(SELLER_ID_PATTERN),
            AccountKey.optional(JWT_ISSUER, STRING, "www.esmplus.com",
                    "The JWT's iss: the caller's domain (ESM does not check it strictly; UNCERTAIN which value it wants)"),
            AccountKey.optional(JWT_IAT_AS_STRING, BOOLEAN, "false",
                    "Send iat as a string (as in ESM's doc example) instead of a number (as in working code); UNCERTAIN"),
            AccountKey.optional(PAGE_SIZE, INTEGER, "100", "RequestOrders pageSize (ESM's maximum is not documented; its"
                    + " sample echoes 1000)").between(1, 1000),
            AccountKey.optional(GMARKET_WINDOW_DAYS, INTEGER, "31", "Longest RequestOrders window on Gmarket, in days").between(1, 365),
            AccountKey.optional(AUCTION_WINDOW_DAYS, INTEGER, "180", "Longest RequestOrders window on Auction, in days").between(1, 365),
            // 5, not 2: a gift has no address until its receiver accepts it; by payment date (2) it would be passed
            // over while waiting and then lie behind the cursor for good. 5 reads other orders by payment date too.
            AccountKey.optional(REQUEST_DATE_TYPE, INTEGER, "5", "RequestOrders requestDateType: 5 payment date, or for a"
                    + " gift the date its receiver accepted it; 2 payment date only (a gift accepted later is missed)")
                    .between(1, 5),
            AccountKey.optional(PHONE_HOLD, DURATION, "PT10M", "An order whose receiver phones are still null (ESM fills them"
                    + " a few minutes after payment) is held this long after payment, then delivered with what there is"),
            AccountKey.optional(RECHECK_AFTER_CONFIRM, BOOLEAN, "true",
                    "Re-read orders OrderCheck reports with IsChanged 1 (address changed) and write ADDRESS_CHANGED rows"),
            AccountKey.optional(CLAIM_WINDOW_DAYS, INTEGER, "6", "Longest claims list window: EndDate - StartDate in days"
                    + " (EndDate is read as 00:00 of its day; ESM refused 7 with 2000 in practice)").between(1, 7),
            AccountKey.optional(CLAIM_STATUSES, STRING, "1,2,3,4,5,6", "ReturnStatus / ExchangeStatus values the claims poll"
                    + " reads, one call each (those lists have no \"all\"); only with all six is an open return or exchange"
                    + " no longer listed recorded REJECTED").matching("[1-6]( *, *[1-6])*"),
            AccountKey.optional(CLAIM_FOLLOW_UP, DURATION, "P30D", "How long after its request an open claim is read again"
                    + " (ESM lists claims by request date only: the claims poll reaches back to the oldest open one)"),
            AccountKey.optional(CLAIM_UNLISTED_REJECTED, BOOLEAN, "true", "Record REJECTED an open claim ESM no longer lists"
                    + " in a read of every status covering its request date (ESM's lists have no rejected code)"),
            AccountKey.optional(CLAIM_ACTION_GMARKET_SITE_TYPE, INTEGER, "2", "SiteType of a Gmarket OrderNo in the bodies"
                    + " of cancel approval, return approval and SoldOut (esm.md says only that they carry SiteType; other"
                    + " ESM pages give 2 = Gmarket, 3 = G9; UNCERTAIN)").between(2, 3));

    @Override
    public String key() {
        return "esm";
    }

    @Override
    public List<AccountKey> accountKeys() {
        return KEYS;
    }

    @Override
    public List<String> problemsAcross(Map<String, String> values) {
        List<String> problems = new ArrayList<>();
        if (blank(values.get(GMARKET_SELLER_ID)) && blank(values.get(AUCTION_SELLER_ID))) {
            problems.add(GMARKET_SELLER_ID + " or " + AUCTION_SELLER_ID + " is required (the account sells on neither site)");
        }
        String type = values.get(REQUEST_DATE_TYPE);
        if (type != null && !type.trim().equals("2") && !type.trim().equals("5")) {
            problems.add(REQUEST_DATE_TYPE + " must be 2 (payment date) or 5 (payment or gift accepted)");
        }
        return problems;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    @Override
    public String ordersRoute() {
        return "esm-orders";
    }

    @Override
    public Set<Marketplace> marketplaces() {
        return Set.of(Marketplace.GMARKET, Marketplace.AUCTION);
    }

    @Override
    public Map<String, String> retiredKeys() {
        return Map.of(
                "order-query-interval-ms", "the interval is the node's marketbridge.esm.order-query-interval-ms"
                        + " (one Camel throttle per site seller ID, whichever account queries)",
                "order-query-max-wait", "an order query waits its turn at the throttle; a poll that waits too long"
                        + " shows as POLL OVERDUE in health");
    }

    @Override
    public String claimsRoute() {
        return "esm-claims";
    }

    @Override
    public String claimActionsRoute() {
        return "esm-claim-actions";
    }

    @Override
    public Set<ClaimActionType> claimActions() {
        return EsmClaimActions.SUPPORTED;
    }

    @Override
    public String shipRoute() {
        return "esm-ship";
    }

    @Override
    public void bindBeans(MarketplaceServices services, Registry registry) {
        registry.bind("esmApi", new EsmApi(services.clock()));
        registry.bind("esmOrders", new EsmOrders(services.intakeErrors(), services.confirmations(), services.orderChanges(),
                services.dataSource(), services.clock()));
        registry.bind("esmShipments", new EsmShipments(services.confirmations(), services.clock()));
        registry.bind("esmClaims", new EsmClaims(services.intakeErrors(), services.dataSource(), services.clock()));
        registry.bind("esmClaimActions", new EsmClaimActions(services.clock()));
        registry.bind("esmStock", new EsmStock());
    }

    @Override
    public String stockRoute() {
        return "esm-stock";
    }

    /** The master GoodsNo of each row (the line keeps the site's SiteGoodsNo), from the stored rows. */
    @Override
    public List<io.marketbridge.stock.LearnedListing> listingsOf(Order order) {
        return EsmStock.listingsOf(order);
    }

    /** Gmarket and Auction orders alike: the stored payload names its site. */
    @Override
    public Order mapForReplay(Account account, String rawPayload) {
        return EsmOrders.mapRaw(account, rawPayload);
    }

    /** A claim row as stored ({Marketplace, ClaimType, ContrAmount, Row}): the payload names its site and list. */
    @Override
    public List<Claim> mapClaimsForReplay(Account account, String rawPayload) {
        return EsmClaims.mapRaw(account, rawPayload);
    }

    /**
     * ESM's check: one order query (RequestOrders, paid orders of the last minute) with a JWT minted for it, for the
     * Gmarket seller ID when there is one, else the Auction one. It spends that seller ID's order-query slot as a poll
     * does (route esm-api's throttle).
     */
    @Override
    public io.marketbridge.marketplace.ConnectionCheck connectionCheck(Account account, java.time.Clock clock) {
        String gmarket = account.get(GMARKET_SELLER_ID);
        boolean onGmarket = gmarket != null && !gmarket.isBlank();
        io.marketbridge.order.Marketplace site = onGmarket ? io.marketbridge.order.Marketplace.GMARKET
                : io.marketbridge.order.Marketplace.AUCTION;
        String sellerId = onGmarket ? gmarket.trim() : account.get(AUCTION_SELLER_ID).trim();
        java.time.ZonedDateTime now = java.time.ZonedDateTime.now(clock.withZone(java.time.ZoneId.of("Asia/Seoul")));
        com.fasterxml.jackson.databind.node.ObjectNode body = io.marketbridge.order.OrderJson.mapper().createObjectNode();
        body.put("siteType", EsmOrderMapper.siteType(site));
        body.put("orderStatus", 1);
        body.put("requestDateType", account.integer(REQUEST_DATE_TYPE));
        body.put("requestDateFrom", now.minusMinutes(1).format(EsmOrders.WINDOW));
        body.put("requestDateTo", now.format(EsmOrders.WINDOW));
        body.put("pageIndex", 1);
        body.put("pageSize", account.integer(PAGE_SIZE));
        return new io.marketbridge.marketplace.ConnectionCheck("esm-api", io.marketbridge.marketplace.ApiRequest.withBody(
                "POST", EsmOrders.REQUEST_ORDERS, body.toString(), "connection check (" + site.code() + " orders of the last minute)"),
                java.util.Map.of(EsmApi.BUCKET, (site == io.marketbridge.order.Marketplace.GMARKET ? "G:" : "A:") + sellerId));
    }

    @Override
    public String keyRenewal() {
        return "ESM+ (판매자정보 > ESM API 관리) or ESM's API help desk, who issue the secret; then set secret-key";
    }
}
