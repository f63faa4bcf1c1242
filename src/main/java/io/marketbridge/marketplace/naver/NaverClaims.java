package io.marketbridge.marketplace.naver;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketbridge.claim.Claim;
import io.marketbridge.claim.ClaimLine;
import io.marketbridge.claim.ClaimStatus;
import io.marketbridge.claim.ClaimType;
import io.marketbridge.config.Account;
import io.marketbridge.db.Jdbc;
import io.marketbridge.intake.IntakeErrors;
import io.marketbridge.intake.PollContext;
import io.marketbridge.marketplace.ApiRequest;
import io.marketbridge.marketplace.JsonFields;
import io.marketbridge.marketplace.MappingException;
import io.marketbridge.order.Marketplace;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;

/**
 * The Naver-specific steps of the claims poll (routes/naver.camel.yaml, naver-claims): follow the change feed
 * (last-changed-statuses) through the poll's window with the order poll's rules, keep the product orders with a
 * claim change (CLAIM_REQUESTED, COLLECT_DONE, CLAIM_COMPLETED, CLAIM_REJECTED, CLAIM_REDELIVERING), read their
 * details 300 per query and map the claims they show ({@link NaverClaimMapper}).
 *
 * <p>A claim its buyer withdraws may leave no trace in the detail but the feed's CLAIM_REJECTED change: a claim
 * recorded open for that product order that the detail no longer shows at all is recorded WITHDRAWN.
 */
public class NaverClaims {

    /** The feed's changes of a claim (naver.md 2.4); the others (paid, dispatched, decided...) are passed over. */
    static final Set<String> CLAIM_CHANGES = Set.of("CLAIM_REQUESTED", "COLLECT_DONE", "CLAIM_COMPLETED",
            "CLAIM_REJECTED", "CLAIM_REDELIVERING");
    static final String WITHDRAWN_CHANGE = "CLAIM_REJECTED";

    private final IntakeErrors intakeErrors;
    private final DataSource dataSource;

    public NaverClaims(IntakeErrors intakeErrors, DataSource dataSource) {
        this.intakeErrors = intakeErrors;
        this.dataSource = dataSource;
    }

    /** Cuts the poll's window into feed slices of at most 24 hours, as the order poll does. */
    public void startPaging(@ExchangeProperty(PollContext.PROPERTY) PollContext<NaverClaimPoll> poll) {
        poll.start(new NaverClaimPoll(poll.isSkipped() ? List.of()
                : NaverOrders.FEED_WINDOW.slices(poll.getWindowFrom(), poll.getWindowTo())));
    }

    /** The next call: a feed page, or once the feed is read, the next detail query (up to 300 product orders). */
    public ApiRequest nextPage(@ExchangeProperty(PollContext.PROPERTY) PollContext<NaverClaimPoll> poll) {
        NaverClaimPoll state = poll.state();
        if (state.readingFeed()) {
            return NaverOrders.feedRequest(state.feed, "claim changes");
        }
        List<String> chunk = state.nextChunk();
        return NaverOrders.queryRequest(chunk, "claims of " + chunk.size() + " product orders");
    }

    /** Reads a feed page or a detail answer, whichever the state asked for. */
    public void readPage(@ExchangeProperty(PollContext.PROPERTY) PollContext<NaverClaimPoll> poll, @Body JsonNode answer) {
        NaverClaimPoll state = poll.state();
        if (state.readingFeed()) {
            NaverOrders.readFeedPage(state.feed, answer, change -> {
                String id = change.path("productOrderId").asText("");
                if (id.isEmpty() || !CLAIM_CHANGES.contains(change.path("lastChangedType").asText())
                        || "PURCHASE_DECISION_HOLDBACK".equals(change.path("claimType").asText())) {
                    return;
                }
                state.changes.computeIfAbsent(id, k -> {
                    state.toQuery.add(k);
                    return new ArrayList<>();
                }).add(change);
            });
            return;
        }
        state.queried += state.nextChunk().size();
        for (JsonNode detail : answer.path("data")) {
            poll.addFetched(1);
            String id = detail.path("productOrder").path("productOrderId").asText("");
            state.records.add(NaverClaimMapper.record(detail, state.changes.getOrDefault(id, List.of())));
        }
    }

