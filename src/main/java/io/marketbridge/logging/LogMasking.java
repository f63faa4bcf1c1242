package io.marketbridge.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.spi.ConfigurationEvent;
import ch.qos.logback.core.spi.ConfigurationEventListener;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Puts the masking into whatever logback configuration the runtime started with: the shipped logback.xml or
 * an operator's own file ({@code -Dlogback.configurationFile=...}), which need not mention it. Every appender
 * attached to a logger is wrapped in a {@link MaskingAppender}, and the {@link SensitiveLoggersFilter} is
 * added; both again after logback reloads its file ({@code scan="true"}).
 */
public final class LogMasking {

    private static final ConfigurationEventListener ON_RECONFIGURE = event -> {
        // after a reload, and after a failed one that fell back to the previous file
        if (event.getEventType().name().contains("ENDED")) {
            apply();
        }
    };
    private static boolean listening;

    private LogMasking() {
    }

    /** Masks every appender of the running logback context; does nothing when logback is not the SLF4J binding. */
    public static synchronized void install() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        apply();
        if (!listening) {
            context.addConfigurationEventListener(ON_RECONFIGURE);
            listening = true;
        }
    }

    /** Whether {@link #install()} ran in this JVM (from then on every reload of logback is masked too). */
    static synchronized boolean installed() {
        return listening;
    }

    private static synchronized void apply() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        boolean filtered = context.getTurboFilterList().stream().anyMatch(f -> f instanceof SensitiveLoggersFilter);
        if (!filtered) {
            TurboFilter filter = new SensitiveLoggersFilter();
            filter.setContext(context);
            filter.setName("sensitive-loggers");
            filter.start();
            context.addTurboFilter(filter);
        }
        // an appender shared by several loggers gets one wrapper
        Map<Appender<ILoggingEvent>, MaskingAppender> wrappers = new IdentityHashMap<>();
        for (Logger logger : context.getLoggerList()) {
            List<Appender<ILoggingEvent>> unmasked = new ArrayList<>();
            for (Iterator<Appender<ILoggingEvent>> it = logger.iteratorForAppenders(); it.hasNext(); ) {
                Appender<ILoggingEvent> appender = it.next();
                if (!(appender instanceof MaskingAppender)) {
                    unmasked.add(appender);
                }
            }
            for (Appender<ILoggingEvent> appender : unmasked) {
                MaskingAppender wrapper = wrappers.computeIfAbsent(appender, a -> {
                    MaskingAppender w = new MaskingAppender();
                    w.setContext(context);
                    w.setName("masked-" + a.getName());
                    w.addAppender(a);
                    w.start();
                    return w;
                });
                // detach first: an event in between is lost rather than written unmasked
                logger.detachAppender(appender);
                logger.addAppender(wrapper);
            }
        }
    }
}
