package io.marketbridge.marketplace.esm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketbridge.claim.Claim;
import io.marketbridge.claim.ClaimLine;
import io.marketbridge.claim.ClaimType;
import io.marketbridge.config.Account;
import io.marketbridge.db.Jdbc;
import io.marketbridge.intake.IntakeErrors;
import io.marketbridge.intake.PollContext;
import io.marketbridge.intake.WindowSlicer;
import io.marketbridge.marketplace.ApiRequest;
import io.marketbridge.marketplace.JsonFields;
import io.marketbridge.marketplace.esm.EsmClaimMapper.ClaimList;
import io.marketbridge.marketplace.esm.EsmClaimsPoll.ListQuery;
import io.marketbridge.marketplace.esm.EsmClaimsPoll.OpenClaim;
import io.marketbridge.order.Marketplace;
import io.marketbridge.order.OrderJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;

/**
 * The ESM-specific steps of the claims poll (routes/esm.camel.yaml, esm-claims).
 *
 * <p>Reads, per site the account sells on: Cancels (SiteType Auction 1, Gmarket 3; CancelStatus 0, every status),
 * Returns and Exchanges (SiteType 1 / 2; one read per status of claim-statuses, as those lists have no "all"),
 * by request date (Type 2) in day slices: StartDate the first day, EndDate the day after the last (ESM reads
 * EndDate as 00:00 of its day), EndDate - StartDate at most claim-window-days (6: ESM refused 7 with 2000). The
 * lists have no paging. The range read is the poll's window, reaching back to the request date of the oldest claim
 * still open in MB_CLAIM (within claim-follow-up): a claim is listed by its request date only, so that is how its
 * later statuses are seen. Each read spends the site seller ID's slot, as order queries do; the sites take turns.
 *
 * <p>A claim recorded open (REQUESTED / APPROVED) that a read of every status covering its request date no longer
 * lists was ended without effect (ESM's lists have no rejected code; a cancel refused by shipping drops out):
 * it is recorded REJECTED (claim-unlisted-rejected).
 */
public class EsmClaims {

    static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE;
    /** Cancels' CancelStatus for every status. */
    static final int ALL = 0;
    static final List<Integer> EVERY_STATUS = List.of(1, 2, 3, 4, 5, 6);

    private final IntakeErrors intakeErrors;
    private final DataSource dataSource;
    private final Clock clock;

