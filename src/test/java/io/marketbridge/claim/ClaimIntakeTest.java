package io.marketbridge.claim;

import static io.marketbridge.claim.ClaimFixtures.claim;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.marketbridge.db.Database;
import io.marketbridge.intake.IntakeErrors;
import io.marketbridge.intake.OrderChanges;
import io.marketbridge.order.Marketplace;
import io.marketbridge.sink.FileSink;
import io.marketbridge.sink.FileSinkSettings;
import io.marketbridge.support.Db;
import io.marketbridge.support.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The claim intake's rules that do not depend on the database (run on H2). */
class ClaimIntakeTest {

    @TempDir
    Path out;

    @Test
    void aDerivedClaimIdIsStableAndNamesTheClaimNotItsStatus() {
        String id = ClaimIntake.derivedClaimId(Marketplace.ELEVENST, "ORD-1", "RETURN", "2026-11-21T09:30:00+09:00");
        assertThat(id).isEqualTo(ClaimIntake.derivedClaimId(Marketplace.ELEVENST, "ORD-1", "RETURN", "2026-11-21T09:30:00+09:00"))
                .startsWith("D").hasSize(32).matches("D[0-9a-f]{31}");
        assertThat(ClaimIntake.derivedClaimId(Marketplace.ELEVENST, "ORD-1", "CANCEL", "2026-11-21T09:30:00+09:00")).isNotEqualTo(id);
        assertThat(ClaimIntake.derivedClaimId(Marketplace.GMARKET, "ORD-1", "RETURN", "2026-11-21T09:30:00+09:00")).isNotEqualTo(id);
        // the separator keeps fields apart: ("ab", "c") is not ("a", "bc")
        assertThat(ClaimIntake.derivedClaimId(Marketplace.NAVER, "ab", "c"))
                .isNotEqualTo(ClaimIntake.derivedClaimId(Marketplace.NAVER, "a", "bc"));
    }

    @Test
    void aClaimThatBreaksTheContractGoesToIntakeErrorsAndTheOthersGoOn() throws Exception {
        String schema = TestDatabases.newSchema();
        try (HikariDataSource ds = Database.open(TestDatabases.prepare("h2", schema), "sa", "", 2)) {
            Database.migrate(ds);
            Clock clock = Clock.systemUTC();
            FileSink files = new FileSink(new FileSinkSettings(false, out, Set.of("json", "csv"), "UTF-8", false, false));
            ClaimIntake intake = new ClaimIntake(ds, files, new OrderChanges(ds, files, clock), new IntakeErrors(ds, clock), clock);

            Claim tooLong = claim("acct", "C".repeat(65), "O1", ClaimType.CANCEL, ClaimStatus.REQUESTED, "L1");
            Claim noLine = new Claim(Marketplace.COUPANG, "acct", "C2", "O1", ClaimType.RETURN, ClaimStatus.REQUESTED,
                    null, null, null, null, null, List.of(new ClaimLine(" ", null, 0)), "{}");
            // a line named twice in one claim is one event
            Claim twice = claim("acct", "C3", "O1", ClaimType.CANCEL, ClaimStatus.REQUESTED, "L1", "L1", "L2");

            assertThat(intake.deliverPoll("acct", List.of(tooLong, noLine, twice))).isEqualTo(new ClaimIntake.Report(2, 1, 2));
            assertThat(Db.list(ds, "SELECT reason FROM MB_INTAKE_ERROR ORDER BY error_id")).hasSize(2)
                    .anySatisfy(r -> assertThat((String) r).contains("claimId: longer than 64"))
                    .anySatisfy(r -> assertThat((String) r).contains("lineId: missing").contains("quantity: must be at least 1"));
            assertThat(Db.list(ds, "SELECT error_type FROM MB_INTAKE_ERROR")).containsOnly("MAPPING");
            // a refused claim set to REPLAY is reopened: its payload is not an order
            IntakeErrors.ErrorRow row = new IntakeErrors.ErrorRow(1, "COUPANG", "acct",
                    (String) Db.list(ds, "SELECT payload_ref FROM MB_INTAKE_ERROR ORDER BY error_id").get(1), "{}");
            assertThat(row.payloadRef()).isEqualTo("claimId:C2");
            assertThat(new io.marketbridge.intake.IntakeReplay(null, null, null, clock).replay(row).status()).isEqualTo(IntakeErrors.OPEN);
            // without files, the rows have nothing to wait for
            assertThat(Db.list(ds, "SELECT DISTINCT file_state FROM MB_CLAIM")).containsExactly("DELIVERED");
            assertThat(Files.exists(out.resolve("claims"))).isFalse();
        } finally {
            TestDatabases.drop("h2", schema);
        }
    }
}
