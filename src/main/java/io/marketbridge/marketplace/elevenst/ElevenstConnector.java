package io.marketbridge.marketplace.elevenst;

import static io.marketbridge.config.AccountKey.Type.INTEGER;
import static io.marketbridge.config.AccountKey.Type.STRING;
import static io.marketbridge.config.AccountKey.Type.URL;

import io.marketbridge.claim.Claim;
import io.marketbridge.claim.action.ClaimActionType;
import io.marketbridge.config.AccountKey;
import io.marketbridge.marketplace.MarketplaceConnector;
import io.marketbridge.order.Marketplace;
import java.util.List;
import java.util.Set;
import io.marketbridge.config.Account;
import io.marketbridge.marketplace.MarketplaceServices;
import io.marketbridge.order.Order;
import org.apache.camel.spi.Registry;

/**
 * 11st (11번가) Seller OpenAPI: the account keys it needs and its routes (routes/elevenst.camel.yaml). Facts:
 * docs/elevenst.md. The points the facts leave uncertain are keys with the safe default.
 */
public class ElevenstConnector implements MarketplaceConnector {

    public static final String BASE_URL = "base-url";
    public static final String API_KEY = "api-key";
    public static final String RESPONSE_CHARSET = "response-charset";
    public static final String RATE_PER_SECOND = "rate-per-second";
    public static final String MAX_ROWS = "orders.max-rows";
    public static final String NO_ADD_ON = "confirm.no-add-on-value";
    public static final String DELIVERY_METHOD = "ship.delivery-method";
    public static final String CANCEL_REJECT_SEND_DATE = "claims.cancel-reject-send-date";
    public static final String OUT_OF_STOCK_REASON = "claims.out-of-stock-reason";
    public static final String STOCK_MAX_QUANTITY = "stock.max-quantity";

    static final List<AccountKey> KEYS = List.of(
            AccountKey.optional(BASE_URL, URL, "https://api.11st.co.kr", "11st OpenAPI base URL (the paths start with /rest)"),
            AccountKey.required(API_KEY, STRING, "OpenAPI key from Seller Office (Open API 관리); this server's IP must be"
                    + " registered with it", "{{env:ACME_11ST_API_KEY}}").asSecret().matching("[A-Za-z0-9_-]{8,128}"),
            AccountKey.optional(RESPONSE_CHARSET, STRING, "EUC-KR", "How 11st's answers are decoded: EUC-KR (read as CP949,"
                    + " its superset) as 11st declares, or UTF-8").matching("(?i)EUC-KR|CP949|MS949|UTF-8"),
            AccountKey.optional(RATE_PER_SECOND, INTEGER, "1", "Calls per second for this account (11st publishes no"
                    + " limit; sellers' tools use about 1 call per second)").between(1, 20),
            AccountKey.optional(MAX_ROWS, INTEGER, "3000", "Rows 11st returns at most per list call; a full answer is"
                    + " read again as two half windows").between(2, 100000),
            AccountKey.optional(NO_ADD_ON, STRING, "null", "addPrdNo sent on reqpackaging for a line that is not an"
                    + " add-on: the literal null (11st's guide) or 0 (seen in some clients)").matching("null|0"),
            AccountKey.optional(DELIVERY_METHOD, STRING, "01", "dlvMthdCd sent on reqdelivery; 01 (parcel, 택배) is the"
                    + " only code all sources agree on").matching("[0-9]{2}"),
            AccountKey.optional(CANCEL_REJECT_SEND_DATE, STRING, "yyyyMMdd", "Form of sendDt on cancelreqreject (a"
                    + " buyer's cancel refused by shipping): yyyyMMdd as one implementation sends it, or yyyyMMddHHmm as"
                    + " reqdelivery takes it").matching("yyyyMMdd|yyyyMMddHHmm"),
            AccountKey.optional(OUT_OF_STOCK_REASON, STRING, "08", "ordCnRsnCd sent on reqrejectorder for a seller"
                    + " cancel OUT_OF_STOCK: 08 (sold out) or 09 (the option sold out)").matching("08|09"),
            AccountKey.optional(STOCK_MAX_QUANTITY, INTEGER, "99999", "Highest stckQty sent to 11st; a higher figure is"
                    + " refused before the call (11st.md gives no limit)").between(1, 1_000_000_000));