    public EsmClaims(IntakeErrors intakeErrors, DataSource dataSource, Clock clock) {
        this.intakeErrors = intakeErrors;
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** The site seller key of the order-query throttle ("G:id" / "A:id"), as the order poll names it. */
    static String bucket(Marketplace site, String sellerId) {
        return (site == Marketplace.GMARKET ? "G:" : "A:") + sellerId;
    }

    // ------------------------------------------------------------ poll

    /** Per site and list: the day slices from the window's start (or the oldest open claim's request date) to its end. */
    public void startPaging(@ExchangeProperty(PollContext.PROPERTY) PollContext<EsmClaimsPoll> poll) throws SQLException {
        Account account = poll.getAccount();
        EsmClaimsPoll state = new EsmClaimsPoll();
        if (!poll.isSkipped()) {
            OffsetDateTime followFrom = OffsetDateTime.now(clock).minus(account.duration(EsmConnector.CLAIM_FOLLOW_UP));
            state.open.addAll(openClaims(poll.getAccountId(), followFrom));
            List<Integer> statuses = statuses(account.get(EsmConnector.CLAIM_STATUSES));
            WindowSlicer slicer = WindowSlicer.of(ChronoUnit.DAYS,
                    Duration.ofDays(account.integer(EsmConnector.CLAIM_WINDOW_DAYS) - 1L), WindowSlicer.Boundary.NEXT_GRAIN);
            addSite(state, Marketplace.GMARKET, account.get(EsmConnector.GMARKET_SELLER_ID), poll, slicer, statuses);
            addSite(state, Marketplace.AUCTION, account.get(EsmConnector.AUCTION_SELLER_ID), poll, slicer, statuses);
        }
        poll.start(state);
    }

    private static void addSite(EsmClaimsPoll state, Marketplace site, String sellerId, PollContext<EsmClaimsPoll> poll,
                                WindowSlicer slicer, List<Integer> statuses) {
        if (sellerId == null || sellerId.isBlank()) {
            return;
        }
        List<ListQuery> queries = new ArrayList<>();
        for (ClaimList list : ClaimList.values()) {
            OffsetDateTime from = poll.getWindowFrom();
            for (OpenClaim c : state.open) {
                if (c.site() == site && c.type() == list.type && c.requestedAt().isBefore(from)) {
                    from = c.requestedAt();
                }
            }
            List<WindowSlicer.Slice> slices = slicer.slices(from, poll.getWindowTo());
            if (slices.isEmpty()) {
                continue;
            }
            List<Integer> read = list == ClaimList.CANCELS ? List.of(ALL) : statuses;
            for (int status : read) {
                queries.add(new ListQuery(site, sellerId.trim(), list, status, slices));
            }
            if (list == ClaimList.CANCELS || read.containsAll(EVERY_STATUS)) {
                state.coverage.put(EsmClaimsPoll.key(site, list.type), new EsmClaimsPoll.Coverage(
                        slices.get(0).from().toLocalDate(), slices.get(slices.size() - 1).to().toLocalDate()));
            }
        }
        state.sites.add(queries);
    }

    /** "1,3,4" -> [1, 3, 4]. */
    static List<Integer> statuses(String setting) {
        return List.copyOf(Arrays.stream(setting.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(Integer::valueOf).collect(Collectors.toCollection(LinkedHashSet::new)));
    }

    /** One list read: a site, a list, a status value, one slice of days. */
    public ApiRequest nextPage(@ExchangeProperty(PollContext.PROPERTY) PollContext<EsmClaimsPoll> poll) {
        ListQuery q = poll.state().next();
        WindowSlicer.Slice slice = q.slices.slice();
        String start = DAY.format(slice.from());
        // EndDate is read as 00:00 of its day: the day after the slice's last one
        String end = DAY.format(slice.to().plusDays(1));
        ObjectNode body = OrderJson.mapper().createObjectNode();
        body.put("SiteType", q.list.siteType(q.site));
        body.put(q.list.statusField, q.status);
        body.put("Type", 2);
        body.put("StartDate", start);
        body.put("EndDate", end);
        return ApiRequest.withBody("POST", q.list.path, body.toString(),
                q.site.code() + " " + q.list.type.name().toLowerCase() + " claims " + q.list.statusField + " " + q.status
                        + " requested " + start + ".." + end);
    }

    public void readPage(@ExchangeProperty(PollContext.PROPERTY) PollContext<EsmClaimsPoll> poll, @Body JsonNode answer) {
        EsmClaimsPoll state = poll.state();
        ListQuery q = state.current;
        JsonNode data = answer.path("Data");
        if (data.isArray()) {
            for (JsonNode row : data) {
                poll.addFetched(1);
                String id = EsmClaimMapper.claimId(q.site, q.list.type, row);
                if (id == null) {
                    state.underivable.add(EsmClaimsPoll.key(q.site, q.list.type) + "|" + JsonFields.text(row, "OrderNo"));
                    state.rows.put("?" + state.rows.size(), new EsmClaimsPoll.Row(q.site, q.list, row));
                } else {
                    // one claim read in two statuses (it moved on between two reads) keeps both
                    state.rows.putIfAbsent(id + "|" + row.path(q.list.statusField).asText(), new EsmClaimsPoll.Row(q.site, q.list, row));
                    state.listed.add(id);
                }
            }
        }
        state.sliceDone();
    }

    /** Maps every row read (a malformed one goes to MB_INTAKE_ERROR); open claims no longer listed become REJECTED. */
    public void mapCollected(@ExchangeProperty(PollContext.PROPERTY) PollContext<EsmClaimsPoll> poll) throws SQLException {
        EsmClaimsPoll state = poll.state();
        Map<String, Integer> quantities = quantities(poll.getAccountId(), state.rows.values());
        for (EsmClaimsPoll.Row r : state.rows.values()) {
            String orderNo = JsonFields.text(r.row(), "OrderNo");
            Integer quantity = quantities.get(r.site().name() + "|" + orderNo);
            String id = EsmClaimMapper.claimId(r.site(), r.list().type, r.row());
            String ref = id != null ? id : r.list().type.name() + "/OrderNo:" + orderNo;
            intakeErrors.mapClaimsInto(poll, r.site(), ref,
                    () -> List.of(EsmClaimMapper.map(r.site(), r.list(), poll.getAccountId(), r.row(), quantity)),
                    () -> EsmClaimMapper.rawPayload(r.site(), r.list(), r.row(), quantity));
        }
        if (poll.getAccount().flag(EsmConnector.CLAIM_UNLISTED_REJECTED)) {
            for (OpenClaim c : state.open) {
                EsmClaimsPoll.Coverage read = state.coverage.get(EsmClaimsPoll.key(c.site(), c.type()));
                if (read != null && read.covers(c.requestedAt()) && !state.listed.contains(c.claimId())
                        && !state.underivable.contains(EsmClaimsPoll.key(c.site(), c.type()) + "|" + c.line().lineId())) {
                    poll.getClaims().add(EsmClaimMapper.unlisted(c.site(), poll.getAccountId(), c.claimId(), c.orderId(),
                            c.type(), c.line(), c.reasonCode(), c.reasonText(), c.requestedAt()));
                }
            }
        }
        state.rows.clear();
    }

    /** Re-maps a stored raw payload for a replay. */
    public static List<Claim> mapRaw(Account account, String rawPayload) {
        return EsmClaimMapper.mapRaw(account.id(), rawPayload);
    }

    // ------------------------------------------------------------ what MB_CLAIM and MB_ORDER_LINE know

    /**
     * The account's Gmarket and Auction claims MB_CLAIM holds as REQUESTED or APPROVED only, first collected and
     * requested since {@code since}, one per claim.
     */
    List<OpenClaim> openClaims(String accountId, OffsetDateTime since) throws SQLException {
        Map<String, OpenClaim> open = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT marketplace, claim_id, order_id, claim_type, line_id, shipment_id,"
                     + " quantity, reason_code, reason_text, requested_at FROM MB_CLAIM o WHERE account_id = ?"
                     + " AND marketplace IN ('GMARKET', 'AUCTION') AND claim_status IN ('REQUESTED', 'APPROVED')"
                     + " AND collected_at >= ? AND NOT EXISTS (SELECT 1 FROM MB_CLAIM t WHERE t.marketplace = o.marketplace"
                     + " AND t.account_id = o.account_id AND t.claim_id = o.claim_id"
                     + " AND t.claim_status IN ('COMPLETED', 'REJECTED', 'WITHDRAWN')) ORDER BY id")) {
            Jdbc.bind(ps, accountId, since.toInstant());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String requested = rs.getString(10);
                    OffsetDateTime requestedAt = requested == null ? null : OffsetDateTime.parse(requested);
                    if (requestedAt == null || requestedAt.isBefore(since)) {
                        continue; // without a request date no read can be said to cover it
                    }
                    Marketplace site = Marketplace.fromCode(rs.getString(1));
                    open.putIfAbsent(site.name() + "|" + rs.getString(2), new OpenClaim(site, rs.getString(2), rs.getString(3),
                            ClaimType.valueOf(rs.getString(4)), new ClaimLine(rs.getString(5), rs.getString(6), rs.getInt(7)),
                            rs.getString(8), rs.getString(9), requestedAt));
                }
            }
        }
        return new ArrayList<>(open.values());
    }

    /** "SITE|OrderNo" -> the quantity the runtime delivered for the OrderNo (its line), for the rows' orders it delivered. */
    Map<String, Integer> quantities(String accountId, java.util.Collection<EsmClaimsPoll.Row> rows) throws SQLException {
        Map<Marketplace, Set<String>> payNos = new HashMap<>();
        for (EsmClaimsPoll.Row r : rows) {
            String payNo = JsonFields.blankToNull(JsonFields.text(r.row(), "PayNo"));
            if (payNo != null) {
                payNos.computeIfAbsent(r.site(), k -> new LinkedHashSet<>()).add(payNo.trim());
            }
        }
        Map<String, Integer> quantities = new HashMap<>();
        try (Connection c = dataSource.getConnection()) {
            for (Map.Entry<Marketplace, Set<String>> site : payNos.entrySet()) {
                List<String> ids = new ArrayList<>(site.getValue());
                for (int from = 0; from < ids.size(); from += 200) {
                    List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 200));
                    String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
                    try (PreparedStatement ps = c.prepareStatement("SELECT line_id, quantity FROM MB_ORDER_LINE"
                            + " WHERE marketplace = ? AND account_id = ? AND order_id IN (" + marks + ")")) {
                        List<Object> args = new ArrayList<>(List.of(site.getKey().code(), accountId));
                        args.addAll(chunk);
                        Jdbc.bind(ps, args.toArray());
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                quantities.put(site.getKey().name() + "|" + rs.getString(1), rs.getInt(2));
                            }
                        }
                    }
                }
            }
        }
        return quantities;
    }
}
