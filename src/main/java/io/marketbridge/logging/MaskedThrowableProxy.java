package io.marketbridge.logging;

import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;

/** An exception as the log prints it, with its message (and its causes' and suppressed ones') masked. */
final class MaskedThrowableProxy implements IThrowableProxy {

    private final IThrowableProxy proxy;

    private MaskedThrowableProxy(IThrowableProxy proxy) {
        this.proxy = proxy;
    }

    static IThrowableProxy of(IThrowableProxy proxy) {
        return proxy == null || proxy instanceof MaskedThrowableProxy ? proxy : new MaskedThrowableProxy(proxy);
    }

    @Override
    public String getMessage() {
        return LogMasker.mask(proxy.getMessage());
    }

    @Override
    public String getOverridingMessage() {
        return LogMasker.mask(proxy.getOverridingMessage());
    }

    @Override
    public String getClassName() {
        return proxy.getClassName();
    }

    @Override
    public StackTraceElementProxy[] getStackTraceElementProxyArray() {
        return proxy.getStackTraceElementProxyArray();
    }

    @Override
    public int getCommonFrames() {
        return proxy.getCommonFrames();
    }

    @Override
    public IThrowableProxy getCause() {
        return of(proxy.getCause());
    }

    @Override
    public IThrowableProxy[] getSuppressed() {
        IThrowableProxy[] suppressed = proxy.getSuppressed();
        if (suppressed == null) {
            return null;
        }
        IThrowableProxy[] masked = new IThrowableProxy[suppressed.length];
        for (int i = 0; i < suppressed.length; i++) {
            masked[i] = of(suppressed[i]);
        }
        return masked;
    }

    @Override
    public boolean isCyclic() {
        return proxy.isCyclic();
    }
}
