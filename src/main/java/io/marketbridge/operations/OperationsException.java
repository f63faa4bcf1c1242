package io.marketbridge.operations;

/** A management request that cannot be done, with the HTTP status it answers (routes/operations.camel.yaml). */
public class OperationsException extends RuntimeException {

    private final int status;

    public OperationsException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static OperationsException notFound(String message) {
        return new OperationsException(404, message);
    }

    public static OperationsException conflict(String message) {
        return new OperationsException(409, message);
    }

    public static OperationsException refused(String message) {
        return new OperationsException(403, message);
    }
}
