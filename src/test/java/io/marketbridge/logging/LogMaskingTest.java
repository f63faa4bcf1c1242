package io.marketbridge.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.ContextInitializer;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An operator's own logback file (root at TRACE, a plain file appender, the HTTP wire loggers switched on)
 * knows nothing of the masking; {@link LogMasking#install()} masks it anyway, and again after the file is
 * reloaded.
 */
class LogMaskingTest {

    private static final String SECRET = "Zq8-operator-file-secret-5521";

    @TempDir
    Path dir;

    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();

    @BeforeEach
    void protect() {
        LogMasker.protect(SECRET);
    }

    @AfterEach
    void restoreShippedConfiguration() throws Exception {
        LogMasker.forgetProtected();
        context.reset();
        new ContextInitializer(context).autoConfig();
    }

    @Test
    void anOperatorsOwnLogbackFileIsMaskedAndKeepsTheWireLogsOut() throws Exception {
        Path log = dir.resolve("operator.log");
        configure(operatorFile(log));
        Logger app = LoggerFactory.getLogger("io.marketbridge.test");
        Logger wire = LoggerFactory.getLogger("org.apache.hc.client5.http.wire");
        Logger properties = LoggerFactory.getLogger("org.apache.camel.component.properties.DefaultPropertiesParser");

        // in a JVM where the runtime already started once, every reload is masked from the start
        boolean installedBefore = LogMasking.installed();
        app.debug("before install {}", SECRET);
        LogMasking.install();
        app.debug("signing with {} for buyer {}", SECRET, "010-2222-3333");
        app.error("poll failed", new IllegalStateException("bad answer", new RuntimeException("key " + SECRET)));
        wire.debug("http-outgoing-0 >> \"openapikey: {}\"", "a-wire-key-123");
        // the bean component prints the arguments it binds: a step taking an answer as @Body String prints the orders
        LoggerFactory.getLogger("org.apache.camel.component.bean.MethodInfo")
                .trace("Parameter #1 evaluated as: {}", "{\"ReceiverName\":\"bound-argument-name\"}");
        properties.debug("Found property: {} with value: {} to be used.", "marketbridge.account.x.client-id", "cid-plain-value");

        String written = Files.readString(log, StandardCharsets.UTF_8);
        if (!installedBefore) {
            assertThat(written).as("the file before install shows what an unmasked file would").contains("before install " + SECRET);
        }
        String after = written.substring(written.indexOf("signing with"));
        assertThat(after).doesNotContain(SECRET).doesNotContain("010-2222-3333")
                .contains("signing with ****** for buyer ******")
                .contains("java.lang.RuntimeException: key ******");
        assertThat(after).doesNotContain("a-wire-key-123").doesNotContain("http-outgoing");
        assertThat(after).doesNotContain("bound-argument-name");
        assertThat(after).contains("Found property: marketbridge.account.x.client-id with value: ******").doesNotContain("cid-plain-value");

        // the operator edits the file and logback reloads it: the new appenders are masked too
        Path reloaded = dir.resolve("reloaded.log");
        configure(operatorFile(reloaded));
        app.info("after reload {}", SECRET);
        wire.debug("after reload wire line");
        String second = Files.readString(reloaded, StandardCharsets.UTF_8);
        assertThat(second).contains("after reload ******").doesNotContain(SECRET).doesNotContain("wire line");
    }

    @Test
    void theShippedLogbackFileMasksWithoutInstall() {
        // the shipped file declares the masking appender and the filter: nothing to install
        assertThat(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("MASKED")).isInstanceOf(MaskingAppender.class);
        assertThat(context.getTurboFilterList()).anyMatch(f -> f instanceof SensitiveLoggersFilter);
    }

    private String operatorFile(Path log) {
        return """
                <configuration>
                  <appender name="FILE" class="ch.qos.logback.core.FileAppender">
                    <file>%s</file>
                    <encoder><pattern>%%-5level %%logger - %%msg%%n</pattern></encoder>
                  </appender>
                  <logger name="org.apache.hc.client5.http.wire" level="TRACE"/>
                  <root level="TRACE"><appender-ref ref="FILE"/></root>
                </configuration>
                """.formatted(log.toAbsolutePath());
    }

    private void configure(String xml) throws Exception {
        context.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
