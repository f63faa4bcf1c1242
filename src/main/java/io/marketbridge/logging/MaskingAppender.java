package io.marketbridge.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.spi.AppenderAttachable;
import ch.qos.logback.core.spi.AppenderAttachableImpl;
import java.util.Iterator;

/**
 * Hands every event to its appenders masked (see {@link LogMasker}). Declared in logback.xml around the
 * console appender, and put around every other appender at start by {@link LogMasking#install()}, so an
 * operator's own logback file is masked too.
 *
 * <pre>
 * &lt;appender name="MASKED" class="io.marketbridge.logging.MaskingAppender"&gt;
 *   &lt;appender-ref ref="FILE"/&gt;
 * &lt;/appender&gt;
 * </pre>
 */
public class MaskingAppender extends UnsynchronizedAppenderBase<ILoggingEvent> implements AppenderAttachable<ILoggingEvent> {

    private final AppenderAttachableImpl<ILoggingEvent> appenders = new AppenderAttachableImpl<>();

    @Override
    protected void append(ILoggingEvent event) {
        appenders.appendLoopOnAppenders(event instanceof MaskedEvent ? event : new MaskedEvent(event));
    }

    @Override
    public void stop() {
        super.stop();
        Iterator<Appender<ILoggingEvent>> it = appenders.iteratorForAppenders();
        while (it.hasNext()) {
            it.next().stop();
        }
    }

    @Override
    public void addAppender(Appender<ILoggingEvent> appender) {
        appenders.addAppender(appender);
    }

    @Override
    public Iterator<Appender<ILoggingEvent>> iteratorForAppenders() {
        return appenders.iteratorForAppenders();
    }

    @Override
    public Appender<ILoggingEvent> getAppender(String name) {
        return appenders.getAppender(name);
    }

    @Override
    public boolean isAttached(Appender<ILoggingEvent> appender) {
        return appenders.isAttached(appender);
    }

    @Override
    public void detachAndStopAllAppenders() {
        appenders.detachAndStopAllAppenders();
    }

    @Override
    public boolean detachAppender(Appender<ILoggingEvent> appender) {
        return appenders.detachAppender(appender);
    }

    @Override
    public boolean detachAppender(String name) {
        return appenders.detachAppender(name);
    }
}