    /**
     * Maps every record into the poll's claims; one that cannot be mapped goes to MB_INTAKE_ERROR (claimId:productOrder:
     * &lt;productOrderId&gt;) and the rest go on. Then the withdrawals the details no longer show.
     */
    public void mapCollected(@ExchangeProperty(PollContext.PROPERTY) PollContext<NaverClaimPoll> poll) throws SQLException {
        NaverClaimPoll state = poll.state();
        for (JsonNode record : state.records) {
            JsonNode po = record.path(NaverClaimMapper.DETAIL).path("productOrder");
            String productOrderId = po.path("productOrderId").asText("");
            String orderId = record.path(NaverClaimMapper.DETAIL).path("order").path("orderId").asText("");
            int claimsBefore = poll.getClaims().size();
            int errorsBefore = poll.getMappingErrors();
            intakeErrors.mapClaimsInto(poll, Marketplace.NAVER, "productOrder:" + productOrderId,
                    () -> NaverClaimMapper.map(poll.getAccountId(), record), record::toString);
            JsonNode withdrawal = latest(record.path(NaverClaimMapper.CHANGES), WITHDRAWN_CHANGE);
            if (withdrawal != null && poll.getMappingErrors() == errorsBefore && !productOrderId.isEmpty()
                    && !orderId.isEmpty()) {
                Set<String> shown = new HashSet<>();
                poll.getClaims().subList(claimsBefore, poll.getClaims().size()).forEach(c -> shown.add(c.claimId()));
                poll.getClaims().addAll(withdrawn(poll.getAccountId(), orderId, productOrderId, shown, withdrawal, record));
            }
        }
        state.records.clear();
    }

    /** Re-maps a stored claim record (or a JSON array of them) for a replay. */
    public static List<Claim> mapRaw(Account account, String rawPayload) {
        List<Claim> claims = new ArrayList<>();
        for (JsonNode record : JsonFields.rawPayload(rawPayload)) {
            claims.addAll(NaverClaimMapper.map(account.id(), record));
        }
        return claims;
    }

    /** One claim of a line as MB_CLAIM holds it: its first row, and whether a later row ended it. */
    private record Recorded(String claimId, ClaimType type, String orderId, String shipmentId, int quantity,
                            String reasonCode, String reasonText, String requestedAt, boolean ended) {
    }

    /**
     * The claims MB_CLAIM holds open for the product order (REQUESTED or APPROVED, nothing later) that the detail
     * shows nowhere, as WITHDRAWN at the time of the feed's CLAIM_REJECTED change.
     */
    private List<Claim> withdrawn(String accountId, String orderId, String productOrderId, Set<String> shown, JsonNode change,
                                  JsonNode record) throws SQLException {
        Map<String, Recorded> claims = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT claim_id, claim_type, claim_status, order_id, shipment_id,"
                     + " quantity, reason_code, reason_text, requested_at FROM MB_CLAIM"
                     + " WHERE account_id = ? AND order_id = ? AND line_id = ? AND marketplace = ? ORDER BY id")) {
            Jdbc.bind(ps, accountId, orderId, productOrderId, Marketplace.NAVER.code());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ClaimStatus status = ClaimStatus.valueOf(rs.getString(3));
                    boolean ends = status == ClaimStatus.COMPLETED || status.undoes();
                    Recorded first = claims.get(rs.getString(1));
                    claims.put(rs.getString(1), first != null ? withEnded(first, first.ended() || ends)
                            : new Recorded(rs.getString(1), ClaimType.valueOf(rs.getString(2)), rs.getString(4),
                            rs.getString(5), rs.getInt(6), rs.getString(7), rs.getString(8), rs.getString(9), ends));
                }
            }
        }
        OffsetDateTime at;
        try {
            at = NaverOrderMapper.time(change, "lastChangedDate");
        } catch (MappingException e) {
            at = null; // the withdrawal stands without its time
        }
        List<Claim> withdrawn = new ArrayList<>();
        for (Recorded r : claims.values()) {
            if (!r.ended() && !shown.contains(r.claimId())) {
                withdrawn.add(new Claim(Marketplace.NAVER, accountId, r.claimId(), r.orderId(), r.type(), ClaimStatus.WITHDRAWN,
                        r.reasonCode(), r.reasonText(), r.requestedAt() == null ? null : OffsetDateTime.parse(r.requestedAt()),
                        at, WITHDRAWN_CHANGE, List.of(new ClaimLine(productOrderId, r.shipmentId(), r.quantity())),
                        record.toString()));
            }
        }
        return withdrawn;
    }

    private static Recorded withEnded(Recorded r, boolean ended) {
        return new Recorded(r.claimId(), r.type(), r.orderId(), r.shipmentId(), r.quantity(), r.reasonCode(),
                r.reasonText(), r.requestedAt(), ended);
    }

    /** The last feed row of a change type (rows come in feed order: by lastChangedDate). */
    private static JsonNode latest(JsonNode rows, String type) {
        JsonNode last = null;
        for (JsonNode row : rows) {
            if (type.equals(row.path("lastChangedType").asText())) {
                last = row;
            }
        }
        return last;
    }
}
