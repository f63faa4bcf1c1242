package io.marketbridge.http;

import io.marketbridge.config.Account;
import io.marketbridge.config.AccountRegistry;
import io.marketbridge.intake.PollContext;
import io.marketbridge.marketplace.ApiRequest;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.apache.camel.Exchange;
import org.apache.camel.component.http.HttpActivityListener;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.concurrent.Cancellable;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.io.entity.HttpEntityWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A total deadline (connect + request + the whole answer read) and a size bound for every marketplace call.
 *
 * <p>HttpClient's timeouts are per read: a server that sends the headers and then one byte every few seconds resets
 * them forever and holds the poll's worker thread. So every client Camel's http and https components build gets an
 * outermost exec interceptor that schedules an abort of the request on one shared timer thread; the abort
 * ({@link Cancellable#cancel()} on the request, which discards its connection) closes the socket, and a read blocked
 * on it fails at once. camel-http reads the answer after the exec chain has returned, so the answer's entity is
 * wrapped: the deadline stays armed until the body is read and closed, and the wrapper counts the bytes.
 *
 * <p>To name the account and the call in its errors, the interceptor reads the Camel exchange from the HTTP context;
 * camel-http puts it there only for an endpoint with an activity listener, which is why this class is also the
 * components' (otherwise silent) {@link HttpActivityListener}.
 */
public final class CallDeadlines implements HttpClientConfigurer, HttpActivityListener, AutoCloseable {

    public static final String DEADLINE_PROPERTY = "marketbridge.http.call-deadline-ms";
    public static final String MAX_BYTES_PROPERTY = "marketbridge.http.max-response-bytes";
    /** Per-account override of the deadline, an ISO-8601 duration (a common account key). */
    public static final String ACCOUNT_KEY = "call-deadline";
    public static final long DEFAULT_DEADLINE_MS = 60_000;
    /** 32 MiB: an 11st answer of 3,000 rows (no paging there) is about 10 MB; Coupang's 50-order pages are far below. */
    public static final long DEFAULT_MAX_BYTES = 32L * 1024 * 1024;
    /** The attribute camel-http sets on the HTTP context when the endpoint has an activity listener. */
    static final String EXCHANGE_ATTRIBUTE = "org.apache.camel.Exchange";

    private static final Logger LOG = LoggerFactory.getLogger(CallDeadlines.class);

    private final Duration defaultDeadline;
    private final long maxResponseBytes;
    private final ScheduledThreadPoolExecutor timer;

    public CallDeadlines(Duration defaultDeadline, long maxResponseBytes) {
        if (defaultDeadline.isNegative() || defaultDeadline.isZero()) {
            throw new IllegalArgumentException(DEADLINE_PROPERTY + " must be more than 0, not " + defaultDeadline.toMillis());
        }
        if (maxResponseBytes <= 0) {
            throw new IllegalArgumentException(MAX_BYTES_PROPERTY + " must be more than 0, not " + maxResponseBytes);
        }
        this.defaultDeadline = defaultDeadline;
        this.maxResponseBytes = maxResponseBytes;
        // one thread only arms and fires aborts; cancelled timers leave its queue at once (one per call)
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "marketbridge-call-deadlines");
            t.setDaemon(true);
            return t;
        });
        this.timer.setRemoveOnCancelPolicy(true);
    }

    /** From marketbridge.http.call-deadline-ms and marketbridge.http.max-response-bytes (unset: the defaults). */
    public static CallDeadlines from(Function<String, String> properties) {
        return new CallDeadlines(Duration.ofMillis(number(properties, DEADLINE_PROPERTY, DEFAULT_DEADLINE_MS)),
                number(properties, MAX_BYTES_PROPERTY, DEFAULT_MAX_BYTES));
    }

    private static long number(Function<String, String> properties, String key, long defaultValue) {
        String value = properties.apply(key);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, not '" + value.trim() + "'");
        }
    }

    public Duration defaultDeadline() {
        return defaultDeadline;
    }

    public long maxResponseBytes() {
        return maxResponseBytes;
    }

    @Override
    public void configureHttpClient(HttpClientBuilder builder) {
        // first = outermost: the deadline covers the connection lease, connect, redirects and the answer
        builder.addExecInterceptorFirst("marketbridge-call-deadline", this::execute);
    }

    ClassicHttpResponse execute(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
            throws IOException, HttpException {
        Call call = start(request, scope);
        ClassicHttpResponse response;
        try {
            response = chain.proceed(request, scope);
        } catch (IOException | HttpException | RuntimeException e) {
            call.end();
            if (call.passed()) {
                throw call.deadlinePassed();
            }
            throw e;
        }
        HttpEntity entity = response.getEntity();
        if (entity == null) {
            call.end();
            return response;
        }
        if (entity.getContentLength() > maxResponseBytes) {
            call.abort(); // refused before a byte of it is read; the connection is not reused
            call.end();
            throw call.tooLarge(entity.getContentLength() + " bytes announced");
        }
        response.setEntity(new GuardedEntity(entity, call));
        return response;
    }

    private Call start(ClassicHttpRequest request, ExecChain.Scope scope) {
        Object attribute = scope.clientContext.getAttribute(EXCHANGE_ATTRIBUTE);
        Exchange exchange = attribute instanceof Exchange e ? e : null;
        PollContext poll = exchange == null ? null : exchange.getProperty(PollContext.PROPERTY, PollContext.class);
        Account account = poll == null ? null : poll.getAccount();
        Duration deadline = defaultDeadline;
        if (account != null && account.get(ACCOUNT_KEY) != null) {
            deadline = account.duration(ACCOUNT_KEY);
        }
        Call call = new Call(describe(request, exchange, account), account, deadline,
                scope.originalRequest instanceof Cancellable c ? c : null, scope);
        call.timer = timer.schedule(call::expire, deadline.toMillis(), TimeUnit.MILLISECONDS);
        return call;
    }

    /** "coupang call 'ordersheets ...' for account acme": no query string, body or header (keys, buyers). */
    private static String describe(ClassicHttpRequest request, Exchange exchange, Account account) {
        String path = request.getPath() == null ? "/" : request.getPath().replaceFirst("\\?.*$", "");
        ApiRequest api = exchange == null ? null : exchange.getProperty(ApiRequest.PROPERTY, ApiRequest.class);
        String what = api != null && path.endsWith(api.path()) ? api.purpose() : request.getMethod() + " " + path;
        if (account == null) {
            return "call '" + what + "' to " + request.getAuthority();
        }
        return account.marketplace() + " call '" + what + "' for account " + account.id();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    @Override
    public void onRequestSubmitted(Object source, Exchange exchange, HttpHost host, HttpRequest request, HttpEntity entity) {
        // nothing: registered only so that camel-http hands the exchange to the interceptor (see the class comment)
    }

    @Override
    public void onResponseReceived(Object source, Exchange exchange, HttpHost host, HttpResponse response, HttpEntity entity,
                                   long elapsed) {
        // nothing
    }

    private static String shown(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : ms + " ms";
    }

    /** One call in flight: its timer, whether it expired, and how much of its answer was read. */
    private final class Call {
        private final String description;
        private final Account account;
        private final Duration deadline;
        private final long deadlineNanos;
        private final Cancellable request;
        private final ExecChain.Scope scope;
        private final AtomicBoolean expired = new AtomicBoolean();
        private volatile ScheduledFuture<?> timer;
        private volatile long bytesRead;

        Call(String description, Account account, Duration deadline, Cancellable request, ExecChain.Scope scope) {
            this.description = description;
            this.account = account;
            this.deadline = deadline;
            this.deadlineNanos = System.nanoTime() + deadline.toNanos();
            this.request = request;
            this.scope = scope;
        }

        /** On the timer thread: closes the connection, which wakes a read blocked on it. */
        void expire() {
            if (expired.compareAndSet(false, true)) {
                LOG.debug("{} passed its deadline of {}: aborting it", description, shown(deadline));
                abort();
            }
        }

        void abort() {
            try {
                if (request != null) {
                    request.cancel();
                } else {
                    scope.execRuntime.discardEndpoint();
                }
            } catch (RuntimeException e) {
                LOG.debug("Aborting {} failed: {}", description, e.toString());
            }
        }

        void end() {
            ScheduledFuture<?> t = timer;
            if (t != null) {
                t.cancel(false);
            }
        }

        boolean passed() {
            return expired.get() || System.nanoTime() - deadlineNanos >= 0;
        }

        CallDeadlineException deadlinePassed() {
            String override = account == null ? ""
                    : " or " + AccountRegistry.property(account.id(), ACCOUNT_KEY);
            return new CallDeadlineException(description + " passed its deadline of " + shown(deadline)
                    + " (connect + request + whole answer; " + bytesRead + " bytes of the answer read) and was aborted;"
                    + " the deadline is " + DEADLINE_PROPERTY + override);
        }

        ResponseTooLargeException tooLarge(String seen) {
            return new ResponseTooLargeException(description + ": the answer is larger than " + MAX_BYTES_PROPERTY
                    + " = " + maxResponseBytes + " bytes (" + seen + "); refused without retrying - raise the limit if"
                    + " answers this large are expected");
        }
    }

    /** The answer's entity, read through {@link GuardedStream}; the deadline ends when the stream is closed. */
    private final class GuardedEntity extends HttpEntityWrapper {
        private final Call call;
        private GuardedStream stream;

        GuardedEntity(HttpEntity wrapped, Call call) {
            super(wrapped);
            this.call = call;
        }

        @Override
        public synchronized InputStream getContent() throws IOException {
            if (stream == null) {
                InputStream content = super.getContent();
                if (content == null) {
                    call.end();
                    return null;
                }
                stream = new GuardedStream(content, call, getContentLength());
            }
            return stream;
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            try (InputStream in = getContent()) {
                if (in != null) {
                    in.transferTo(out);
                }
            }
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                call.end();
            }
        }
    }

    private final class GuardedStream extends FilterInputStream {
        private final Call call;
        private final long length;
        private boolean eof;
        private boolean closed;

        GuardedStream(InputStream in, Call call, long length) {
            super(in);
            this.call = call;
            this.length = length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n <= 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n;
            try {
                n = super.read(b, off, len);
            } catch (IOException | RuntimeException e) {
                if (call.passed()) {
                    call.abort();
                    throw call.deadlinePassed();
                }
                throw e;
            }
            if (n < 0) {
                eof = true;
                return n;
            }
            call.bytesRead += n;
            if (call.bytesRead > maxResponseBytes) {
                call.abort();
                throw call.tooLarge("more than that read");
            }
            if (n > 0 && call.passed()) { // the timer has not run yet: the answer is late all the same
                call.abort();
                throw call.deadlinePassed();
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] buffer = new byte[(int) Math.min(8192, Math.max(n, 1))];
            int read = read(buffer, 0, (int) Math.min(buffer.length, n));
            return Math.max(read, 0);
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try {
                if (!eof && (length < 0 || call.bytesRead < length)) {
                    // closing an unfinished answer would read the rest of it (to reuse the connection): drop it instead
                    call.abort();
                }
                super.close();
            } finally {
                call.end();
            }
        }
    }
}
