package io.workflow.adapters.postgres;

/**
 * The connection pool at one instant: connections lent out ({@code active}) and waiting in the pool
 * ({@code idle}), threads waiting for one ({@code pending}), and the pool's size ({@code max}).
 */
public record PoolUsage(int active, int idle, int pending, int max) {
}
