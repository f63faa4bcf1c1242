package io.marketbridge.intake;

import io.marketbridge.config.Account;
import io.marketbridge.config.AccountRegistry;
import io.marketbridge.db.Jdbc;
import io.marketbridge.marketplace.MarketplaceConnector;
import io.marketbridge.order.Marketplace;
import io.marketbridge.order.Order;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays one MB_INTAKE_ERROR row marked REPLAY (read by the sql consumer of routes/intake.camel.yaml): maps the
 * stored (possibly corrected) payload with the mapper of the connector serving the row's account
 * ({@link MarketplaceConnector#mapForReplay}) and delivers it like a polled order. Acknowledgement follows on
 * the account's next poll. The route's onConsume writes the returned {@link Replayed}.
 */
public class IntakeReplay {

    private static final Logger LOG = LoggerFactory.getLogger(IntakeReplay.class);

    /** Route variable: what {@link #replay} made of its row, read by the sql consumer's onConsume update. */
    public static final String REPLAYED = "replayed";

    /** What a replay made of its row: REPLAYED, or OPEN again with the new reason; updatedAt in UTC wall time. */
    public record Replayed(String status, String reason, Timestamp updatedAt) {
    }

    /** The payload_ref prefix of claims the claim intake refused (io.marketbridge.claim.ClaimIntake). */
    public static final String CLAIM_REF = "claimId:";

    private final OrderIntake intake;
    private final io.marketbridge.claim.ClaimIntake claimIntake;
    private final AccountRegistry accounts;
    private final Clock clock;

    public IntakeReplay(OrderIntake intake, io.marketbridge.claim.ClaimIntake claimIntake, AccountRegistry accounts, Clock clock) {
        this.intake = intake;
        this.claimIntake = claimIntake;
        this.accounts = accounts;
        this.clock = clock;
    }

    /**
     * Maps and delivers the row's payload. A payload that still cannot be mapped or delivered reopens the row
     * with the reason; a database failure is thrown, so the row stays REPLAY and is taken again next poll.
     */
    public Replayed replay(IntakeErrors.ErrorRow row) throws SQLException {
        boolean claim = row.payloadRef() != null && row.payloadRef().startsWith(CLAIM_REF);
        try {
            Marketplace marketplace = Marketplace.fromCode(row.marketplace());
            Account account = accounts.require(row.accountId());
            MarketplaceConnector connector = accounts.connector(account);
            if (!connector.serves(marketplace)) {
                throw new IllegalStateException("account " + account.id() + " is a " + connector.key()
                        + " account, not " + marketplace.code());
            }
            if (claim) {
                // a claim's payload: mapped by the connector's claim mapper and recorded like a polled claim
                var claims = connector.mapClaimsForReplay(account, row.rawPayload());
                var report = claimIntake.deliverPoll(account.id(), claims);
                if (report.refusedClaims() > 0) {
                    return replayed(IntakeErrors.OPEN, "replay failed: the claim is still refused (see the newest intake error)");
                }
                LOG.info("Replayed intake error {} ({} {}): {} new claim event(s)", row.errorId(), row.marketplace(),
                        row.payloadRef(), report.newEvents());
                return replayed(IntakeErrors.REPLAYED, "replayed: " + report.newEvents() + " new claim event(s)");
            }
            Order order = connector.mapForReplay(account, row.rawPayload());
            OrderIntake.Outcome outcome = intake.deliver(order, account.autoConfirm());
            intake.writeCsvBatches(account.id());
            LOG.info("Replayed intake error {} ({} {}): {}", row.errorId(), row.marketplace(), row.payloadRef(), outcome);
            return replayed(IntakeErrors.REPLAYED, "replayed: " + outcome);
        } catch (RuntimeException e) {
            String why = SafeMessages.of(e);
            LOG.warn("Replay of intake error {} ({} {}) failed: {}", row.errorId(), row.marketplace(), row.payloadRef(), why);
            return replayed(IntakeErrors.OPEN, "replay failed: " + why);
        }
    }

    private Replayed replayed(String status, String reason) {
        return new Replayed(status, IntakeErrors.storableReason(reason), Jdbc.utc(clock.instant()));
    }
}
