package io.workflow.domain.port;

/**
 * The store that keeps workflows and runs cannot be reached right now (its server is restarting,
 * the connection to it broke) and did not come back within the adapter's short, bounded retry.
 * A read that meets it found nothing out; a write may or may not have taken effect, but the
 * adapters retry writes only where doing it twice is harmless. The caller may try again later.
 */
public final class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
