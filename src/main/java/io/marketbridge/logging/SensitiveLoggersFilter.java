package io.marketbridge.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.List;
import org.slf4j.Marker;

/**
 * Loggers that print whole HTTP messages or exchange bodies, and with them signed headers and buyers' names,
 * phones and addresses, which no pattern can recognise. Their events are refused whatever level a logback
 * file or JMX gives them:
 * <ul>
 *   <li>{@code org.apache.hc.client5.http.wire} and {@code .headers}: the HTTP client's wire log (every byte
 *   sent and received: openapikey, Authorization, order bodies);</li>
 *   <li>{@code org.apache.camel.Tracing}: Camel's tracer prints each exchange with its body;</li>
 *   <li>{@code org.apache.camel.component.bean}: at TRACE, the bean component prints every argument it binds, and
 *   a step taking the marketplace's answer as {@code @Body String} would print the whole order list.</li>
 * </ul>
 * Installed by {@link LogMasking#install()} (and declared in logback.xml).
 */
public class SensitiveLoggersFilter extends TurboFilter {

    static final List<String> REFUSED = List.of(
            "org.apache.hc.client5.http.wire",
            "org.apache.hc.client5.http.headers",
            "org.apache.camel.Tracing",
            "org.apache.camel.component.bean");

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (logger == null) {
            return FilterReply.NEUTRAL;
        }
        String name = logger.getName();
        for (String refused : REFUSED) {
            if (name.startsWith(refused) && (name.length() == refused.length() || name.charAt(refused.length()) == '.')) {
                return FilterReply.DENY;
            }
        }
        return FilterReply.NEUTRAL;
    }
}