    @Override
    public String key() {
        return "elevenst";
    }

    /** Accounts written before the one-name rule said marketplace = 11st; still read, with a warning. */
    @Override
    public Set<String> formerKeys() {
        return Set.of("11st");
    }

    @Override
    public List<AccountKey> accountKeys() {
        return KEYS;
    }

    @Override
    public String ordersRoute() {
        return "elevenst-orders";
    }

    @Override
    public Set<Marketplace> marketplaces() {
        return Set.of(Marketplace.ELEVENST);
    }

    @Override
    public String claimsRoute() {
        return "elevenst-claims";
    }

    @Override
    public String shipRoute() {
        return "elevenst-ship";
    }

    @Override
    public String claimActionsRoute() {
        return "elevenst-claim-actions";
    }

    @Override
    public Set<ClaimActionType> claimActions() {
        return ElevenstClaimActions.SUPPORTED;
    }

    @Override
    public String stockRoute() {
        return "elevenst-stock";
    }

    @Override
    public String listingsRoute() {
        return "elevenst-listings";
    }

    /** The default (prdNo, prdStckNo) less the add-on lines, whose prdStckNo is 0: they have no option stock to set. */
    @Override
    public List<io.marketbridge.stock.LearnedListing> listingsOf(Order order) {
        return MarketplaceConnector.super.listingsOf(order).stream()
                .filter(l -> !l.optionId().isEmpty() && !l.optionId().matches("0+")).toList();
    }

    @Override
    public void bindBeans(MarketplaceServices services, Registry registry) {
        registry.bind("elevenstApi", new ElevenstApi(services.intakeErrors()));
        registry.bind("elevenstOrders", new ElevenstOrders(services.intakeErrors(), services.confirmations(), services.shipmentStore()));
        registry.bind("elevenstClaims", new ElevenstClaims(services.intakeErrors()));
        registry.bind("elevenstShipments", new ElevenstShipments(services.confirmations()));
        registry.bind("elevenstClaimActions", new ElevenstClaimActions(services.clock()));
        registry.bind("elevenstStock", new ElevenstStock());
        registry.bind("elevenstListings", new ElevenstListings());
    }

    @Override
    public Order mapForReplay(Account account, String rawPayload) {
        return ElevenstOrders.mapRaw(account, rawPayload);
    }

    @Override
    public List<Claim> mapClaimsForReplay(Account account, String rawPayload) {
        return ElevenstClaims.mapRaw(account, rawPayload);
    }

    /** 11st's check: the paid-orders list of the last minute (one GET with the openapikey). */
    @Override
    public io.marketbridge.marketplace.ConnectionCheck connectionCheck(Account account, java.time.Clock clock) {
        java.time.ZonedDateTime now = java.time.ZonedDateTime.now(clock.withZone(java.time.ZoneId.of("Asia/Seoul")));
        String from = now.minusMinutes(1).format(ElevenstOrders.MINUTE);
        String to = now.format(ElevenstOrders.MINUTE);
        return new io.marketbridge.marketplace.ConnectionCheck("elevenst-api", io.marketbridge.marketplace.ApiRequest.get(
                "/rest/ordservices/complete/" + from + "/" + to, "", "connection check (paid orders " + from + ".." + to + ")"));
    }

    /** 180 days: reported from an 11st notice, in effect from 2026-06-30 (11st.md, single source, uncertain). */
    @Override
    public java.time.Period keyLifetime() {
        return java.time.Period.ofDays(180);
    }

    @Override
    public String keyRenewal() {
        return "11st Seller Office, under Open API 관리 (with this server's IP registered); then set api-key";
    }
}
