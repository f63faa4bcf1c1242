package io.marketbridge.config;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.marketbridge.marketplace.MarketplaceConnectors;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** A configuration written for an earlier version keeps starting: former names and retired keys are read with a warning. */
class FormerConfigurationTest {

    @TempDir
    Path dir;

    private final Logger registryLogger = (Logger) LoggerFactory.getLogger(AccountRegistry.class);
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private DefaultCamelContext context;

    @BeforeEach
    void captureLog() {
        log.start();
        registryLogger.addAppender(log);
    }

    @AfterEach
    void release() {
        registryLogger.detachAppender(log);
        if (context != null) {
            context.stop();
        }
    }

    private AccountRegistry load(String fileText) throws Exception {
        Path file = dir.resolve("accounts.properties");
        Files.writeString(file, fileText, StandardCharsets.UTF_8);
        context = new DefaultCamelContext();
        PropertiesComponent pc = context.getPropertiesComponent();
        pc.setEncoding("UTF-8");
        pc.setLocation("file:" + file);
        context.start();
        AccountRegistry registry = new AccountRegistry(MarketplaceConnectors.discover());
        registry.load(pc);
        return registry;
    }

    private List<String> lines(Level level) {
        return log.list.stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void theFormerNameOf11stIsReadAsElevenstWithAWarning() throws Exception {
        AccountRegistry registry = load("""
                marketbridge.account.old-11st.marketplace = 11st
                marketbridge.account.old-11st.api-key = abcdefgh12345678
                """);

        assertThat(registry.rejected()).isEmpty();
        assertThat(registry.accounts()).extracting(Account::marketplace).containsExactly("elevenst");
        assertThat(lines(Level.WARN)).anySatisfy(line -> assertThat(line)
                .contains("marketbridge.account.old-11st.marketplace = 11st is the former name; write elevenst"));
        assertThat(lines(Level.ERROR)).isEmpty();
    }

    @Test
    void aRetiredEsmKeyIsIgnoredWithAWarningNamingWhatReplacedIt() throws Exception {
        AccountRegistry registry = load("""
                marketbridge.account.old-esm.marketplace = esm
                marketbridge.account.old-esm.master-id = acmemaster
                marketbridge.account.old-esm.secret-key = s3cret-key-for-the-test-0123456789
                marketbridge.account.old-esm.gmarket-seller-id = acmegmk
                marketbridge.account.old-esm.order-query-interval-ms = 6000
                marketbridge.account.old-esm.order-query-max-wait = PT1M
                """);

        assertThat(registry.rejected()).isEmpty();
        assertThat(registry.accounts()).extracting(Account::id).containsExactly("old-esm");
        assertThat(lines(Level.WARN))
                .anySatisfy(line -> assertThat(line).contains("marketbridge.account.old-esm.order-query-interval-ms is no"
                        + " longer read: the interval is the node's marketbridge.esm.order-query-interval-ms"))
                .anySatisfy(line -> assertThat(line).contains("marketbridge.account.old-esm.order-query-max-wait is no"
                        + " longer read"));
    }
}
