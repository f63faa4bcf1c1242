package io.marketbridge.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.LoggerContextVO;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;
import org.slf4j.helpers.MessageFormatter;

/**
 * A log event as appenders see it: the message, the exception text and the key-value pairs masked by
 * {@link LogMasker}; the arguments are dropped so that no encoder (JSON encoders print them apart) can show
 * them unmasked.
 */
final class MaskedEvent implements ILoggingEvent {

    /** Camel's property resolution prints every value it resolves; from these loggers only keys and sources are kept. */
    static final String PROPERTIES_LOGGERS = "org.apache.camel.component.properties";

    /** A placeholder preceded by one of these shows a key, a function, a source or a location, never a value. */
    private static final List<String> NAME_POSITIONS = List.of("name:", "key [", "function [", "source:", "uri",
            "property:", "lookup):", "location:");

    private final ILoggingEvent event;
    private String message;

    MaskedEvent(ILoggingEvent event) {
        this.event = event;
    }

    @Override
    public String getFormattedMessage() {
        if (message == null) {
            String formatted = event.getLoggerName() != null && event.getLoggerName().startsWith(PROPERTIES_LOGGERS)
                    ? withoutValues(event.getMessage(), event.getArgumentArray())
                    : event.getFormattedMessage();
            message = LogMasker.mask(formatted);
        }
        return message;
    }

    /** The message with every argument that stands for a value (not a key name or a source) replaced. */
    static String withoutValues(String template, Object[] args) {
        if (template == null || args == null || args.length == 0) {
            return MessageFormatter.basicArrayFormat(template, args);
        }
        Object[] shown = new Object[args.length];
        int from = 0;
        for (int i = 0; i < args.length; i++) {
            int at = template.indexOf("{}", from);
            if (at < 0) {
                break;
            }
            String before = template.substring(from, at).trim().toLowerCase();
            shown[i] = NAME_POSITIONS.stream().anyMatch(before::endsWith) ? args[i] : LogMasker.MASK;
            from = at + 2;
        }
        return MessageFormatter.basicArrayFormat(template, shown);
    }

    @Override
    public String getMessage() {
        return getFormattedMessage();
    }

    @Override
    public Object[] getArgumentArray() {
        return null;
    }

    @Override
    public IThrowableProxy getThrowableProxy() {
        return MaskedThrowableProxy.of(event.getThrowableProxy());
    }

    @Override
    public List<KeyValuePair> getKeyValuePairs() {
        List<KeyValuePair> pairs = event.getKeyValuePairs();
        if (pairs == null || pairs.isEmpty()) {
            return pairs;
        }
        return pairs.stream().map(p -> new KeyValuePair(p.key, LogMasker.isSensitiveName(p.key)
                ? LogMasker.MASK : LogMasker.mask(String.valueOf(p.value)))).toList();
    }

    @Override
    public void prepareForDeferredProcessing() {
        event.prepareForDeferredProcessing();
        getFormattedMessage();
    }

    @Override
    public String getThreadName() {
        return event.getThreadName();
    }

    @Override
    public Level getLevel() {
        return event.getLevel();
    }

    @Override
    public String getLoggerName() {
        return event.getLoggerName();
    }

    @Override
    public LoggerContextVO getLoggerContextVO() {
        return event.getLoggerContextVO();
    }

    @Override
    public StackTraceElement[] getCallerData() {
        return event.getCallerData();
    }

    @Override
    public boolean hasCallerData() {
        return event.hasCallerData();
    }

    @Override
    @SuppressWarnings("deprecation")
    public Marker getMarker() {
        return event.getMarker();
    }

    @Override
    public List<Marker> getMarkerList() {
        return event.getMarkerList();
    }

    @Override
    public Map<String, String> getMDCPropertyMap() {
        return event.getMDCPropertyMap();
    }

    @Override
    @SuppressWarnings("deprecation")
    public Map<String, String> getMdc() {
        return event.getMdc();
    }

    @Override
    public long getTimeStamp() {
        return event.getTimeStamp();
    }

    @Override
    public int getNanoseconds() {
        return event.getNanoseconds();
    }

    @Override
    public Instant getInstant() {
        return event.getInstant();
    }

    @Override
    public long getSequenceNumber() {
        return event.getSequenceNumber();
    }

    @Override
    public String toString() {
        return "[" + getLevel() + "] " + getFormattedMessage();
    }
}
