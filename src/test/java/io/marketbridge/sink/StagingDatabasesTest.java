package io.marketbridge.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.marketbridge.db.Database;
import io.marketbridge.intake.Confirmations;
import io.marketbridge.intake.CursorStore;
import io.marketbridge.intake.IntakeErrors;
import io.marketbridge.intake.OrderChanges;
import io.marketbridge.intake.OrderIntake;
import io.marketbridge.marketplace.ErrorType;
import io.marketbridge.marketplace.coupang.CoupangOrderMapper;
import io.marketbridge.support.Fixtures;
import io.marketbridge.support.TestDatabases;
import io.marketbridge.order.Marketplace;
import io.marketbridge.order.Order;
import io.marketbridge.order.Receiver;
import io.marketbridge.support.Db;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The staging tables and the idempotent writes on every supported database: H2 always; PostgreSQL and
 * MariaDB on 127.0.0.1 when they answer (CI starts them; elsewhere the case is skipped with the reason).
 * Each run works in a schema of its own and drops it afterwards.
 */
class StagingDatabasesTest {

    @TempDir
    Path out;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgresql", "mariadb"})
    void migratesAndWritesEachOrderExactlyOnce(String vendor) throws Exception {
        String schema = TestDatabases.newSchema();
        String url = TestDatabases.prepare(vendor, schema);
        try (HikariDataSource ds = Database.open(url, TestDatabases.user(vendor), "", 4)) {
            assertThat(Database.migrate(ds)).isIn(vendor, "mysql");
            Clock clock = Clock.systemUTC();
            FileSink files = new FileSink(new FileSinkSettings(true, out, Set.of("json", "csv"), "UTF-8", false, false));
            OrderChanges changes = new OrderChanges(ds, files, clock);
            OrderIntake intake = new OrderIntake(ds, new DatabaseSink(true), files, changes, new IntakeErrors(ds, clock), clock);
            Confirmations confirmations = new Confirmations(ds, clock);

            Order order = CoupangOrderMapper.map("acct-db", Fixtures.elements(Fixtures.json("coupang/ordersheets-v5-split.json")));
            Order firstBoxOnly = new Order(order.marketplace(), order.accountId(), order.orderId(), order.orderedAt(),
                    order.paidAt(), order.status(), order.marketplaceStatus(), order.buyer(), order.receiver(),
                    order.deliveryMessage(), order.customsId(), order.currency(), order.itemsAmount(),
                    order.discountAmount(), order.shippingFee(), order.paidAmount(), order.lines().subList(0, 1),
                    order.rawPayload());

            assertThat(intake.deliver(firstBoxOnly, true)).isEqualTo(OrderIntake.Outcome.NEW);
            assertThat(intake.deliver(firstBoxOnly, true)).isEqualTo(OrderIntake.Outcome.DUPLICATE);
            // the second box arrives later: its line is added and the change is said, never a rewrite
            assertThat(intake.deliver(order, true)).isEqualTo(OrderIntake.Outcome.LINES_ADDED);
            assertThat(intake.deliver(order, true)).isEqualTo(OrderIntake.Outcome.DUPLICATE);
            intake.writeCsvBatches("acct-db");
            intake.writeCsvBatches("acct-db");

            assertThat(Db.count(ds, "SELECT COUNT(*) FROM MB_ORDER")).isEqualTo(1);
            assertThat(Db.count(ds, "SELECT COUNT(*) FROM MB_ORDER_LINE")).isEqualTo(2);
            assertThat(Db.count(ds, "SELECT COUNT(*) FROM MB_ORDER_CHANGE WHERE change_type = 'LINES_ADDED'")).isEqualTo(1);
            assertThat(Db.list(ds, "SELECT receiver_name FROM MB_ORDER")).containsExactly("테스트수령인");
            assertThat(Db.list(ds, "SELECT paid_amount FROM MB_ORDER").get(0).toString()).startsWith("46899.5");
            assertThat(Db.list(ds, "SELECT erp_status FROM MB_ORDER")).containsExactly("NEW");
            assertThat(confirmations.pending("acct-db")).containsExactlyInAnyOrder("310000000000101", "310000000000102");
            try (Stream<Path> csv = Files.list(out.resolve("csv"))) {
                assertThat(csv.toList()).hasSize(1);
            }

            Receiver moved = new Receiver("테스트수령인", "0502-3333-4444", null, "06236", "서울특별시 강남구 테헤란로 152", "3층");
            assertThat(changes.recordReceiver(Marketplace.COUPANG, "acct-db", order.orderId(), moved, "문 앞에 놓아주세요")).isTrue();
            assertThat(changes.recordReceiver(Marketplace.COUPANG, "acct-db", order.orderId(), moved, "문 앞에 놓아주세요")).isFalse();
            assertThat(Db.list(ds, "SELECT receiver_postcode FROM MB_ORDER_CHANGE WHERE change_type = 'ADDRESS_CHANGED'"))
                    .containsExactly("06236");

            IntakeErrors errors = new IntakeErrors(ds, clock);
            errors.record(Marketplace.COUPANG, "acct-db", "shipmentBoxId:1", ErrorType.MAPPING, "orderItems is missing", "[]");
            errors.record(Marketplace.COUPANG, "acct-db", "shipmentBoxId:1", ErrorType.MAPPING, "orderItems is missing", "[]");
            assertThat(Db.list(ds, "SELECT occurrences FROM MB_INTAKE_ERROR").get(0).toString()).isEqualTo("2");

            CursorStore cursors = new CursorStore(ds, null, clock);
            Instant at = Instant.parse("2026-11-20T01:02:03Z");
            cursors.store("acct-db", "orders", at);
            cursors.store("acct-db", "orders", at.plusSeconds(60));
            assertThat(cursors.load("acct-db", "orders")).isEqualTo(at.plusSeconds(60));
        } finally {
            TestDatabases.drop(vendor, schema);
        }
    }

}
